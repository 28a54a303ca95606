import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TrellisApp } from '@trellis/fastify';
import { openapi, openapiDocument, type OpenAPIDocument } from '@trellis/swagger';
import type { BrowserContext, Page } from 'playwright-core';
import { launchHeadlessChromium, type HeadlessBrowser } from '../../../../test/support/headless-chromium';
import { buildApp } from '../../../../examples/hello/src/app';

/*
 * The docs pages as a person sees them: the example app listens on 127.0.0.1, Debian's
 * Chromium (no browser download; .ci/run installs it) opens /docs and /redoc, and the
 * operations must render with every asset served by the app itself (no internet).
 */

const OUTPUT = resolve(__dirname, '../../../../test-output');

jest.setTimeout(90_000);

describe('docs pages in a browser', () => {
  let app: TrellisApp;
  let base: string;
  let context: BrowserContext;
  let browser: HeadlessBrowser;
  let document: OpenAPIDocument;

  beforeAll(async () => {
    // The document lives away from the pages: both must load it from where it is served.
    app = buildApp().use(openapi({ openapiUrl: '/api/openapi.json' }));
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    document = openapiDocument(app)!;
    mkdirSync(OUTPUT, { recursive: true });
    browser = await launchHeadlessChromium();
    context = browser.context;
    // As if offline: anything not served by the app fails.
    await context.route((url) => !url.href.startsWith(base) && url.protocol !== 'data:', (route) => route.abort());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Opens a page and records every URL it requests, to prove nothing came from outside. */
  async function open(path: string): Promise<{ page: Page; requested: string[] }> {
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(200);
    return { page, requested };
  }

  test('Swagger UI at /docs lists every operation', async () => {
    const { page, requested } = await open('/docs');
    await page.waitForSelector('.opblock-summary-path', { timeout: 30_000 });
    const operations = await page.$$eval('.opblock', (blocks) =>
      blocks.map((block) => {
        const method = block.querySelector('.opblock-summary-method')?.textContent ?? '';
        const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '';
        return `${method} ${path}`;
      }),
    );
    const expected = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(expected).toEqual(expect.arrayContaining(['GET /hello', 'GET /items', 'GET /items/{id}', 'POST /items']));
    expect(operations.sort()).toEqual(expected.sort());
    expect(await page.title()).toBe('Hello Trellis - Swagger UI');
    await page.screenshot({ path: join(OUTPUT, 'swagger-ui.png'), fullPage: true });
    expect(requested.filter((url) => !url.startsWith(base) && !url.startsWith('data:'))).toEqual([]);
    expect(requested).toContain(`${base}/api/openapi.json`);
    await page.close();
  });

  test('ReDoc at /redoc lists every operation, from the locally served bundle', async () => {
    const { page, requested } = await open('/redoc');
    await page.waitForSelector('[data-section-id^="operation/"]', { timeout: 30_000 });
    const sections = await page.$$eval('[data-section-id^="operation/"]', (nodes) => nodes.map((node) => node.getAttribute('data-section-id')));
    const expected = Object.values(document.paths).flatMap((ops) => Object.values(ops).map((op) => `operation/${op.operationId}`));
    expect(expected).toEqual(expect.arrayContaining(['operation/hello_hello_get', 'operation/list_items_get', 'operation/create_items_post']));
    expect([...new Set(sections)].sort()).toEqual(expected.sort());
    expect(await page.title()).toBe('Hello Trellis - ReDoc');
    await page.screenshot({ path: join(OUTPUT, 'redoc.png'), fullPage: false });
    // ReDoc's footer tries its vendor's logo; offline it is simply missing, the page works.
    const external = requested.filter((url) => !url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(external.filter((url) => url !== 'https://cdn.redoc.ly/redoc/logo-mini.svg')).toEqual([]);
    expect(requested).toContain(`${base}/api/openapi.json`);
    await page.close();
  });
});
