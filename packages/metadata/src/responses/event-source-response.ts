import { jsonableEncoder } from './jsonable-encoder';
import type { ResponseInit } from './response';
import { formatServerSentEvent, ServerSentEvent } from './server-sent-event';
import { StreamingResponse, type StreamChunk } from './streaming-response';

/** Options of an `EventSourceResponse`. */
export interface EventSourceInit extends ResponseInit {
  /** Milliseconds of silence after which a `: ping` comment keeps the connection alive; 0 disables. Default 15000. */
  readonly ping?: number;
  /** How a plain item (not a `ServerSentEvent`) becomes its `data` text; JSON through `jsonableEncoder` by default. */
  readonly encodeData?: (data: unknown) => string;
}

const PING = Symbol('ping');
const toJson = (data: unknown): string => JSON.stringify(jsonableEncoder(data));

/**
 * Server-Sent Events (`text/event-stream`), written as FastAPI 0.135+ writes them: each
 * item of the source is one event — a `ServerSentEvent` for comment/event/id/retry fields
 * and `data` (JSON) or `rawData` (as is), or any other item as JSON `data` (a string too:
 * `data: "hello"`). Silent streams get `: ping` keep-alive comments.
 * @example
 * @Get('/ticks') ticks() {
 *   return new EventSourceResponse((async function* () { yield new ServerSentEvent({ event: 'tick', data: { n: 1 } }); })());
 * }
 */
export class EventSourceResponse extends StreamingResponse {
  readonly ping: number;
  private readonly source: AsyncIterable<unknown> | Iterable<unknown>;
  private readonly encodeData: (data: unknown) => string;

  constructor(source: AsyncIterable<unknown> | Iterable<unknown>, init: EventSourceInit = {}) {
    super(source as AsyncIterable<StreamChunk>, { ...init, mediaType: init.mediaType ?? 'text/event-stream' });
    this.source = source;
    this.ping = init.ping ?? 15_000;
    this.encodeData = init.encodeData ?? toJson;
    // Proxies (nginx) must not buffer events; caches must not keep them.
    if (this.headers['cache-control'] === undefined) this.setHeader('cache-control', 'no-cache');
    if (this.headers['x-accel-buffering'] === undefined) this.setHeader('x-accel-buffering', 'no');
  }

  override chunks(): AsyncIterable<string> {
    return this.events();
  }

  private async *events(): AsyncGenerator<string> {
    const source = this.source;
    const iterator: AsyncIterator<unknown> | Iterator<unknown> =
      Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
    let pending: Promise<IteratorResult<unknown>> | undefined;
    let done = false;
    try {
      for (;;) {
        pending ??= Promise.resolve(iterator.next());
        const result = this.ping > 0 ? await raceTimer(pending, this.ping) : await pending;
        if (result === PING) {
          yield ': ping\n\n';
          continue;
        }
        pending = undefined;
        if (result.done) {
          done = true;
          return;
        }
        const item = result.value;
        // A plain item is always data (null too) through the item model; a ServerSentEvent's
        // data skips it, as in FastAPI (the user shapes the event).
        yield item instanceof ServerSentEvent ? formatServerSentEvent(item) : formatServerSentEvent({ rawData: this.encodeData(item) });
      }
    } finally {
      // Not awaited: a source stuck in an await must not hold up closing the response.
      if (!done) void Promise.resolve(iterator.return?.()).catch(() => undefined);
    }
  }
}

function raceTimer<T>(pending: Promise<T>, ms: number): Promise<T | typeof PING> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms, PING);
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
