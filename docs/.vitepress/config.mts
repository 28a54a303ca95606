import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { codeBlockGuard } from './code-blocks';
import { guide } from './sidebar';

const docsDir = fileURLToPath(new URL('..', import.meta.url));

/** TypeDoc writes the reference pages and their sidebar before VitePress runs (`npm run reference`). */
function referenceSidebar(): DefaultTheme.SidebarItem[] {
  const file = new URL('../reference/typedoc-sidebar.json', import.meta.url);
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[];
}

export default defineConfig({
  title: 'Trellis',
  description: "FastAPI's programming model for TypeScript, compiled onto Fastify",
  lang: 'en-US',
  cleanUrls: false,
  lastUpdated: false,
  // A link to a page that does not exist fails the build (VitePress's own check).
  ignoreDeadLinks: false,
  markdown: {
    config: (md) => codeBlockGuard(md as unknown as Parameters<typeof codeBlockGuard>[0], docsDir),
  },
  themeConfig: {
    nav: [
      { text: 'Tutorial', link: '/tutorial/first-steps' },
      { text: 'Advanced', link: '/advanced/streaming' },
      { text: 'Reference', link: '/reference/' },
      {
        text: 'Migrating',
        items: [
          { text: 'From FastAPI', link: '/migrating/fastapi' },
          { text: 'Differences from FastAPI', link: '/migrating/fastapi-differences' },
          { text: 'From NestJS', link: '/migrating/nestjs' },
        ],
      },
      { text: 'Error codes', link: '/errors' },
      {
        text: 'Project',
        items: [
          { text: 'The example app', link: '/project/example-app' },
          { text: 'Reliability', link: '/project/reliability' },
          { text: 'Benchmark', link: '/project/benchmark' },
          { text: 'Development', link: '/project/development' },
        ],
      },
    ],
    sidebar: {
      '/reference/': [{ text: 'API reference', link: '/reference/' }, ...referenceSidebar()],
      '/': guide as DefaultTheme.SidebarItem[],
    },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    footer: { message: 'Released under the MIT License.' },
  },
});
