import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The `"trellis"` field of package.json: which module each command serves, keyed by command
 * name (`{ "dev": "src/app.ts", "start": "dist/app.js" }`). A module argument wins over it.
 */
export type TrellisConfig = Readonly<Record<string, string | undefined>>;

/** The user's project, as the commands need it. */
export interface Project {
  /** The folder holding package.json (the working directory when none is found). */
  readonly root: string;
  /** `"type": "module"` in package.json. */
  readonly esm: boolean;
  readonly config: TrellisConfig;
}

/** Finds the nearest package.json from `cwd` upwards and reads what the commands need. */
export function readProject(cwd: string): Project {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown; trellis?: unknown };
      const config = typeof manifest.trellis === 'object' && manifest.trellis !== null ? (manifest.trellis as TrellisConfig) : {};
      return { root: dir, esm: manifest.type === 'module', config };
    }
    if (dirname(dir) === dir) return { root: resolve(cwd), esm: false, config: {} };
  }
}

/** The module a command serves: its argument, else package.json's `trellis[command]`, else the default. */
export function appModule(project: Project, cwd: string, command: string, argument: string | undefined, fallback: string): string {
  if (argument !== undefined) return resolve(cwd, argument);
  return resolve(project.root, project.config[command] ?? fallback);
}

/** Whether Node loads `file` as an ES module (by extension, else by the package's type). */
export function isEsmFile(file: string, project: Project): boolean {
  if (/\.(mjs|mts)$/.test(file)) return true;
  if (/\.(cjs|cts)$/.test(file)) return false;
  return project.esm;
}
