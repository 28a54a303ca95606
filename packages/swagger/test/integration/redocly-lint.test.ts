import { TestClient, type TrellisApp } from '@trellis/fastify';
import { openapi, type OpenAPIDocument } from '@trellis/swagger';
import { buildApp as buildBookstore } from '../../../../examples/bookstore/src/app';
import { buildApp as buildHello } from '../../../../examples/hello/src/app';
import { lintOpenAPI } from '../../../../test/support/lint-openapi';
import { validateOpenAPI } from '../../../../test/support/validate-openapi';

/*
 * Both examples' documents as Redocly CLI sees them: valid OpenAPI 3.1 and no problem under
 * the `spec` ruleset. The `recommended` ruleset (style, not correctness) is printed per rule,
 * so a change in its counts shows up in the test output.
 */

const examples: Record<string, () => TrellisApp> = {
  hello: () => buildHello().use(openapi()),
  bookstore: () => buildBookstore({ logger: false }),
};

/** What `recommended` still reports, per rule: style choices, each explained in docs/tutorial/openapi.md. */
const RECOMMENDED: Record<string, Record<string, number>> = {
  hello: { 'info-license': 1, 'no-empty-servers': 1, 'operation-4xx-response': 1, 'security-defined': 4 },
  bookstore: { 'info-license': 1, 'no-empty-servers': 1, 'security-defined': 6 },
};

async function documentOf(build: () => TrellisApp): Promise<OpenAPIDocument> {
  const app = build();
  const res = await new TestClient(app).get('/openapi.json');
  await app.close();
  expect(res.status).toBe(200);
  return res.json<OpenAPIDocument>();
}

describe.each(Object.keys(examples))('the %s example', (name) => {
  let doc: OpenAPIDocument;
  beforeAll(async () => {
    doc = await documentOf(examples[name]!);
  });

  test('validates as OpenAPI 3.1', () => {
    expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
  });

  test("lints clean with Redocly's spec ruleset", async () => {
    const { problems } = await lintOpenAPI(doc, 'spec');
    expect(problems.map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? ''}`)).toEqual([]);
  });

  test("the recommended ruleset's counts (printed)", async () => {
    const { byRule, problems } = await lintOpenAPI(doc, 'recommended');
    console.log(`${name}: Redocly recommended ruleset: ${problems.length} problem(s) ${JSON.stringify(byRule)}`);
    expect(byRule).toEqual(RECOMMENDED[name]);
  });
});
