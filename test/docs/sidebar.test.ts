import { join, relative } from 'node:path';
import { sitePages } from '../../docs/.vitepress/code-blocks';
import { guide, sidebarLinks } from '../../docs/.vitepress/sidebar';

/* Every hand-written page is reachable from the sidebar, and every sidebar entry has a page. */
test('the sidebar lists exactly the pages that exist', () => {
  const docsDir = join(__dirname, '../../docs');
  const pages = sitePages(docsDir)
    .map((file) => `/${relative(docsDir, file).replace(/\.md$/, '')}`)
    .filter((page) => page !== '/index')
    .sort();
  expect([...sidebarLinks(guide)].sort()).toEqual(pages);
});
