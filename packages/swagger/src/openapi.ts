import { readFile } from 'node:fs/promises';
import fastifySwagger, { type StaticDocumentSpec } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TrellisApp } from '@trellis/fastify';
import type { RouteDescription } from '@trellis/metadata';
import { buildOpenAPIDocument, type ValidationErrorDoc } from './document/build-openapi-document';
import type { OpenAPIDocument, ServerObject, TagObject } from './document/openapi-types';
import { redocHtml } from './ui/redoc-html';

/** Options of `openapi()`: the document's metadata and where (or whether) it is served. */
export interface OpenAPIOptions {
  /** Default: the app's `title`, else `Trellis`. */
  readonly title?: string;
  /** Default: the app's `version`, else `0.1.0`. */
  readonly version?: string;
  readonly summary?: string;
  /** Default: the app's `description`. Markdown. */
  readonly description?: string;
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
  /** Swagger UI configuration (`{ deepLinking: false, ... }`). */
  readonly swaggerUiParameters?: Readonly<Record<string, unknown>>;
}

const documents = new WeakMap<TrellisApp, OpenAPIDocument>();
const servedUrls = new WeakMap<TrellisApp, OpenAPIUrls>();

/** Where an app serves its document and docs pages (`null`: turned off). */
export interface OpenAPIUrls {
  readonly openapiUrl: string;
  readonly docsUrl: string | null;
  readonly redocUrl: string | null;
}

/**
 * Serves the app's OpenAPI 3.1 document, Swagger UI and ReDoc. The document is built once,
 * while the app becomes ready, from the compiled routes; requests get the cached copy.
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

    // Plugins boot inside app.ready(), after the Trellis routes are compiled: app.routes is final here.
    app.fastify.register(async (instance) => {
      const document = buildDocument(app, options);
      documents.set(app, document);
      const json = JSON.stringify(document);
      instance.get(openapiUrl, (_request, reply) => reply.type('application/json; charset=utf-8').send(json));

      if (docsUrl !== null) {
        // @fastify/swagger in static mode holds our document; Swagger UI reads it from there.
        await instance.register(fastifySwagger, {
          mode: 'static',
          // Its types predate OpenAPI 3.1; the object is served as is.
          specification: { document: document as unknown as StaticDocumentSpec['document'] },
        });
        await instance.register(fastifySwaggerUi, {
          routePrefix: docsUrl,
          // Behind a proxy the page's assets are under rootPath + docsUrl (its JSON URL is relative already).
          ...(app.rootPath !== '' ? { indexPrefix: app.rootPath } : {}),
          theme: { title: `${document.info.title} - Swagger UI` },
          uiConfig: { ...options.swaggerUiParameters },
        });
      }
      if (redocUrl !== null) {
        const localScriptUrl = `${redocUrl.replace(/\/$/, '')}/redoc.standalone.js`;
        const scriptUrl = options.redocJsUrl ?? (redocPath !== undefined ? localScriptUrl : REDOC_CDN_URL);
        const localScript = options.redocJsUrl === undefined && redocPath !== undefined;
        const html = redocHtml({ title: `${document.info.title} - ReDoc`, openapiUrl: app.rootPath + openapiUrl, scriptUrl: localScript ? app.rootPath + scriptUrl : scriptUrl });
        instance.get(redocUrl, (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
        if (redocPath !== undefined) {
          const script = await readFile(redocPath);
          instance.get(localScriptUrl, (_request, reply) =>
            reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(script),
          );
        }
      }
    });
  };
}

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
  const description = options.description ?? app.options.description;
  const document = buildOpenAPIDocument(app.routes, {
    info: {
      title: options.title ?? app.options.title ?? 'Trellis',
      ...(options.summary !== undefined ? { summary: options.summary } : {}),
      ...(description !== undefined ? { description } : {}),
      version: options.version ?? app.options.version ?? '0.1.0',
    },
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
