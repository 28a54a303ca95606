import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of an example file next to a test (`readExample(__dirname, 'output.txt')`). */
export function readExample(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

/** An example JSON file next to a test, parsed: what a page shows a response to be. */
export function exampleJson(dir: string, name: string): unknown {
  return JSON.parse(readExample(dir, name)) as unknown;
}
