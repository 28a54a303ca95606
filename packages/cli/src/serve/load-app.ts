import { pathToFileURL } from 'node:url';

/** What the commands need of a Trellis app (a `TrellisApp` from @trellis/fastify). */
export interface ServableApp {
  listen(options: { port?: number; host?: string; logStartup?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/** The app module does not export an app: said plainly, without a stack. */
export class AppModuleError extends Error {
  override readonly name = 'AppModuleError';
}

const isApp = (value: unknown): value is ServableApp =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ServableApp).listen === 'function' &&
  typeof (value as ServableApp).close === 'function';

/**
 * Loads the app module and returns its app: the export `buildApp` (a function, sync or
 * async, returning the app), else `app`, else the default export (either of the two).
 * ES modules are imported; CommonJS modules (and TypeScript run through a require hook) are
 * required, so the hook compiles them.
 */
export async function loadApp(file: string, esm: boolean): Promise<ServableApp> {
  const loaded: unknown = esm ? await import(pathToFileURL(file).href) : require(file);
  const exports = loaded as Record<string, unknown>;
  // An ES module importing a CommonJS build sees its exports under `default` as well.
  const fallback = (typeof exports.default === 'object' && exports.default !== null ? exports.default : {}) as Record<string, unknown>;
  const candidate = exports.buildApp ?? fallback.buildApp ?? exports.app ?? fallback.app ?? exports.default;
  const app: unknown = typeof candidate === 'function' ? await (candidate as () => unknown)() : candidate;
  if (!isApp(app)) {
    throw new AppModuleError(
      `${file} exports no Trellis app: export \`buildApp()\` (returning the app) or \`app\` (the app made by createApp())`,
    );
  }
  return app;
}
