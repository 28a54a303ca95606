import { readFile } from 'node:fs/promises';
import type { TrellisApp } from '@trellis/fastify';
import { Response, type RouteDescription } from '@trellis/metadata';
import { buildOpenAPIDocument, type ValidationErrorDoc } from './document/build-openapi-document';
import type { ContactObject, ExternalDocsObject, InfoObject, LicenseObject, OpenAPIDocument, ServerObject, TagObject } from './document/openapi-types';
import { docsController, type DocsRoute } from './ui/docs-controller';
import type { SwaggerUiInitOAuth } from './ui/swagger-ui-init-oauth';
import { redocHtml } from './ui/redoc-html';
import { readSwaggerUiAssets, type SwaggerUiAssets } from './ui/swagger-ui-assets';
import { swaggerUiHtml } from './ui/swagger-ui-html';
/** Options of `openapi()`: the document's metadata and where (or whether) it is served. */
export interface OpenAPIOptions {
  /** Default: the app's `title`, else `Trellis`. */
  readonly title?: string;
  /** Default: the app's `version`, else `0.1.0`. */
  readonly version?: string;
  /** Default: the app's `summary`. */
  readonly summary?: string;
  /** Default: the app's `description`. Markdown. */
  readonly description?: string;
  /** Default: the app's `termsOfService`. */
  readonly termsOfService?: string;
  /** Default: the app's `contact`. */
  readonly contact?: ContactObject;
  /** Default: the app's `license`. */
  readonly license?: LicenseObject;
  /** Default: the app's `externalDocs`. */
  readonly externalDocs?: ExternalDocsObject;
  readonly servers?: readonly ServerObject[];
  /** Tag metadata (descriptions, external docs), in the order the UIs should list them. */
  readonly tags?: readonly TagObject[];
  /** Where the document is served (default `/openapi.json`); `null` serves nothing at all. */
  readonly openapiUrl?: string | null;
  /** Swagger UI (default `/docs`); `null` disables it. */
  readonly docsUrl?: string | null;
  /** ReDoc (default `/redoc`); `null` disables it. */
  readonly redocUrl?: string | null;
  /**
   * Where the ReDoc page loads its script. Default: the installed `redoc` package's bundle,
   * served by the app next to the page; without `redoc` installed, FastAPI's CDN URL.
   */
  readonly redocJsUrl?: string;
  /** The body every documented 422 has, when the app answers validation errors its own way. */
  readonly validationError?: ValidationErrorDoc;
  /** `false` documents one schema per DTO even where its output differs from its input. */
  readonly separateInputOutputSchemas?: boolean;
  /** Replaces the default operationId (`{handler}{path}_{method}`) of routes that set none. */
  readonly generateOperationId?: (route: RouteDescription) => string;
  /** Last word on the document (FastAPI's "extending OpenAPI"); runs once, at start-up. */
  readonly customize?: (document: OpenAPIDocument) => OpenAPIDocument;
  /** Swagger UI configuration (`{ deepLinking: false, ... }`), merged onto FastAPI's defaults. */
  readonly swaggerUiParameters?: Readonly<Record<string, unknown>>;
  /** Swagger UI's `initOAuth` settings (FastAPI's `swagger_ui_init_oauth`): client id, scopes, PKCE… */
  readonly swaggerUiInitOAuth?: SwaggerUiInitOAuth;
  /**
   * Where Swagger UI's OAuth2 flows come back to (default `<docsUrl>/oauth2-redirect`, the page
   * swagger-ui-dist ships); `null` serves no redirect page.
   */
  readonly swaggerUiOAuth2RedirectUrl?: string | null;
}

const documents = new WeakMap<TrellisApp, OpenAPIDocument>();
const servedUrls = new WeakMap<TrellisApp, OpenAPIUrls>();

/** Where an app serves its document and docs pages (`null`: turned off). */
export interface OpenAPIUrls {
  readonly openapiUrl: string;
  readonly docsUrl: string | null;
  readonly redocUrl: string | null;
}

/** What the docs routes send, filled in once while the app becomes ready. */
interface Served {
  json: string;
  swaggerHtml: string;
  redocHtml: string;
  swaggerAssets: SwaggerUiAssets | undefined;
  redocScript: Buffer | undefined;
}

