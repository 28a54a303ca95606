import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Swagger UI's files from `swagger-ui-dist`, read once at start-up and served by the app (no CDN). */
export interface SwaggerUiAssets {
  readonly js: Buffer;
  readonly css: Buffer;
  readonly favicon: Buffer;
  /** The OAuth2 redirect page with swagger-ui-dist's script inlined, as FastAPI's page is one response. */
  readonly oauth2RedirectHtml: string;
}

export async function readSwaggerUiAssets(): Promise<SwaggerUiAssets> {
  const root = dirname(require.resolve('swagger-ui-dist/package.json'));
  const [js, css, favicon, redirectScript] = await Promise.all(
    ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'oauth2-redirect.js'].map((file) => readFile(join(root, file))),
  );
  const oauth2RedirectHtml = `<!doctype html>
<html lang="en-US">
<head>
<title>Swagger UI: OAuth2 Redirect</title>
</head>
<body>
<script>
${redirectScript!.toString('utf8').replace(/<\/script/gi, '<\\/script')}
</script>
</body>
</html>
`;
  return { js: js!, css: css!, favicon: favicon!, oauth2RedirectHtml };
}
