import type { SwaggerUiInitOAuth } from './swagger-ui-init-oauth';

/** What the Swagger UI page needs: where its assets, the document and the OAuth2 redirect page are. */
export interface SwaggerUiPage {
  readonly title: string;
  readonly openapiUrl: string;
  readonly jsUrl: string;
  readonly cssUrl: string;
  readonly faviconUrl: string;
  /** A path on this origin; the page prefixes `window.location.origin`, as FastAPI's does. */
  readonly oauth2RedirectUrl: string | null;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly initOAuth: SwaggerUiInitOAuth | undefined;
}

/** FastAPI's `swagger_ui_default_parameters`: what `swaggerUiParameters` is merged onto. */
export const SWAGGER_UI_DEFAULT_PARAMETERS: Readonly<Record<string, unknown>> = {
  dom_id: '#swagger-ui',
  layout: 'BaseLayout',
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** JSON that is safe inside a `<script>` element (no `</script>`, no HTML comment opener). */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The Swagger UI page, as FastAPI's `get_swagger_ui_html` writes it: the document is loaded
 * from `openapiUrl` and the OAuth2 flows come back to `oauth2RedirectUrl`.
 */
export function swaggerUiHtml(page: SwaggerUiPage): string {
  const parameters = Object.entries({ ...SWAGGER_UI_DEFAULT_PARAMETERS, ...page.parameters })
    .map(([key, value]) => `    ${scriptJson(key)}: ${scriptJson(value)},\n`)
    .join('');
  const redirect = page.oauth2RedirectUrl === null ? '' : `    oauth2RedirectUrl: window.location.origin + ${scriptJson(page.oauth2RedirectUrl)},\n`;
  const initOAuth = page.initOAuth === undefined ? '' : `ui.initOAuth(${scriptJson(page.initOAuth)})\n`;
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8"/>
<link type="text/css" rel="stylesheet" href="${escapeHtml(page.cssUrl)}">
<link rel="shortcut icon" href="${escapeHtml(page.faviconUrl)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<div id="swagger-ui">
</div>
<script src="${escapeHtml(page.jsUrl)}"></script>
<!-- \`SwaggerUIBundle\` is now available on the page -->
<script>
const ui = SwaggerUIBundle({
    url: ${scriptJson(page.openapiUrl)},
${parameters}${redirect}    presets: [
        SwaggerUIBundle.presets.apis,
        SwaggerUIBundle.SwaggerUIStandalonePreset
    ],
})
${initOAuth}</script>
</body>
</html>
`;
}
