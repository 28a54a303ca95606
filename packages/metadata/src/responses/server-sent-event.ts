import { jsonableEncoder } from './jsonable-encoder';

/** The fields of one Server-Sent Event; all optional. */
export interface ServerSentEventInit {
  /**
   * The payload, always sent as JSON (through `jsonableEncoder`): `'hello'` is
   * `data: "hello"`. `null` and `undefined` send no `data` field, as FastAPI's `None`.
   */
  readonly data?: unknown;
  /** Text sent as the `data` field as it is, without JSON encoding (FastAPI's `raw_data`); not together with `data`. */
  readonly rawData?: string;
  /** The event type (`addEventListener(event, …)` in the browser); one line. */
  readonly event?: string;
  /** The event id the browser sends back as `Last-Event-ID`; one line, no NUL. */
  readonly id?: string;
  /** Reconnection delay for the client, in milliseconds: an integer ≥ 0. */
  readonly retry?: number;
  /** Comment lines (`: text`), ignored by clients. */
  readonly comment?: string;
}

/**
 * One event of an `EventSourceResponse` stream, when plain data is not enough. The fields
 * are checked as FastAPI's `ServerSentEvent` model checks them: a multi-line `event` or
 * `id`, a NUL in `id`, a negative or fractional `retry`, or both `data` and `rawData`
 * throw a `TypeError` where the event is built.
 * @example
 * yield new ServerSentEvent({ event: 'price', id: '7', data: { usd: 3 } });
 */
export class ServerSentEvent implements ServerSentEventInit {
  readonly data?: unknown;
  readonly rawData?: string;
  readonly event?: string;
  readonly id?: string;
  readonly retry?: number;
  readonly comment?: string;

  constructor(init: ServerSentEventInit) {
    if (init.data != null && init.rawData !== undefined) {
      throw new TypeError(
        "Cannot set both 'data' and 'rawData' on the same ServerSentEvent. Use 'data' for JSON-serialized payloads or 'rawData' for pre-formatted strings.",
      );
    }
    checkSingleLine(init.event, 'event');
    checkSingleLine(init.id, 'id');
    if (init.id?.includes('\0')) throw new TypeError("SSE 'id' must not contain null characters");
    if (init.retry !== undefined && !(Number.isInteger(init.retry) && init.retry >= 0)) {
      throw new TypeError(`SSE 'retry' must be an integer number of milliseconds, 0 or more; got ${init.retry}`);
    }
    Object.assign(this, init);
  }
}

function checkSingleLine(value: string | undefined, field: string): void {
  if (value !== undefined && /[\r\n]/.test(value)) throw new TypeError(`SSE '${field}' must be a single line`);
}

/**
 * The lines of a text, as Python's `splitlines` gives them: no line for an empty text or
 * after a final line break. Only CR, LF and CRLF break lines (the SSE spec's terminators).
 */
function linesOf(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const toJson = (data: unknown): string => JSON.stringify(jsonableEncoder(data));

/**
 * The wire form of one event (`text/event-stream`), as FastAPI's `format_sse_event`
 * writes it: comment, event, data, id, retry, then the blank line. `rawData` is sent as
 * it is; `data` (unless `null`/`undefined`) through `encodeData`, JSON by default.
 * @example
 * formatServerSentEvent({ event: 'tick', data: 'hi', id: '1' }); // 'event: tick\ndata: "hi"\nid: 1\n\n'
 */
export function formatServerSentEvent(event: ServerSentEventInit, encodeData: (data: unknown) => string = toJson): string {
  let out = '';
  if (event.comment !== undefined) for (const line of linesOf(event.comment)) out += `: ${line}\n`;
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  const data = event.rawData ?? (event.data == null ? undefined : encodeData(event.data));
  if (data !== undefined) for (const line of linesOf(data)) out += `data: ${line}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  if (event.retry !== undefined) out += `retry: ${event.retry}\n`;
  return `${out}\n`;
}
