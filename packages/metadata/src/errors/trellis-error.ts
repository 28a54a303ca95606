/**
 * One entry of a package's error-code table: what the failure means (as docs/errors.md
 * states it) and the template of its message, whose `{name}` placeholders are filled in
 * where it is raised.
 */
export interface ErrorCodeEntry {
  readonly meaning: string;
  readonly message: string;
}

type Placeholder<P extends string> = P extends `${string} ${string}` | '' ? never : P;

/** The `{name}` placeholders of a message template (`{ type }`, with spaces, is literal text). */
export type TemplateParams<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? { readonly [K in Placeholder<P>]: string | number } & TemplateParams<Rest>
  : unknown;

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Fills a template's `{name}` placeholders.
 * @example
 * formatMessage('{route} is declared twice', { route: 'GET /a' }); // 'GET /a is declared twice'
 */
export function formatMessage(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/**
 * The base of every error Trellis raises for misuse (a misdeclared controller, a DTO the
 * OpenAPI document cannot represent…), never for a bad request. `code` is stable and
 * listed with its meaning in docs/errors.md; the message names what is wrong and where,
 * and ends with the code in brackets.
 * @example
 * try { await app.ready(); } catch (error) { if (error instanceof TrellisError) console.error(error.code); }
 */
export class TrellisError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { readonly cause?: unknown }) {
    super(`${message} [${code}]`, options);
    this.name = 'TrellisError';
    this.code = code;
  }
}
