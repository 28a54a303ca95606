const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** The ReDoc page (FastAPI's `get_redoc_html`, without the web fonts: it must work offline). */
export function redocHtml(options: { readonly title: string; readonly openapiUrl: string; readonly scriptUrl: string }): string {
  return `<!DOCTYPE html>
<html>
<head>
<title>${escapeHtml(options.title)}</title>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { margin: 0; padding: 0; }</style>
</head>
<body>
<noscript>ReDoc requires Javascript to function. Please enable it to browse the documentation.</noscript>
<redoc spec-url="${escapeHtml(options.openapiUrl)}"></redoc>
<script src="${escapeHtml(options.scriptUrl)}"></script>
</body>
</html>
`;
}
