import { RequestValidationError, type ValidationErrorItem } from '@trellis/metadata';
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { err } from '../validation/error-items';
import { locateJsonError } from './locate-json-error';

/**
 * Replaces Fastify's JSON parser so malformed JSON is FastAPI's 422 `json_invalid` rather
 * than a 400, and drops `__proto__` / `constructor.prototype` keys instead of letting them
 * reach user code. Fastify's text/plain parser is removed: a JSON API answers other media
 * types with 415.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parse = (text: string, done: (error: Error | null, body?: unknown) => void): void => {
    if (text.length === 0) {
      done(null, undefined);
      return;
    }
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' }));
    } catch (error) {
      const { position, message } = locateJsonError(text, (error as Error).message);
      const errors: ValidationErrorItem[] = [];
      err.jsonInvalid(errors, position, message);
      done(new RequestValidationError(errors), undefined);
    }
  };
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => parse(body as string, done));
  fastify.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, (_request, body, done) => parse(body as string, done));
}
