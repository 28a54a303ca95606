import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ProjectOptions } from './options';
import { projectFiles } from './project-files';

export interface CreateResult {
  readonly directory: string;
  readonly files: readonly string[];
}

/** Writes a new project into `directory`, which must not exist or be empty. */
export function createProject(directory: string, options: Omit<ProjectOptions, 'name'> & { readonly name?: string }): CreateResult {
  const target = resolve(directory);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new Error(`${target} already exists and is not empty; pick a new folder name`);
  }
  const files = projectFiles({ ...options, name: options.name ?? packageName(basename(target)) });
  for (const [path, content] of Object.entries(files)) {
    const file = join(target, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { directory: target, files: Object.keys(files) };
}

/** A folder name made into a valid npm package name. */
function packageName(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[._-]+/, '');
  return name === '' ? 'my-api' : name;
}
