import 'reflect-metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

// listen() logs the URLs of app.docsPages; openapi() is what fills it, from its own options.
describe('openapi() announces its docs pages to the app', () => {
  test('Swagger UI and ReDoc at their default paths', () => {
    expect(createApp().use(openapi()).docsPages).toEqual([
      { path: '/docs', title: 'Swagger UI' },
      { path: '/redoc', title: 'ReDoc' },
    ]);
  });

  test('where they were moved, and only those served', () => {
    expect(createApp().use(openapi({ docsUrl: '/api/docs', redocUrl: null })).docsPages).toEqual([{ path: '/api/docs', title: 'Swagger UI' }]);
    expect(createApp().use(openapi({ openapiUrl: null })).docsPages).toEqual([]);
  });
});
