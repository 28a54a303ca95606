import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { moduleSpecifiers, packageOf } from './module-specifiers';
import { manifestOf, packPackages, ROOT, type PackedPackage } from './packed-files';

/*
 * What a registry would get: the files `npm pack` puts in each tarball, checked against
 * each manifest. Hoisting in the workspace hides an undeclared import; this does not.
 */
let packed: PackedPackage[];
beforeAll(() => {
  packed = packPackages();
}, 120_000);

const shipped = (pkg: PackedPackage, pattern: RegExp) => pkg.files.filter((file) => pattern.test(file));
const read = (pkg: PackedPackage, file: string) => readFileSync(join(ROOT, 'packages', pkg.folder, file), 'utf8');

test('every package is packed', () => {
  expect(packed.map((pkg) => pkg.name).sort()).toEqual(['@trellis/bullmq', '@trellis/cli', '@trellis/fastify', '@trellis/metadata', '@trellis/swagger', 'create-trellis']);
});

test('every module a shipped file loads is declared (dependency or peer), and every dependency is loaded', () => {
  for (const pkg of packed) {
    const manifest = manifestOf(pkg.folder);
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
    const used = new Set<string>();
    const undeclared: string[] = [];
    for (const file of shipped(pkg, /\.(js|d\.ts)$/)) {
      for (const specifier of moduleSpecifiers(file, read(pkg, file))) {
        const name = packageOf(specifier);
        if (name === undefined || isBuiltin(specifier) || name === manifest.name) continue;
        used.add(name);
        if (!declared.has(name)) undeclared.push(`${file}: ${specifier}`);
      }
    }
    expect([pkg.name, undeclared]).toEqual([pkg.name, []]);
    const unused = Object.keys(manifest.dependencies ?? {}).filter((name) => !used.has(name));
    expect([pkg.name, unused]).toEqual([pkg.name, []]);
  }
});

test('the libraries users also import are peers, with one range across packages; Trellis packages are peers of each other', () => {
  const ranges = new Map<string, Set<string>>();
  for (const pkg of packed) {
    const manifest = manifestOf(pkg.folder);
    for (const name of ['fastify', 'class-validator', 'class-transformer', 'reflect-metadata', '@trellis/metadata', '@trellis/fastify']) {
      expect([pkg.name, name, manifest.dependencies?.[name]]).toEqual([pkg.name, name, undefined]);
    }
    for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
      expect([pkg.name, name, range]).toEqual([pkg.name, name, expect.stringMatching(/^[~^]\d/)]);
      ranges.set(name, (ranges.get(name) ?? new Set()).add(range));
    }
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      expect([pkg.name, name, range]).toEqual([pkg.name, name, expect.stringMatching(/^[~^]\d/)]);
    }
  }
  expect(Object.fromEntries([...ranges].map(([name, set]) => [name, [...set]]))).toMatchObject({
    fastify: ['^5.12.0'],
    'class-validator': ['^0.14.1 || ^0.15.1'],
    'class-transformer': ['^0.5.1'],
    'reflect-metadata': ['^0.1.14 || ^0.2.2'],
    '@trellis/metadata': ['^0.1.0'],
    '@trellis/fastify': ['^0.1.0'],
  });
  // One copy of @trellis/metadata: it holds the metadata keys and markers every package reads.
  expect(manifestOf('fastify').peerDependencies?.['@trellis/metadata']).toBe('^0.1.0');
  expect(manifestOf('swagger').peerDependencies?.['@trellis/fastify']).toBe('^0.1.0');
  // ReDoc pulls a large React tree: only for those who install it.
  expect(manifestOf('swagger').peerDependenciesMeta?.redoc).toEqual({ optional: true });
});

test('each tarball has the MIT LICENSE, a README, engines, a prepack build and no TypeScript sources', () => {
  const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
  expect(license).toContain('Copyright (c) 2026 the Trellis authors');
  for (const pkg of packed) {
    const manifest = manifestOf(pkg.folder);
    expect([pkg.name, read(pkg, 'LICENSE')]).toEqual([pkg.name, license]);
    expect(pkg.files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    expect(read(pkg, 'README.md')).toContain('npm ');
    expect([pkg.name, manifest.license, manifest.engines, manifest.scripts?.prepack]).toEqual([pkg.name, 'MIT', { node: '>=20' }, 'tsc -b']);
    expect([pkg.name, shipped(pkg, /(?<!\.d)\.ts$/)]).toEqual([pkg.name, []]);
  }
});

test('source maps carry their sources (nothing points at a file the tarball lacks)', () => {
  for (const pkg of packed) {
    const maps = shipped(pkg, /\.js\.map$/);
    expect(maps.length).toBeGreaterThan(0);
    for (const file of maps) {
      const map = JSON.parse(read(pkg, file)) as { sources: string[]; sourcesContent?: (string | null)[] };
      const inlined = map.sources.every((_, i) => typeof map.sourcesContent?.[i] === 'string');
      expect([file, inlined]).toEqual([file, true]);
    }
  }
});

test('the public declarations need no @types package a user would install by hand (no ws)', () => {
  for (const pkg of packed) {
    for (const file of shipped(pkg, /\.d\.ts$/)) {
      const typesOnly = moduleSpecifiers(file, read(pkg, file)).filter((specifier) => ['ws', 'light-my-request'].includes(packageOf(specifier) ?? ''));
      expect([file, typesOnly]).toEqual([file, []]);
    }
  }
});
