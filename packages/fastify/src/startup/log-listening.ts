import type { FastifyBaseLogger } from 'fastify';
import type { AppOptions } from '../app-options';

/**
 * A page the app serves for people, such as a docs UI: `listen()` logs its URL. Plugins that
 * serve one announce it with `app.addDocsPage()` (`@trellis/swagger` does for /docs and /redoc).
 */
export interface DocsPage {
  /** Where the page is on this server, e.g. `/docs`. */
  readonly path: string;
  /** What it is, e.g. `Swagger UI`. */
  readonly title: string;
}

/**
 * Logs where the server listens and where its docs pages are, as `fastapi dev` prints them:
 * `Listening on http://127.0.0.1:8000` and `Docs: http://127.0.0.1:8000/docs (Swagger UI)`.
 */
export function logListening(log: FastifyBaseLogger, address: string, pages: readonly DocsPage[]): void {
  log.info({ address }, `Listening on ${address}`);
  if (pages.length === 0) return;
  const docs = pages.map((page) => ({ url: address + page.path, title: page.title }));
  log.info({ docs: docs.map((page) => page.url) }, `Docs: ${docs.map((page) => `${page.url} (${page.title})`).join(', ')}`);
}

/**
 * The logger for those lines: the app's own when the user configured Fastify's logger (its
 * level decides), else a child at `info` of Trellis's default `warn` logger, so a first
 * `listen()` says where it is without turning on request logging.
 */
export function listeningLogger(log: FastifyBaseLogger, options: AppOptions): FastifyBaseLogger {
  const fastify = options.fastify as { logger?: unknown; loggerInstance?: unknown } | undefined;
  const configured = fastify?.logger !== undefined || fastify?.loggerInstance !== undefined;
  return configured ? log : log.child({}, { level: 'info' });
}
