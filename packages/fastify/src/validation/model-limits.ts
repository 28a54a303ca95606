/*
 * Limits on what one request may make the validator do: the defaults of `createApp({ limits })`
 * (app/app-limits.ts), documented in the reliability page, "Limits and their defaults".
 */

/** How deep nested models may go before input is refused (self-referencing DTOs). */
export const DEFAULT_MAX_DEPTH = 32;

/**
 * How deeply a JSON body may nest (arrays and objects) before it is refused as
 * `json_invalid` ("recursion limit exceeded"), as Pydantic's JSON parser refuses past 200.
 * Without it a deep body validates fine but its echo in a 422 overflows `JSON.stringify`.
 */
export const DEFAULT_MAX_JSON_DEPTH = 200;

/**
 * How many items a list field of a DTO (or a list body) may hold before validation refuses
 * it with `too_long`, without looking at the items: a 1 MiB body of `{},` repeated would
 * otherwise produce one error per missing field of every item.
 */
export const DEFAULT_MAX_LIST_LENGTH = 10_000;

/**
 * How many validation errors one request collects before validation stops. Past it the
 * request has failed anyway; without it a 900 KB body of nested lists of `{}` produced
 * 600,000 errors, a 59 MB 422 and seconds of CPU. The 422 lists the first ones found.
 */
export const DEFAULT_MAX_ERRORS = 1_000;

/**
 * How many bytes of JSON the inputs echoed by one 422 may total (1 MiB, Fastify's default
 * `bodyLimit`: one whole body always fits). Past it, an error's `input` is written as
 * `"[omitted]"` (runtime/bound-echoes.ts): nested `missing` errors each echo their enclosing
 * object, so the echoes could otherwise reach (nesting depth × body size).
 */
export const DEFAULT_MAX_ECHO_BYTES = 1024 * 1024;
