/**
 * One folder served under a path prefix (`createApp({ staticFiles: [...] })`): FastAPI's
 * `app.mount('/static', StaticFiles(directory=…))`, with an optional single-page-app fallback.
 * @example
 * createApp({ staticFiles: [{ prefix: '/static', root: join(__dirname, 'public') }] });
 * createApp({ staticFiles: [{ prefix: '/app', root: join(__dirname, 'dist'), spa: true }] });
 */
export interface StaticFilesOptions {
  /** Where the folder is served, e.g. `/static` (`/` for the whole site). */
  readonly prefix: string;
  /** The folder, an absolute path. Nothing outside it is ever served. */
  readonly root: string;
  /**
   * Single-page front-end (FastAPI's `app.frontend(…, fallback=…)`): a GET or HEAD under the
   * prefix that names no file, from a browser navigating (`Accept` with `text/html` or
   * `application/xhtml+xml`), answers the index file (`true`: `index.html`) so the front-end's
   * router takes over. Scripts, styles, images and API clients asking for JSON still get
   * 404 `{"detail":"Not Found"}`; the app's own routes always win over the mount.
   */
  readonly spa?: boolean | { readonly index?: string };
}
