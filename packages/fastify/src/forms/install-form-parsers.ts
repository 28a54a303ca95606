import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { FORM_PROPERTY, FormFields, setForm } from './form-fields';
import { readMultipart } from './read-multipart';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './upload-limits';


/**
 * Accepts `application/x-www-form-urlencoded` (@fastify/formbody) and `multipart/form-data`
 * (@fastify/multipart) next to JSON. A form is kept apart from `request.body`, so a JSON
 * route never mistakes form fields for its JSON body (which would let a cross-site HTML
 * form reach it); `@Form` and `@File` read it instead.
 */
export function installFormParsers(fastify: FastifyInstance, options: UploadLimits = {}): void {
  const limits: Required<UploadLimits> = { ...DEFAULT_UPLOAD_LIMITS, ...options };
  fastify.decorateRequest(FORM_PROPERTY, null);
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
  // Only routes that read a form get the hook; the others (JSON routes, GET, HEAD) pay nothing.
  // On those, an urlencoded body stays an opaque FormFields (its fields are not properties),
  // so a DTO never mistakes form fields for JSON: it reports them missing.
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((method) => method === 'GET' || method === 'HEAD')) return;
    const slot = (route.config as { trellisSlot?: { plan: { readsForm: boolean } } } | undefined)?.trellisSlot;
    if (slot && !slot.plan.readsForm) return;
    const existing = route.preValidation;
    route.preValidation = existing === undefined ? [readForm] : [...(Array.isArray(existing) ? existing : [existing]), readForm];
  });
}
