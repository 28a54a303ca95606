import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';

/** The problems one Redocly ruleset finds in a document, and their count per rule. */
export interface LintResult {
  readonly problems: readonly NormalizedProblem[];
  /** `{ 'operation-4xx-response': 3, … }`, sorted by rule. */
  readonly byRule: Readonly<Record<string, number>>;
}

/**
 * Lints a document with one of Redocly's built-in rulesets (`spec`: what the OpenAPI
 * specification requires; `recommended`: its house style), as `redocly lint` would.
 */
export async function lintOpenAPI(document: unknown, ruleset: 'spec' | 'recommended'): Promise<LintResult> {
  const config = await createConfig({ extends: [ruleset] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  const counts: Record<string, number> = {};
  for (const problem of problems) counts[problem.ruleId] = (counts[problem.ruleId] ?? 0) + 1;
  const byRule = Object.fromEntries(Object.keys(counts).sort().map((rule) => [rule, counts[rule]!]));
  return { problems, byRule };
}