const JS = 'application/javascript; charset=utf-8';
const CACHED = { 'cache-control': 'public, max-age=86400' } as const;

/**
 * Serves the app's OpenAPI 3.1 document, Swagger UI and ReDoc. The document is built once,
 * while the app becomes ready, from the compiled routes; requests get the cached copy.
 * The pages are routes of the app (left out of the document), so middleware wraps them.
 * @example
 * app.use(openapi({ title: 'Shop', docsUrl: '/docs', redocUrl: null }));
 * // production: app.use(openapi({ openapiUrl: null }));
 */
export function openapi(options: OpenAPIOptions = {}): (app: TrellisApp) => void {
  return (app) => {
    const openapiUrl = options.openapiUrl === undefined ? '/openapi.json' : options.openapiUrl;
    // As in FastAPI, the docs pages need the document: no document, nothing served.
    if (openapiUrl === null) return;
    const docsUrl = options.docsUrl === undefined ? '/docs' : options.docsUrl;
    const redocUrl = options.redocUrl === undefined ? '/redoc' : options.redocUrl;
    servedUrls.set(app, { openapiUrl, docsUrl, redocUrl });
    const redocPath = redocUrl === null || options.redocJsUrl !== undefined ? undefined : installedRedoc();
    // listen() logs the docs pages' URLs: the app learns them here, where they are configured.
    if (docsUrl !== null) app.addDocsPage({ path: docsUrl, title: 'Swagger UI' });
    if (redocUrl !== null) app.addDocsPage({ path: redocUrl, title: 'ReDoc' });

    const served: Served = { json: '', swaggerHtml: '', redocHtml: '', swaggerAssets: undefined, redocScript: undefined };
    const routes: DocsRoute[] = [
      { path: openapiUrl, name: 'openapi', respond: () => new Response(served.json, { mediaType: 'application/json' }) },
    ];
    const swaggerStatic = docsUrl === null ? '' : `${trimSlash(docsUrl)}/static`;
    const oauth2RedirectUrl = docsUrl === null ? null : options.swaggerUiOAuth2RedirectUrl === undefined ? `${trimSlash(docsUrl)}/oauth2-redirect` : options.swaggerUiOAuth2RedirectUrl;
    if (docsUrl !== null) {
      const asset = (file: string, mediaType: string, pick: (assets: SwaggerUiAssets) => Buffer): DocsRoute => ({
        path: `${swaggerStatic}/${file}`,
        name: `swaggerUi ${file}`,
        respond: () => new Response(pick(served.swaggerAssets!), { mediaType, headers: CACHED }),
      });
      routes.push(
        { path: docsUrl, name: 'swaggerUi', respond: () => new Response(served.swaggerHtml, { mediaType: 'text/html' }) },
        asset('swagger-ui-bundle.js', JS, (assets) => assets.js),
        asset('swagger-ui.css', 'text/css', (assets) => assets.css),
        asset('favicon-32x32.png', 'image/png', (assets) => assets.favicon),
      );
      if (oauth2RedirectUrl !== null) {
        routes.push({ path: oauth2RedirectUrl, name: 'swaggerUiRedirect', respond: () => new Response(served.swaggerAssets!.oauth2RedirectHtml, { mediaType: 'text/html' }) });
      }
    }
    const localRedocScript = redocUrl === null ? '' : `${trimSlash(redocUrl)}/redoc.standalone.js`;
    if (redocUrl !== null) {
      routes.push({ path: redocUrl, name: 'redoc', respond: () => new Response(served.redocHtml, { mediaType: 'text/html' }) });
      if (redocPath !== undefined) {
        routes.push({ path: localRedocScript, name: 'redocScript', respond: () => new Response(served.redocScript!, { mediaType: JS, headers: CACHED }) });
      }
    }
    app.include(docsController(routes));

    // Plugins boot inside app.ready(), after the Trellis routes are compiled: app.routes is final here.
    app.fastify.register(async () => {
      const document = buildDocument(app, options);
      documents.set(app, document);
      served.json = JSON.stringify(document);
      if (docsUrl !== null) {
        served.swaggerAssets = await readSwaggerUiAssets();
        // Behind a proxy (rootPath) the browser reaches every page and asset under the prefix.
        const prefix = app.rootPath;
        served.swaggerHtml = swaggerUiHtml({
          title: `${document.info.title} - Swagger UI`,
          openapiUrl: prefix + openapiUrl,
          jsUrl: `${prefix}${swaggerStatic}/swagger-ui-bundle.js`,
          cssUrl: `${prefix}${swaggerStatic}/swagger-ui.css`,
          faviconUrl: `${prefix}${swaggerStatic}/favicon-32x32.png`,
          oauth2RedirectUrl: oauth2RedirectUrl === null ? null : prefix + oauth2RedirectUrl,
          parameters: options.swaggerUiParameters ?? {},
          initOAuth: options.swaggerUiInitOAuth,
        });
      }
      if (redocUrl !== null) {
        const scriptUrl = options.redocJsUrl ?? (redocPath !== undefined ? app.rootPath + localRedocScript : REDOC_CDN_URL);
        served.redocHtml = redocHtml({ title: `${document.info.title} - ReDoc`, openapiUrl: app.rootPath + openapiUrl, scriptUrl });
        if (redocPath !== undefined) served.redocScript = await readFile(redocPath);
      }
    });
  };
}

