import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * The file a (decoded) path under a mount names, or `undefined` when it names none: a
 * missing file, a directory, a path that is not plain `name/name/…` — `..` and `.`
 * segments, empty segments (`a//b`), backslashes and NUL are refused before the disk is
 * touched, whatever encoding carried them — or a symbolic link that leads out of the folder
 * (Starlette's `follow_symlink=False` rule). @fastify/static checks the path again when it sends.
 * `root` is the folder's real path.
 */
export async function resolveStaticPath(root: string, path: string): Promise<string | undefined> {
  if (path === '' || !isPlainPath(path)) return undefined;
  try {
    const target = await realpath(join(root, path));
    if (!target.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
    return (await stat(target)).isFile() ? `/${path}` : undefined;
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
