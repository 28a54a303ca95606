import 'reflect-metadata';
import { Controller, Depends, dependency, Get, HTTPException, OAuth2PasswordBearer, OAuth2PasswordRequestForm, Post } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { launchHeadlessChromium, type HeadlessBrowser } from '../../../../test/support/headless-chromium';

/*
 * The Swagger UI "Authorize" round trip in a real browser: log in through the OAuth2
 * password form (which posts to our OAuth2PasswordRequestForm endpoint), then call a
 * protected route from "Try it out" and see a 200 — the token travelled as a Bearer header.
 */

// Debian's chromium (apt-get install -y chromium); the test fails, rather than skips, without it.
const oauth2 = OAuth2PasswordBearer({ tokenUrl: '/token', scopes: { me: 'Read your profile' } });
const seenAuthorization: (string | undefined)[] = [];
const currentUser = dependency({ token: Depends(oauth2) }, ({ token }) => {
  if (token !== 'token-for-ada') throw new HTTPException(401, 'Invalid token', { 'WWW-Authenticate': 'Bearer' });
  return { username: 'ada' };
});

@Controller('', { tags: ['auth'] })
class Auth {
  @Post('/token')
  token(@Depends(OAuth2PasswordRequestForm) form: OAuth2PasswordRequestForm) {
    if (form.username !== 'ada' || form.password !== 'secret') throw new HTTPException(400, 'Incorrect username or password');
    return { access_token: 'token-for-ada', token_type: 'bearer' };
  }

  @Get('/users/me', { operationId: 'readMe' })
  me(@Depends(currentUser) user: { username: string }) {
    return user;
  }
}

describe('Swagger UI Authorize with OAuth2PasswordBearer', () => {
  let app: TrellisApp;
  let base: string;
  let browser: HeadlessBrowser;

  beforeAll(async () => {
    app = createApp({ title: 'Auth demo' }).include(Auth);
    app.fastify.addHook('onRequest', async (request) => {
      if (request.url === '/users/me') seenAuthorization.push(request.headers.authorization);
    });
    app.use(openapi({ docsUrl: '/docs' }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchHeadlessChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('authorizes through the password form and calls a protected route with the token', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/docs`);
    await page.locator('.btn.authorize').first().click();
    await page.locator('#oauth_username').fill('ada');
    await page.locator('#oauth_password').fill('secret');
    await page.locator('.auth-container .btn.modal-btn.auth.authorize').first().click();
    // Once authorized, the dialog offers "Logout" instead of "Authorize".
    await page.locator('.auth-container .btn.modal-btn.auth', { hasText: 'Logout' }).first().waitFor({ timeout: 15_000 });
    await page.locator('.btn-done, .close-modal').first().click();

    const operation = page.locator('.opblock', { has: page.locator('.opblock-summary-path', { hasText: '/users/me' }) });
    await operation.locator('.opblock-summary').first().click();
    await operation.locator('.try-out__btn').click();
    await operation.locator('.execute').click();
    const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
    await status.waitFor({ timeout: 15_000 });
    expect((await status.innerText()).trim()).toBe('200');
    expect(await operation.locator('.live-responses-table tr.response .response-col_description pre').first().innerText()).toContain('"username": "ada"');
    expect(seenAuthorization).toEqual(['Bearer token-for-ada']);
  }, 60_000);
});