const trimSlash = (url: string): string => url.replace(/\/$/, '');

/** The document an app serves (after `ready()`); `undefined` before, or when disabled. */
export function openapiDocument(app: TrellisApp): OpenAPIDocument | undefined {
  return documents.get(app);
}

/**
 * Where `openapi()` serves the app's document and docs pages, as `trellis dev` prints them;
 * `undefined` when the app does not use `openapi()` or serves no document.
 * @example
 * openapiUrls(app); // { openapiUrl: '/openapi.json', docsUrl: '/docs', redocUrl: '/redoc' }
 */
export function openapiUrls(app: TrellisApp): OpenAPIUrls | undefined {
  return servedUrls.get(app);
}

function buildDocument(app: TrellisApp, options: OpenAPIOptions): OpenAPIDocument {
  const own = app.options;
  // Key order as FastAPI writes `info`; openapi()'s options win over createApp()'s.
  const info: Record<string, unknown> = { title: options.title ?? own.title ?? 'Trellis' };
  const optional = { summary: 0, description: 0, termsOfService: 0, contact: 0, license: 0 } as const;
  for (const key of Object.keys(optional) as (keyof typeof optional)[]) {
    const value = options[key] ?? own[key];
    if (value !== undefined) info[key] = typeof value === 'object' ? { ...value } : value;
  }
  info.version = options.version ?? own.version ?? '0.1.0';
  const externalDocs = options.externalDocs ?? own.externalDocs;
  const document = buildOpenAPIDocument(app.routes, {
    info: info as unknown as InfoObject,
    externalDocs,
    servers: serversOf(app, options.servers),
    tags: options.tags,
    validationError: options.validationError,
    separateInputOutputSchemas: options.separateInputOutputSchemas,
    generateOperationId: options.generateOperationId,
    rateLimited: (route) => (route.rateLimit === undefined ? app.options.rateLimit !== undefined && app.options.rateLimit.global !== false : route.rateLimit !== false),
  });
  return options.customize ? options.customize(document) : document;
}

/**
 * FastAPI's `root_path_in_servers`: behind a proxy the document's first server is the root
 * path, so "Try it out" sends requests where the proxy expects them; given servers follow.
 */
function serversOf(app: TrellisApp, servers: readonly ServerObject[] | undefined): readonly ServerObject[] | undefined {
  if (app.rootPath === '' || servers?.some((server) => server.url === app.rootPath)) return servers;
  return [{ url: app.rootPath }, ...(servers ?? [])];
}

/** FastAPI's default `redoc_js_url`: the page works without installing the `redoc` package and its heavy tree. */
const REDOC_CDN_URL = 'https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js';

/** The `redoc` package's standalone bundle, when the user installed it (an optional peer). */
function installedRedoc(): string | undefined {
  try {
    return require.resolve('redoc/bundles/redoc.standalone.js');
  } catch {
    return undefined;
  }
}
