import 'reflect-metadata';
import { Body, Controller, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

@Controller('/events')
class Events {
  // #region object
  @Post('')
  record(@Body(undefined, { type: 'object' }) payload: Record<string, unknown>) {
    return { fields: Object.keys(payload) };
  }
  // #endregion object

  // #region any
  @Post('/raw')
  raw(@Body(undefined, { type: 'any' }) payload: unknown) {
    return { received: payload };
  }
  // #endregion any
}

export const app = createApp().include(Events);
