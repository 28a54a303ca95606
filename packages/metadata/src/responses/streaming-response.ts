import { Response, type ResponseInit } from './response';

/** One piece of a streamed body. */
export type StreamChunk = string | Uint8Array;

/** What a `StreamingResponse` reads from: an async or sync iterable of chunks, or a Node readable stream. */
export type StreamSource = AsyncIterable<StreamChunk> | Iterable<StreamChunk>;

/**
 * A response whose body is written chunk by chunk as the source produces it, with
 * back-pressure: the next chunk is pulled only when the client has taken the previous
 * ones. A client that goes away stops the source (an async generator's `finally` runs).
 * @example
 * @Get('/count') count() {
 *   return new StreamingResponse((async function* () { for (let i = 0; i < 3; i++) yield `${i}\n`; })(), { mediaType: 'text/plain' });
 * }
 */
export class StreamingResponse extends Response {
  declare readonly body: StreamSource;

  constructor(content: StreamSource, init: ResponseInit = {}) {
    super(content, init);
  }

  /** A stream has no body to render at once; writers read `chunks()` instead. */
  override render(): undefined {
    return undefined;
  }

  /** The chunks to write, in order. */
  chunks(): StreamSource {
    return this.body;
  }
}
