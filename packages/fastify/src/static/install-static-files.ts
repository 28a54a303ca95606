import type * as FastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { startupError } from '../errors';
import type { StaticMount } from './static-files-controller';
import type { StaticFilesOptions } from './static-files-options';

/**
 * Checks `createApp({ staticFiles })` and registers @fastify/static without routes of its own
 * (`serve: false`): Trellis serves each mount from its own routes, inside the middleware, and
 * the plugin's `reply.sendFile` sends the file (ETag, Range, conditional requests).
 */
export function installStaticFiles(fastify: FastifyInstance, mounts: readonly StaticFilesOptions[]): readonly StaticMount[] {
  const checked = mounts.map(checkMount);
  // Loaded only when asked for: @fastify/static requires content-disposition 3, an ES module that
  // Node 20 loads through require() but Jest's module system cannot (an app without static
  // files, tested under Jest, must not pay for it).
  const fastifyStatic = (require('@fastify/static') as typeof FastifyStatic).default;
  void fastify.register(fastifyStatic, { serve: false });
  return checked;
}

function checkMount(options: StaticFilesOptions): StaticMount {
  const invalid = (reason: string) => startupError('TRELLIS_APP_OPTION_INVALID', { option: 'staticFiles', reason });
  const { prefix, root, spa } = options;
  if (typeof prefix !== 'string' || !prefix.startsWith('/')) throw invalid(`prefix ${JSON.stringify(prefix)} must start with '/'`);
  if (typeof root !== 'string' || !isAbsolute(root)) throw invalid(`root ${JSON.stringify(root)} must be an absolute path`);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw invalid(`root ${JSON.stringify(root)} is not a folder`);
  const index = spa === true ? 'index.html' : spa ? (spa.index ?? 'index.html') : undefined;
  if (index !== undefined && !statSync(join(root, index), { throwIfNoEntry: false })?.isFile()) throw invalid(`the spa index ${JSON.stringify(index)} is not a file in ${JSON.stringify(root)}`);
  // The real path, once: every request's resolved file must lie under it.
  return { prefix: prefix.replace(/\/+$/, ''), root: realpathSync(root), index: index === undefined ? undefined : `/${index.replace(/^\/+/, '')}` };
}
