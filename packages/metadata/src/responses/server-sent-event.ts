/** The fields of one Server-Sent Event; all optional. */
export interface ServerSentEventInit {
  /** Strings are sent as is; anything else as JSON. Multi-line data becomes several `data:` lines. */
  readonly data?: unknown;
  readonly event?: string;
  readonly id?: string;
  /** Reconnection delay for the client, in milliseconds. */
  readonly retry?: number;
  /** A comment line (`: text`), ignored by clients. */
  readonly comment?: string;
}

/**
 * One event of an `EventSourceResponse` stream, when plain data is not enough.
 * @example
 * yield new ServerSentEvent({ event: 'price', id: '7', data: { usd: 3 } });
 */
export class ServerSentEvent implements ServerSentEventInit {
  readonly data?: unknown;
  readonly event?: string;
  readonly id?: string;
  readonly retry?: number;
  readonly comment?: string;

  constructor(init: ServerSentEventInit) {
    Object.assign(this, init);
  }
}

const LINE_BREAK = /\r\n|\r|\n/;
// A field value cannot span lines: a stray newline would start another field.
const oneLine = (text: string): string => text.replace(/[\r\n\0]/g, '');

/** The wire form of one event (`text/event-stream`), ending with its blank line. */
export function formatServerSentEvent(event: ServerSentEventInit, encodeData: (data: unknown) => string): string {
  let out = '';
  if (event.comment !== undefined) for (const line of event.comment.split(LINE_BREAK)) out += `: ${line}\n`;
  if (event.event !== undefined) out += `event: ${oneLine(event.event)}\n`;
  if (event.id !== undefined) out += `id: ${oneLine(event.id)}\n`;
  if (event.retry !== undefined) out += `retry: ${Math.trunc(event.retry)}\n`;
  if (event.data !== undefined) {
    const text = typeof event.data === 'string' ? event.data : encodeData(event.data);
    for (const line of text.split(LINE_BREAK)) out += `data: ${line}\n`;
  }
  return `${out}\n`;
}
