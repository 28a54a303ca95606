import 'reflect-metadata';
import { Controller, Cookie, Get, Header } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

@Controller('/items')
class Items {
  @Get('')
  list(
    @Header('user-agent') userAgent: string,
    @Header('x-token', { type: ['string'] }) tokens: string[],
    @Cookie('ads_id', { optional: true }) adsId?: string,
  ) {
    return { userAgent, tokens, adsId: adsId ?? null };
  }
}

export const app = createApp().include(Items);
