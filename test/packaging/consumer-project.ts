import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PackedPackage } from './packed-files';

const run = promisify(execFile);

/** The environment of a user's shell: nothing inherited from the npm/jest running this test. */
export function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|INIT_CWD$|NODE_OPTIONS$|NODE_ENV$|JEST_|PORT$|HOST$|FORCE_COLOR$)/.test(key)) env[key] = value;
  }
  // Plain output, so the runners' summary lines can be read.
  env.NO_COLOR = '1';
  return env;
}

export interface CommandResult {
  readonly code: number;
  readonly output: string;
}

/** Runs a command in a folder; resolves with its exit code and its stdout+stderr. */
export async function command(cwd: string, file: string, args: readonly string[], timeoutMs = 300_000): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(file, [...args], { cwd, env: userEnv(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failure = error as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof failure.code === 'number' ? failure.code : 1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}${String(error)}` };
  }
}

/** Points the project's @trellis dependencies at the packed tarballs (the rest comes from the registry). */
export function useTarballs(project: string, packed: readonly PackedPackage[], pins: Readonly<Record<string, string>> = {}): void {
  const file = join(project, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { dependencies: Record<string, string> };
  for (const pkg of packed) if (pkg.name in manifest.dependencies) manifest.dependencies[pkg.name] = `file:${pkg.tarball}`;
  Object.assign(manifest.dependencies, pins);
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A long-running process (trellis dev/start) whose output is read as it comes. */
export class Server {
  private output = '';
  private readonly exited: Promise<number | null>;
  readonly child: ChildProcess;

  /** `group`: the process leads a process group of its own, as a terminal's foreground job does. */
  constructor(cwd: string, file: string, args: readonly string[], options: { readonly group?: boolean } = {}) {
    this.child = spawn(file, [...args], { cwd, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: options.group === true });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get text(): string {
    return this.output;
  }

  /** Waits until the output after `from` matches; resolves with the match. */
  async waitFor(pattern: RegExp, from = 0, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output.slice(from).match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`no ${pattern} in the output (exit ${this.child.exitCode}):\n${this.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The address of the latest "listening on" line after `from`. */
  async address(from = 0): Promise<string> {
    const match = await this.waitFor(/listening on (http:\/\/[\d.]+:\d+)/, from);
    return match[1]!;
  }

  /** SIGTERM (or another signal; `group`: to the whole process group, as Ctrl-C does), then the exit code. */
  async stop(timeoutMs = 20_000, signal: NodeJS.Signals = 'SIGTERM', group = false): Promise<number | null> {
    if (group) process.kill(-this.child.pid!, signal);
    else this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
