import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkSite, formatProblem } from '../../docs/.vitepress/code-blocks';

/*
 * The site's rule (docs/.vitepress/code-blocks.ts): every code block is an include of a file
 * under docs_src/ that a test there references. docs:build enforces it inside VitePress; this
 * test enforces it in `npm test`, and proves the check refuses what it must.
 */
const docsDir = join(__dirname, '../../docs');

test('every code block of the site is an include of a tested file', () => {
  expect(checkSite(docsDir).map(formatProblem)).toEqual([]);
});

describe('the check itself', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'trellis-docs-check-'));
    write('docs_src/a/main.ts', '// #region part\nexport const x = 1;\n// #endregion part\n');
    write('docs_src/a/response.json', '{}\n');
    write('docs_src/a/untested.sh', 'curl http://127.0.0.1:8000/\n');
    write('docs_src/a/main.test.ts', "import { x } from './main';\nconst file = join(__dirname, 'response.json');\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const problems = (page: string) => {
    write('docs/page.md', page);
    return checkSite(join(root, 'docs')).map(formatProblem);
  };

  test('accepts includes of files a test imports or reads, regions included', () => {
    expect(problems('# ok\n\n<<< @/../docs_src/a/main.ts\n\n<<< @/../docs_src/a/main.ts#part\n\n<<< @/../docs_src/a/response.json\n')).toEqual([]);
  });

  test('refuses a fenced block written into a page, of any language', () => {
    expect(problems('# no\n\n```sh\nnpm install\n```\n\n~~~ts\nx\n~~~\n')).toEqual([
      'page.md:3: a fenced code block written into the page: include it from a tested file under docs_src/ (<<< @/../docs_src/…)',
      'page.md:7: a fenced code block written into the page: include it from a tested file under docs_src/ (<<< @/../docs_src/…)',
    ]);
  });

  test('refuses an include no test references, a missing file, a missing region, a file outside docs_src', () => {
    write('elsewhere.ts', '');
    expect(problems('<<< @/../docs_src/a/untested.sh\n<<< @/../docs_src/a/gone.ts\n<<< @/../docs_src/a/main.ts#nope\n<<< @/../elsewhere.ts\n')).toEqual([
      'page.md:1: includes docs_src/a/untested.sh, which no test in docs_src/ imports or reads',
      'page.md:2: includes docs_src/a/gone.ts, which does not exist',
      'page.md:3: includes region "nope" of docs_src/a/main.ts, which has no "#region nope"',
      'page.md:4: includes elsewhere.ts, which is not under docs_src/',
    ]);
  });
});
