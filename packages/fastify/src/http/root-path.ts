import type { FastifyInstance } from 'fastify';
import { startupError } from '../errors';
import { kRootPath } from '../symbols';

/**
 * `createApp({ rootPath })` normalised: `''` or `/segment…` without a trailing slash. A value
 * that is not a path (`api`, `https://…`, a query) is a start-up error.
 */
export function normalizeRootPath(rootPath: string | undefined): string {
  if (rootPath === undefined || rootPath === '' || rootPath === '/') return '';
  if (!/^\/[^?#\s]*$/.test(rootPath)) throw startupError('TRELLIS_APP_OPTION_INVALID', { option: 'rootPath', reason: `${JSON.stringify(rootPath)} is not a path such as '/api'` });
  return rootPath.replace(/\/+$/, '');
}

/** The root path kept on a Fastify instance (`''` when none). */
export const rootPathOf = (fastify: FastifyInstance | undefined): string =>
  (fastify as unknown as { [kRootPath]?: string } | undefined)?.[kRootPath] ?? '';
