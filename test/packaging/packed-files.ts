import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');

/** The published packages, by folder under packages/. */
export const PACKAGES = ['metadata', 'fastify', 'swagger', 'bullmq', 'cli', 'create-trellis'] as const;

export interface PackedPackage {
  readonly folder: string;
  readonly name: string;
  readonly files: readonly string[];
  /** The tarball's path (when packed to a destination). */
  readonly tarball: string;
}

/**
 * What `npm pack` would put in each tarball (it runs each package's `prepack` build first).
 * `pack` with a destination writes the tarballs too.
 */
export function packPackages(destination?: string): PackedPackage[] {
  const args = ['pack', '--json', ...(destination ? ['--pack-destination', destination] : ['--dry-run'])];
  for (const folder of PACKAGES) args.push('--workspace', `packages/${folder}`);
  const output = execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const packed = JSON.parse(output) as { name: string; filename: string; files: { path: string }[] }[];
  const folderOf = new Map(PACKAGES.map((folder) => [manifestOf(folder).name, folder]));
  return packed.map((entry) => ({
    folder: folderOf.get(entry.name)!,
    name: entry.name,
    files: entry.files.map((file) => file.path),
    tarball: join(destination ?? '', entry.filename),
  }));
}

export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly engines?: Record<string, string>;
  readonly scripts?: Record<string, string>;
  readonly bin?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly devDependencies?: Record<string, string>;
}

export function manifestOf(folder: string): Manifest {
  return JSON.parse(readFileSync(join(ROOT, 'packages', folder, 'package.json'), 'utf8')) as Manifest;
}
