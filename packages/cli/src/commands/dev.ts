import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { appModule, isEsmFile, readProject } from '../project/project';
import { LISTEN_HELP, LISTEN_OPTIONS, listenOptions } from '../serve/listen-options';
import { SERVE_SCRIPT } from '../serve/worker-message';
import type { Command } from './command';
import { UsageError } from './usage-error';

/**
 * `trellis dev`: serves the TypeScript sources, compiled on the fly by SWC through
 * @swc-node/register (which reads tsconfig.json, decorator metadata included), under Node's
 * own `--watch`, which restarts the process when a loaded file changes. No type checking:
 * that is `tsc`'s job (`npm run build`, or your editor).
 */
export const dev: Command = {
  name: 'dev',
  usage: 'dev [module] [--port N] [--host H]',
  summary: 'Serve the app from its TypeScript sources; restart on every change.',
  help: [
    '  module          the module exporting `buildApp()` or `app`',
    '                  (default: package.json "trellis": { "dev": … }, else src/app.ts)',
    LISTEN_HELP.replace('%HOST%', '127.0.0.1'),
    '',
    'Needs @swc-node/register and @swc/core (devDependencies of a generated project).',
  ].join('\n'),
  options: LISTEN_OPTIONS,
  async run(context) {
    const project = readProject(context.cwd);
    const file = appModule(project, context.cwd, 'dev', context.positionals[0], 'src/app.ts');
    if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
    const listen = listenOptions(context, '127.0.0.1');
    const need = missingCompiler(project.root);
    if (need.length > 0) {
      process.stderr.write(
        `trellis dev compiles TypeScript with SWC, which emits the decorator metadata Trellis reads.\n` +
          `Install it: npm install --save-dev ${need.join(' ')}\n`,
      );
      return 1;
    }
    const esm = isEsmFile(file, project);
    const hook = esm ? ['--import', '@swc-node/register/esm-register'] : ['--require', '@swc-node/register'];
    // The app's folder, watched recursively: a dependency-tracking watch loses a file that an
    // editor saves by writing a new file and renaming it over the old one.
    const args = [`--watch-path=${dirname(file)}`, '--enable-source-maps', ...hook, SERVE_SCRIPT, '--file', file, '--host', listen.host, '--port', String(listen.port), '--role', 'dev'];
    if (esm) args.push('--esm');
    // The project's root is the child's cwd: the hook's specifier and tsconfig.json resolve from there.
    const child = spawn(process.execPath, args, { cwd: project.root, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGTERM', forward);
    process.on('SIGINT', forward);
    return new Promise((resolve) => {
      child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 0 : 1)));
    });
  },
};

function missingCompiler(root: string): string[] {
  const resolveFrom = createRequire(join(root, 'package.json'));
  return ['@swc-node/register', '@swc/core'].filter((name) => {
    try {
      resolveFrom.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}
