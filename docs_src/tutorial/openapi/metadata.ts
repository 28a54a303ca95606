import 'reflect-metadata';
import { Controller, Get } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

@Controller('/items')
class Items {
  // #region extra
  @Get('', {
    openapiExtra: {
      'x-aperture-labs-portal': 'blue', // an extension
      responses: { '200': { headers: { 'x-total-count': { schema: { type: 'integer' } } } } }, // merged into the 200
    },
  })
  list() {
    return [];
  }
  // #endregion extra
}

// #region metadata
export const app = createApp({
  title: 'ChimichangApp',
  summary: 'Deadpool\'s favorite app. Nuff said.',
  description: 'ChimichangApp API helps you do awesome stuff. 🚀',
  version: '0.0.1',
  termsOfService: 'http://example.com/terms/',
  contact: { name: 'Deadpoolio the Amazing', url: 'http://x-force.example.com/contact/', email: 'dp@x-force.example.com' },
  license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
  externalDocs: { url: 'https://example.com/guide', description: 'The guide' },
})
  .include(Items)
  .use(openapi());
// #endregion metadata
