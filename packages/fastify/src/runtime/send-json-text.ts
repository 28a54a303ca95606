import type { FastifyReply } from 'fastify';

/** The content type of every JSON body Trellis writes, as Fastify labels its own JSON. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * The reply serializer of one send: takes the text as it is, and unsets itself first (Fastify
 * calls it as a method of the reply; `null` is what a reply starts with), so the onSend hooks
 * that run next, and whatever else is sent on this reply — the error handler's answer when an
 * onSend hook fails — meet Fastify's own serializer again.
 */
function asIsOnce(this: FastifyReply, payload: string): string {
  // Fastify's types have no way to unset it.
  this.serializer(null as unknown as typeof asIsOnce);
  return payload;
}

/**
 * Sends a body already rendered as JSON text, labelled `JSON_CONTENT_TYPE`. For a string
 * with a content type, `reply.send()` parses that content type and searches its media
 * type for "json" (to add a charset it would leave alone here) — ~600 instructions per
 * request (bench/instructions.sh, S1). With a reply serializer set it takes the string as
 * it comes (onSend hooks still run). (A serializer a Fastify hook set with
 * `reply.serializer()` is not applied to this text, nor kept after: Trellis's routes are
 * serialized by their response models.)
 */
export function sendJsonText(reply: FastifyReply, body: string): FastifyReply {
  return reply.type(JSON_CONTENT_TYPE).serializer(asIsOnce).send(body);
}
