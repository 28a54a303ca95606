import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The file a (decoded) path under a mount names, or `undefined` when it names none: a
 * missing file, a directory, or a path that is not plain `name/name/…` — `..` and `.`
 * segments, empty segments (`a//b`), backslashes and NUL are refused before the disk is
 * touched, whatever encoding carried them. @fastify/static checks again when it sends.
 */
export async function resolveStaticPath(root: string, path: string): Promise<string | undefined> {
  if (path === '' || !isPlainPath(path)) return undefined;
  try {
    return (await stat(join(root, path))).isFile() ? `/${path}` : undefined;
  } catch {
    return undefined;
  }
}

function isPlainPath(path: string): boolean {
  if (path.includes('\\') || path.includes('\0')) return false;
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return false;
  }
  return true;
}

