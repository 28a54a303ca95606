import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchHeadlessChromium, type HeadlessBrowser } from '../support/headless-chromium';
import { guide, sidebarLinks } from '../../docs/.vitepress/sidebar';

/*
 * The documentation site as a reader meets it: built with `npm run docs:build` (TypeDoc, then
 * VitePress, whose build also enforces the code-block rule and refuses dead links), served by
 * VitePress's own static server (`vitepress preview`), read in headless Chromium, and crawled
 * by linkinator for broken links. Nothing leaves the machine: the browser may only reach the
 * local server, and linkinator skips external URLs (there is no internet here).
 */
const root = join(__dirname, '../..');
const docsDir = join(root, 'docs');

let server: ChildProcess | undefined;
let base = '';
let browser: HeadlessBrowser | undefined;
let page: Page;

jest.setTimeout(60_000);

/** Runs a command to completion; rejects with its output when it fails. */
function run(command: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ stdout, stderr, code }));
  });
}

/** A command of the docs workspace: its own bin, or the root's where npm hoisted it. */
function binOf(name: string): string {
  const bin = [join(docsDir, 'node_modules/.bin', name), join(root, 'node_modules/.bin', name)].find((path) => existsSync(path));
  if (!bin) throw new Error(`${name} is not installed: run npm ci at the root`);
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  const build = await run('npm', ['run', 'docs:build'], root);
  if (build.code !== 0) throw new Error(`docs:build failed:\n${build.stdout}\n${build.stderr}`);
  const port = await freePort();
  server = spawn(binOf('vitepress'), ['preview', 'docs', '--port', String(port), '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  await until(async () => ((await fetch(`${base}/`)).ok ? true : undefined), 20_000);
  browser = await launchHeadlessChromium();
  await browser.context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
  page = await browser.context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

test('the home page loads, with its example highlighted', async () => {
  await page.goto(`${base}/`);
  await expect(page.title()).resolves.toBe('Trellis');
  await page.locator('.VPHero .text').waitFor();
  expect(await page.locator('.VPHero .text').innerText()).toBe("FastAPI's programming model for TypeScript");
  const code = page.locator('div.language-ts pre.shiki code').first();
  expect(await code.innerText()).toContain("@Controller('/users')");
});

test('the sidebar navigates to a tutorial page', async () => {
  await page.goto(`${base}/tutorial/first-steps.html`);
  await page.locator('.VPSidebar a', { hasText: 'Path parameters' }).click();
  await page.waitForURL(`${base}/tutorial/path-params.html`);
  // VitePress navigates client-side: the new page's content arrives after the URL changes.
  await page.locator('.vp-doc h1', { hasText: 'Path parameters' }).waitFor();
  expect(await page.locator('.VPSidebar a.is-active, .VPSidebar .is-active a').first().innerText()).toBe('Path parameters');
});

test('code blocks render as highlighted code, with the language shown', async () => {
  await page.goto(`${base}/tutorial/path-params.html`);
  const block = page.locator('div.language-ts').first();
  expect(await block.locator('span.lang').innerText()).toBe('ts');
  // Shiki colours each token with an inline CSS variable: several colours means highlighting.
  const styles = await Promise.all((await block.locator('pre.shiki code span[style]').all()).map((span) => span.getAttribute('style')));
  expect(new Set(styles).size).toBeGreaterThan(3);
  expect(await block.locator('code').innerText()).toContain("@Path('itemId', { type: 'integer' }) itemId: number");
  const json = page.locator('div.language-json').first();
  expect(JSON.parse(await json.locator('code').innerText())).toEqual({ itemId: 3 });
});

test('local search finds a term and navigates to it', async () => {
  await page.goto(`${base}/`);
  await page.locator('.DocSearch-Button').click();
  const input = page.locator('.VPLocalSearchBox input');
  await input.fill('dependencyOverrides');
  const first = page.locator('.VPLocalSearchBox .results li').first();
  await first.waitFor();
  await first.click();
  await page.waitForURL((url) => url.pathname !== '/');
  await page.locator('.vp-doc', { hasText: 'dependencyOverrides' }).waitFor();
  expect(new URL(page.url()).pathname).toMatch(/^\/(tutorial|advanced|migrating|project|reference)\//);
});

test('every page of the sidebar and the API reference is served with its title', async () => {
  const links = [...sidebarLinks(guide), '/reference/index', '/reference/@trellis/metadata', '/reference/@trellis/fastify', '/reference/@trellis/swagger'];
  for (const link of links) {
    const response = await fetch(`${base}${link}.html`);
    // Pages are rendered at build time: the HTML already holds the page's title.
    expect([link, response.status, /<h1[^>]*>\s*\S/.test(await response.text())]).toEqual([link, 200, true]);
  }
  // The reference documents the exports, from their TSDoc comments.
  await page.goto(`${base}/reference/@trellis/fastify.html`);
  expect(await page.locator('.vp-doc').innerText()).toContain('Sends requests to an app in-process');
});

test('no internal link of the built site is broken (linkinator)', async () => {
  const linkinator = binOf('linkinator');
  // Everything that is not this server is skipped: there is no internet to check it against.
  const { stdout, code } = await run(linkinator, [`${base}/`, '--recurse', '--check-fragments', '--format', 'json', '--skip', `^(?!${base.replace(/[.:/]/g, '\\$&')})`], root);
  const report = JSON.parse(stdout) as { passed: boolean; links: { url: string; state: string; status: number; parent?: string }[] };
  const broken = report.links.filter((link) => link.state === 'BROKEN').map((link) => `${link.status} ${link.url} (on ${link.parent})`);
  expect(broken).toEqual([]);
  expect([report.passed, code]).toEqual([true, 0]);
  // It crawled the whole site, not just the home page: every page of the sidebar was reached.
  const reached = new Set(report.links.filter((link) => link.state === 'OK').map((link) => new URL(link.url).pathname));
  expect(sidebarLinks(guide).filter((link) => !reached.has(`${link}.html`))).toEqual([]);
}, 120_000);
