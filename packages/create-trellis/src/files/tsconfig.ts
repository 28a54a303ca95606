/**
 * tsconfig.json: strict, with the two decorator flags Trellis needs (it reads parameter and
 * property types from the metadata the compiler emits). Covers src and test; the build uses
 * tsconfig.build.json (src only, to dist).
 */
export function tsconfig(): string {
  const compilerOptions = {
    target: 'ES2022',
    // NodeNext follows package.json's "type": CommonJS output here, ES modules with "type": "module".
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022'],
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    forceConsistentCasingInFileNames: true,
    sourceMap: true,
    outDir: 'dist',
  };
  return `${JSON.stringify({ compilerOptions, include: ['src', 'test'] }, null, 2)}\n`;
}

/** tsconfig.build.json: what `npm run build` compiles (src → dist, no tests). */
export function tsconfigBuild(): string {
  return `${JSON.stringify({ extends: './tsconfig.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] }, null, 2)}\n`;
}
