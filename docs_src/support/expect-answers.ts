import { join } from 'node:path';
import type { TestResponse, TrellisApp } from '@trellis/fastify';
import { replayCurl } from './curl';
import { exampleJson } from './example-files';

/** What a page says one request answers: the status, and the JSON file the page shows (if any). */
export type Answer = readonly [status: number, jsonFile?: string];

/**
 * Replays the curl commands of `script` (next to the test) against `app` and asserts each
 * answers exactly what the page shows: the status, and a body equal to the JSON file.
 * Returns the responses for further assertions (headers).
 */
export async function expectAnswers(app: TrellisApp, dir: string, script: string, answers: readonly Answer[]): Promise<TestResponse[]> {
  const responses = await replayCurl(app, join(dir, script));
  expect(responses.map((response) => response.status)).toEqual(answers.map(([status]) => status));
  responses.forEach((response, index) => {
    const file = answers[index]![1];
    if (file) {
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.json()).toEqual(exampleJson(dir, file));
    }
  });
  return responses;
}
