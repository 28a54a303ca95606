import { RequestValidationError, type ValidationErrorItem } from '@trellis/metadata';
import type { FastifyInstance } from 'fastify';
import { err } from '../validation/error-items';
import { cleanParsedJson } from './clean-parsed-json';
import { jsonDepthExceededAt } from './json-depth';
import { locateJsonError } from './locate-json-error';

/**
 * Replaces Fastify's JSON parser so malformed JSON is FastAPI's 422 `json_invalid` rather
 * than a 400, and drops `__proto__` / `constructor.prototype` keys instead of letting them
 * reach user code. Bodies nested deeper than `maxJsonDepth` (`createApp({ limits })`) are
 * `json_invalid` too, so a 422 never has to echo an input too deep to serialize; one walk of
 * the parsed value does both (`cleanParsedJson`). Fastify's text/plain parser
 * is removed: a JSON API answers other media types with 415.
 */
export function installJsonBodyParser(fastify: FastifyInstance, maxJsonDepth: number): void {
  fastify.removeAllContentTypeParsers();
  const parse = (text: string, done: (error: Error | null, body?: unknown) => void): void => {
    if (text.length === 0) {
      done(null, undefined);
      return;
    }
    let body: unknown;
    try {
      // A byte-order mark is not JSON, but clients send one; JSON.parse would refuse it.
      body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      const { position, message } = locateJsonError(text, (error as Error).message);
      refuse(position, message, done);
      return;
    }
    if (!cleanParsedJson(body, maxJsonDepth)) {
      // Rare, so only now is the text scanned for where it went too deep.
      refuse(jsonDepthExceededAt(text, maxJsonDepth), 'recursion limit exceeded', done);
      return;
    }
    // Outside the try: `done` may run the route synchronously, and its errors are not JSON errors.
    done(null, body);
  };
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => parse(body as string, done));
  fastify.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, (_request, body, done) => parse(body as string, done));
}

function refuse(position: number, message: string, done: (error: Error | null) => void): void {
  const errors: ValidationErrorItem[] = [];
  err.jsonInvalid(errors, position, message);
  done(new RequestValidationError(errors));
}
