import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/*
 * The rule of this site: every code block on a page is included from a file under docs_src/
 * (`<<< @/../docs_src/...`) that a test in docs_src/ imports or reads, so what a reader copies
 * is what the tests ran. A fenced block written into a page is refused; so is an include of a
 * missing file, of a missing region, or of a file no test references.
 *
 * The same rule runs twice: `checkSite()` over the Markdown sources (a jest test, so `npm test`
 * fails fast), and `codeBlockGuard` inside VitePress's own Markdown parser (so `docs:build`
 * fails too, on exactly the blocks the site would render).
 *
 * docs/reference/ is exempt: TypeDoc generates it from the packages' TSDoc comments, and its
 * blocks are the exported signatures themselves.
 */

/** One violation of the rule, with where it is. */
export interface CodeBlockProblem {
  /** The page, relative to the docs folder. */
  readonly page: string;
  /** 1-based line of the page. */
  readonly line: number;
  readonly message: string;
}

/** Folders of the docs tree that are not hand-written pages. */
const NOT_PAGES = new Set(['node_modules', '.vitepress', 'reference', 'public']);

/** Test files are found by this suffix, as jest's testMatch finds them. */
const TEST_SUFFIX = '.test.ts';

/** Extensions a test may leave out when it imports a file (`import { app } from './main'`). */
const IMPORT_EXTENSIONS = ['', '.ts', '.json'];

/** The folder of docs_src/ next to a docs folder. */
export function docsSrcOf(docsDir: string): string {
  return resolve(docsDir, '..', 'docs_src');
}

/**
 * Every file under `docsSrcDir` that some test there references by a relative string literal
 * (`import … from './main'`, `readExample('response.json')`, `join(__dirname, 'run.sh')`),
 * or that a test under test/ names by its docs_src/ folder and its file name.
 */
export function exercisedFiles(docsSrcDir: string): Set<string> {
  const exercised = new Set<string>();
  for (const test of walk(docsSrcDir).filter((file) => file.endsWith(TEST_SUFFIX))) {
    for (const literal of quotedTexts(readFileSync(test, 'utf8'))) {
      if (/^[a-z]+:/i.test(literal) || literal.startsWith('@')) continue; // node:fs, @trellis/…
      for (const extension of IMPORT_EXTENSIONS) {
        const candidate = resolve(dirname(test), literal + extension);
        if (candidate.startsWith(docsSrcDir + sep) && isFile(candidate)) exercised.add(candidate);
      }
    }
  }
  // Tests outside docs_src/ (test/packaging checks what a generated project prints) name the
  // folder and the file in separate literals: `join(ROOT, 'docs_src/tutorial/x', file)`.
  const root = resolve(docsSrcDir, '..');
  for (const test of walk(join(root, 'test')).filter((file) => file.endsWith(TEST_SUFFIX))) {
    const literals = quotedTexts(readFileSync(test, 'utf8'));
    const folders = literals.filter((literal) => literal.startsWith('docs_src/')).map((literal) => resolve(root, literal));
    for (const folder of folders) {
      for (const literal of ['', ...literals]) {
        const candidate = resolve(folder, literal);
        if (candidate.startsWith(docsSrcDir + sep) && isFile(candidate)) exercised.add(candidate);
      }
    }
  }
  return exercised;
}

/** Checks one include target: it exists under docs_src/, its region exists, a test references it. */
export function checkInclude(file: string, region: string | undefined, docsSrcDir: string, exercised: ReadonlySet<string>): string | undefined {
  // A test file shown on a page (the Testing tutorial) is exercised by being run.
  const shown = relative(resolve(docsSrcDir, '..'), file);
  if (!file.startsWith(docsSrcDir + sep)) return `includes ${shown}, which is not under docs_src/`;
  if (!isFile(file)) return `includes ${shown}, which does not exist`;
  if (region && !new RegExp(`#region ${escape(region)}\\b`).test(readFileSync(file, 'utf8'))) {
    return `includes region "${region}" of ${shown}, which has no "#region ${region}"`;
  }
  if (!exercised.has(file) && !file.endsWith(TEST_SUFFIX)) return `includes ${shown}, which no test in docs_src/ imports or reads`;
  return undefined;
}

