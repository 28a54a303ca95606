#!/usr/bin/env node
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createProject } from './create-project';
import { RUNNERS, type Runner } from './options';

const USAGE = `Usage: npm create trellis@latest <folder> [-- --esm] [-- --test jest|ts-jest|vitest|node]

  <folder>        where to write the project (must not exist, or be empty)
  --esm           ES modules ("type": "module", NodeNext) instead of CommonJS
  --test <runner> jest (default: Jest with @swc/jest), ts-jest, vitest (with unplugin-swc)
                  or node (node:test with @swc-node/register)
`;

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { esm: { type: 'boolean' }, test: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`create-trellis: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  const folder = positionals[0];
  const runner = values.test ?? 'jest';
  if (folder === undefined || positionals.length > 1 || !(RUNNERS as readonly string[]).includes(runner)) {
    process.stderr.write(`${folder === undefined ? 'create-trellis: name the folder to create\n\n' : ''}${USAGE}`);
    return 1;
  }
  const version = (require('../package.json') as { version: string }).version;
  try {
    const { directory } = createProject(folder, { esm: values.esm === true, runner: runner as Runner, trellisVersion: `^${version}` });
    const near = relative(process.cwd(), directory);
    const cd = near === '' ? '.' : near.startsWith('..') ? directory : near;
    process.stdout.write(
      `Created a Trellis project in ${directory}\n\nNext:\n  cd ${cd}\n  npm install\n  npm test        # the tests in test/\n  npm run dev     # http://127.0.0.1:8000, docs at /docs; restarts on change\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`create-trellis: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
