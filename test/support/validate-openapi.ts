import { execFileSync } from 'node:child_process';

/*
 * @seriousme/openapi-schema-validator is ESM-only and Jest's CommonJS runtime cannot load
 * it, so the check runs in a child Node process (which can) and reports back as JSON.
 */
const SCRIPT = `
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  const validator = new Validator();
  const result = await validator.validate(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? null }));
});
`;

export interface SpecValidation {
  readonly valid: boolean;
  readonly version: string;
  readonly errors: unknown;
}

/** Validates a document against the OpenAPI specification's JSON Schema. */
export function validateOpenAPI(document: unknown): SpecValidation {
  const out = execFileSync(process.execPath, ['-e', SCRIPT], { input: JSON.stringify(document), cwd: __dirname, encoding: 'utf8' });
  return JSON.parse(out) as SpecValidation;
}
