import type * as FastifyFormbody from '@fastify/formbody';
import type * as FastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { kForm } from '../symbols';
import { FormFields, setForm } from './form-fields';
import { readMultipart } from './read-multipart';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './upload-limits';


/**
 * Accepts `application/x-www-form-urlencoded` (@fastify/formbody) and `multipart/form-data`
 * (@fastify/multipart) next to JSON, in the (encapsulated) context of the routes that read
 * forms; everywhere else a form body is a 415, so a cross-site HTML form never reaches a
 * JSON route. The form is kept apart from `request.body`; `@Form` and `@File` read it.
 */
export function installFormParsers(fastify: FastifyInstance, options: UploadLimits = {}): void {
  const limits: Required<UploadLimits> = { ...DEFAULT_UPLOAD_LIMITS, ...options };
  fastify.decorateRequest(kForm, null);
  // Loaded only by apps with form routes: the others start faster and smaller without busboy.
  const formbody = (require('@fastify/formbody') as typeof FastifyFormbody).default;
  const multipart = (require('@fastify/multipart') as typeof FastifyMultipart).default;
  // formbody's types expect a plain record; a FormFields instance is what the hook below looks for.
  void fastify.register(formbody, { parser: (text: string) => FormFields.fromUrlEncoded(text) as unknown as Record<string, unknown> });
  void fastify.register(multipart, {
    limits: {
      fileSize: limits.maxFileSize,
      files: limits.maxFiles,
      fields: limits.maxFields,
      fieldSize: limits.maxFieldSize,
      parts: limits.maxFiles + limits.maxFields,
    },
  });
  const readForm = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (request.body instanceof FormFields) {
      setForm(request, request.body);
      request.body = undefined;
      done();
      return;
    }
    if (!request.isMultipart()) {
      done();
      return;
    }
    readMultipart(request, limits, (cleanup) => reply.raw.once('close', cleanup)).then(
      (form) => {
        setForm(request, form);
        done();
      },
      (error: Error) => done(error),
    );
  };
  // The app installs this in a context holding only routes that read forms; of those, the
  // ones whose method carries a body get the hook.
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((method) => method === 'GET' || method === 'HEAD')) return;
    const existing = route.preValidation;
    route.preValidation = existing === undefined ? [readForm] : [...(Array.isArray(existing) ? existing : [existing]), readForm];
  });
}
