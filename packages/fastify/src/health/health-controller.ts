import { Controller, Get, JSONResponse } from '@trellis/metadata';
import type { TrellisApp } from '../app';
import type { Readiness } from './readiness';

const ALIVE = { status: 'ok' } as const;

/**
 * The liveness and readiness routes as a controller instance, mounted like any other so
 * middleware, HEAD and 405 behave as for the app's own routes; kept out of the OpenAPI document.
 */
export function healthController(app: TrellisApp, readiness: Readiness, paths: { live: string; ready: string }): object {
  @Controller('', { includeInSchema: false })
  class Health {
    @Get(paths.live)
    live() {
      return ALIVE;
    }

    @Get(paths.ready)
    async ready() {
      const { status, body } = await readiness.answer(app);
      return new JSONResponse(body, { status, headers: { 'cache-control': 'no-store' } });
    }
  }
  return new Health();
}
