import { Controller, Get, HTTPException, Req } from '@trellis/metadata';
import type { Request } from '../request';
import { resolveStaticPath } from './resolve-static-path';
import { StaticFileResponse } from './static-file-response';

/** A mount as the controller serves it: the prefix without a trailing slash, the SPA index if any. */
export interface StaticMount {
  readonly prefix: string;
  readonly root: string;
  readonly index: string | undefined;
}

/** A browser navigating (FastAPI's frontend rule): scripts, styles and images are fetched with other Accept values. */
const acceptsHtml = (request: Request): boolean => {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') || accept.includes('application/xhtml+xml');
};

/**
 * One static mount as controller instances (GET, and HEAD through it), mounted like any
 * route so user middleware and the app's dependencies apply; kept out of the OpenAPI document.
 * What names no file is 404 `{"detail":"Not Found"}`, or the SPA's index for a browser.
 */
export function staticFilesControllers(mount: StaticMount): readonly object[] {
  const { root, index } = mount;
  const answer = async (path: string, request: Request): Promise<StaticFileResponse> => {
    const file = await resolveStaticPath(root, path);
    if (file !== undefined) return new StaticFileResponse(file, root);
    if (index !== undefined && acceptsHtml(request)) return new StaticFileResponse(index, root);
    throw new HTTPException(404);
  };

  @Controller(mount.prefix, { includeInSchema: false })
  class StaticFiles {
    @Get('/*')
    file(@Req() request: Request) {
      return answer(request.pathParams['*'] ?? '', request);
    }
  }
  // The mount's own path (`/app`) is the front-end's entry too; at the root, `/` is `/*` already.
  @Controller(mount.prefix, { includeInSchema: false })
  class SpaEntry {
    @Get('')
    entry(@Req() request: Request) {
      return answer('', request);
    }
  }
  return index === undefined || mount.prefix === '' ? [new StaticFiles()] : [new StaticFiles(), new SpaEntry()];
}
