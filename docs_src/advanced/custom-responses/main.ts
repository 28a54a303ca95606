import 'reflect-metadata';
import { join } from 'node:path';
import { Controller, FileResponse, Get, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

@Controller()
class Pages {
  // #region classes
  @Get('/page')
  page() {
    return new HTMLResponse('<h1>Hello</h1>');
  }

  @Get('/health')
  health() {
    return new PlainTextResponse('ok');
  }

  @Get('/old')
  old() {
    return new RedirectResponse('/new'); // 307 by default; { status: 301 } for a permanent one
  }

  @Get('/teapot')
  teapot() {
    return new JSONResponse({ detail: 'short and stout' }, { status: 418, headers: { 'x-kind': 'teapot' } });
  }

  @Get('/report')
  report() {
    return new FileResponse(join(__dirname, 'report.txt'), { filename: 'report.txt' });
  }
  // #endregion classes

  // #region response-class
  @Get('/home', { responseClass: HTMLResponse })
  home() {
    return '<p>hi</p>'; // wrapped in an HTMLResponse
  }
  // #endregion response-class

  // #region encoder
  @Get('/encoded')
  encoded() {
    return {
      at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      big: 2n ** 64n,
      tags: new Set(['a', 'b']),
      counts: new Map([['x', 1]]),
      site: new URL('https://example.com/docs'),
      missing: undefined,
    };
  }
  // #endregion encoder
}

export const app = createApp().include(Pages);
