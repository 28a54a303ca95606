import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellWords } from '../support/curl';

/*
 * The project pages show commands to type in the repository. Each `npm run <script>` must be
 * a script of the root package.json and each `node <file>` a file that exists, so a page can
 * never send a reader to a command that is gone.
 */
const root = join(__dirname, '../..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

function commandsOf(file: string): string[][] {
  return readFileSync(join(__dirname, file), 'utf8')
    .split('\n')
    .flatMap((line) => line.replace(/#.*$/, '').split('&&'))
    .map((command) => shellWords(command.trim()).filter((word) => !/^[A-Z_]+=/.test(word)))
    .filter((words) => words.length > 0);
}

test.each(['reliability/test-long.sh', 'benchmark/run.sh', 'development/commands.sh'])('%s names scripts and files that exist', (file) => {
  const commands = commandsOf(file);
  expect(commands.length).toBeGreaterThan(0);
  for (const [program, verb, target] of commands) {
    if (program === 'npm' && verb === 'run') expect([target, scripts[target!] !== undefined]).toEqual([target, true]);
    else if (program === 'npm') expect(['install', 'start', 'test']).toContain(verb);
    else if (program === 'node') expect([verb, existsSync(join(root, verb!))]).toEqual([verb, true]);
    else throw new Error(`${file}: unexpected command ${program}`);
  }
});
