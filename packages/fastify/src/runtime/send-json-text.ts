import type { FastifyReply } from 'fastify';

/** The content type of every JSON body Trellis writes, as Fastify labels its own JSON. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

const asIs = (payload: string): string => payload;

/**
 * Sends a body already rendered as JSON text, labelled `JSON_CONTENT_TYPE`. For a string
 * with a content type, `reply.send()` parses that content type and searches its media
 * type for "json" (to add a charset it would leave alone here) — ~600 instructions per
 * request (bench/instructions.sh, S1). With a reply serializer set it takes the string as
 * it comes (onSend hooks still run). The serializer is unset right after (`null` is what a
 * reply starts with): whatever else is sent on this reply — the error handler's answer when
 * an onSend hook fails — goes through Fastify's own JSON handling again. (A serializer a
 * Fastify hook set with `reply.serializer()` is not applied to this text, nor kept after:
 * Trellis's routes are serialized by their response models.)
 */
export function sendJsonText(reply: FastifyReply, body: string): FastifyReply {
  reply.type(JSON_CONTENT_TYPE).serializer(asIs).send(body);
  // Fastify's types have no way to unset it; the value it keeps when none was set is null.
  return reply.serializer(null as unknown as typeof asIs);
}
