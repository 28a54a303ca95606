import { join } from 'node:path';
import ts from 'typescript';

/** What a package's entry point exports: runtime values (functions, classes, constants) and type-only names. */
export interface PublicSurface {
  readonly values: string[];
  readonly types: string[];
}

/**
 * Every name `packages/<name>/src/index.ts` exports, read with the TypeScript compiler
 * (type-only exports included, which no runtime check can see), sorted.
 */
export function publicSurface(name: 'metadata' | 'fastify' | 'swagger' | 'bullmq' | 'create-trellis'): PublicSurface {
  const entry = join(__dirname, '../../packages', name, 'src/index.ts');
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    experimentalDecorators: true,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const values: string[] = [];
  const types: string[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const typeOnly = exported.declarations?.some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly)) ?? false;
    (target.flags & ts.SymbolFlags.Value && !typeOnly ? values : types).push(exported.name);
  }
  return { values: values.sort(), types: types.sort() };
}
