import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The README's example is docs_src/home/, verbatim: its code, its request and its 422 are the
 * files docs_src/home/main.test.ts runs and compares against. The two commands it tells a
 * newcomer to run are scripts of the root package.json.
 */
const root = join(__dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, code: m[2]! }));
const home = (file: string) => readFileSync(join(root, 'docs_src/home', file), 'utf8');

test('the example is docs_src/home/main.ts, its request request.sh and its 422 response-422.json', () => {
  expect(blocks.filter((block) => block.lang === 'ts').map((block) => block.code)).toEqual([home('main.ts')]);
  expect(blocks.filter((block) => block.lang === 'json').map((block) => block.code)).toEqual([home('response-422.json')]);
  expect(blocks.filter((block) => block.lang === 'sh').map((block) => block.code)).toContain(home('request.sh'));
});

test('the two commands of a fresh machine are npm install && npm start, and npm test, both defined', () => {
  const commands = blocks[0]!.code
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
  expect([blocks[0]!.lang, commands]).toEqual(['sh', ['npm install && npm start', 'npm test']]);
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect([typeof scripts.start, typeof scripts.test]).toEqual(['string', 'string']);
});

test('every relative link of the README points at a file of the repository', () => {
  const links = [...readme.matchAll(/\]\(((?!https?:)[^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]!);
  expect(links.length).toBeGreaterThan(5);
  expect(links.filter((link) => !existsSync(join(root, link)))).toEqual([]);
});
