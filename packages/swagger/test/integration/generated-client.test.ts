import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestClient } from '@trellis/fastify';
import ts from 'typescript';
import { app } from '../../../../docs_src/tutorial/unions/main';

/*
 * The proof that the document's `oneOf` + `discriminator.mapping` is what client generators
 * need: @hey-api/openapi-ts (pinned devDependency) generates types from the Unions page's
 * app, and TypeScript narrows a pet by its tag in code that uses them. A wrong access in a
 * narrowed branch must fail to compile, so the check can fail.
 */

const ROOT = join(__dirname, '../../../..');
const OPENAPI_TS = join(ROOT, 'node_modules/@hey-api/openapi-ts/bin/run.js');

const NARROWS = `
import type { Owner } from './client/types.gen';

export function describePet(owner: Owner): string {
  const pet = owner.pet;
  switch (pet.pet_type) {
    case 'cat': {
      const meows: boolean = pet.meows;
      return meows ? 'a cat that meows' : 'a quiet cat';
    }
    case 'dog': {
      const barks: number = pet.barks;
      return \`a dog that barks \${barks} times\`;
    }
    default: {
      const never: never = pet;
      return never;
    }
  }
}
`;

const WRONG_BRANCH = `
import type { Owner } from './client/types.gen';

export function barksOfCat(owner: Owner): number {
  if (owner.pet.pet_type === 'cat') return owner.pet.barks;
  return 0;
}
`;

/** Type-checks one file against the generated types; the diagnostics, as text. */
function typeCheck(file: string): string[] {
  const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: false, types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a client generated from the OpenAPI document by @hey-api/openapi-ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-client-'));
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  beforeAll(async () => {
    const doc = (await new TestClient(app).get('/openapi.json')).text;
    writeFileSync(join(dir, 'openapi.json'), doc);
    await promisify(execFile)(process.execPath, [OPENAPI_TS, '-i', join(dir, 'openapi.json'), '-o', join(dir, 'client'), '-p', '@hey-api/typescript'], { cwd: dir });
    writeFileSync(join(dir, 'narrows.ts'), NARROWS);
    writeFileSync(join(dir, 'wrong-branch.ts'), WRONG_BRANCH);
  }, 60_000);

  test('types the pet field as the tagged union of the variants', () => {
    const types = readFileSync(join(dir, 'client/types.gen.ts'), 'utf8');
    expect(types).toContain("pet_type: 'cat';");
    expect(types.replace(/\s+/g, ' ')).toContain("pet: ({ pet_type: 'cat'; } & Cat) | ({ pet_type: 'dog'; } & Dog);");
  });

  test('narrows a pet by its tag: code using each variant’s fields compiles, exhaustively', () => {
    expect(typeCheck(join(dir, 'narrows.ts'))).toEqual([]);
  }, 60_000);

  test("refuses a dog's field in the cat branch", () => {
    const diagnostics = typeCheck(join(dir, 'wrong-branch.ts'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/^Property 'barks' does not exist on type /);
  }, 60_000);
});