/** Parses the target of a `<<< @/path#region{lang}` line: the file (resolved) and the region. */
export function parseInclude(target: string, docsDir: string, pageFile: string): { file: string; region?: string } {
  const path = target.trim().replace(/\s*\[[^\]]*\]$/, '').replace(/\s*\{[^}]*\}$/, '');
  const [filePart = '', region] = path.split('#');
  const file = filePart.startsWith('@') ? resolve(docsDir, `.${filePart.slice(1)}`) : resolve(dirname(pageFile), filePart);
  return region ? { file, region } : { file };
}

/** Scans one page's Markdown source for fenced blocks and checks each include. */
export function checkPage(pageFile: string, docsDir: string, exercised: ReadonlySet<string>): CodeBlockProblem[] {
  const page = relative(docsDir, pageFile);
  const docsSrcDir = docsSrcOf(docsDir);
  const problems: CodeBlockProblem[] = [];
  const lines = readFileSync(pageFile, 'utf8').split('\n');
  let fence: { marker: string; line: number } | undefined;
  lines.forEach((text, index) => {
    const line = index + 1;
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (fence) {
      if (opening && opening[1]!.startsWith(fence.marker) && text.trim() === opening[1]) fence = undefined;
      return;
    }
    if (opening) {
      fence = { marker: opening[1]!, line };
      problems.push({ page, line, message: 'a fenced code block written into the page: include it from a tested file under docs_src/ (<<< @/../docs_src/…)' });
      return;
    }
    const include = /^ {0,3}<<<\s*(.+)$/.exec(text);
    if (include) {
      const { file, region } = parseInclude(include[1]!, docsDir, pageFile);
      const message = checkInclude(file, region, docsSrcDir, exercised);
      if (message) problems.push({ page, line, message });
    }
  });
  return problems;
}

/** Every hand-written page of the site (docs/**\/*.md outside reference/ and .vitepress/). */
export function sitePages(docsDir: string): string[] {
  return walk(docsDir, NOT_PAGES).filter((file) => file.endsWith('.md'));
}

/** Checks every page of the site; an empty list means the rule holds. */
export function checkSite(docsDir: string): CodeBlockProblem[] {
  const exercised = exercisedFiles(docsSrcOf(docsDir));
  return sitePages(docsDir).flatMap((page) => checkPage(page, docsDir, exercised));
}

/** How a problem reads in a build log or a test failure. */
export function formatProblem(problem: CodeBlockProblem): string {
  return `${problem.page}:${problem.line}: ${problem.message}`;
}

/** The part of markdown-it's API the guard uses (VitePress's renderer is a markdown-it instance). */
interface FenceToken {
  readonly src?: readonly [string, string?];
  readonly map?: readonly [number, number] | null;
}
interface MarkdownItLike {
  renderer: { rules: { fence?: (tokens: FenceToken[], index: number, options: unknown, env: PageEnv, self: unknown) => string } };
}
interface PageEnv {
  readonly relativePath?: string;
}

/**
 * A markdown-it plugin for VitePress (`markdown.config`): rendering a page fails on a fenced
 * block that is not an include, and on an include that `checkInclude` refuses.
 */
export function codeBlockGuard(md: MarkdownItLike, docsDir: string): void {
  const docsSrcDir = docsSrcOf(docsDir);
  let exercised: Set<string> | undefined;
  const render = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const page = env.relativePath ?? '';
    const exempt = page.split('/')[0] === 'reference';
    if (!exempt) {
      const token = tokens[index]!;
      const line = (token.map?.[0] ?? 0) + 1;
      exercised ??= exercisedFiles(docsSrcDir);
      const message = token.src ? checkInclude(token.src[0], token.src[1] || undefined, docsSrcDir, exercised) : 'a fenced code block written into the page: include it from a tested file under docs_src/ (<<< @/../docs_src/…)';
      if (message) throw new Error(formatProblem({ page, line, message }));
    }
    return render(tokens, index, options, env, self);
  };
}

/**
 * Every text between two equal quotes on one line, overlaps included: a regular expression
 * literal with a quote in it must not hide the string literals after it.
 */
function quotedTexts(source: string): string[] {
  const texts: string[] = [];
  for (const line of source.split('\n')) {
    for (let i = 0; i < line.length; i++) {
      const quote = line[i]!;
      if (quote !== "'" && quote !== '"' && quote !== '`') continue;
      const end = line.indexOf(quote, i + 1);
      if (end > i + 1) texts.push(line.slice(i + 1, end));
    }
  }
  return texts;
}

function walk(dir: string, skip: ReadonlySet<string> = new Set(['node_modules'])): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skip.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path, skip) : [path];
  });
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
