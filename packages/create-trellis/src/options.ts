/** The test runners a project can be generated with. */
export const RUNNERS = ['jest', 'ts-jest', 'vitest', 'node'] as const;
export type Runner = (typeof RUNNERS)[number];

/** What `create-trellis` writes. */
export interface ProjectOptions {
  /** The package name (the folder's name by default). */
  readonly name: string;
  /** ES modules (`"type": "module"`, NodeNext) instead of CommonJS. */
  readonly esm: boolean;
  /** `jest` (with @swc/jest, the default), `ts-jest`, `vitest` (with unplugin-swc) or `node` (node:test). */
  readonly runner: Runner;
  /** The version range of the @trellis packages (this generator's own version by default). */
  readonly trellisVersion: string;
}
