import { Response } from '@trellis/metadata';

/**
 * A file of a static mount, sent by @fastify/static (`reply.sendFile`) when the response is
 * written, so ETag, Last-Modified, Range and the 304 / 206 / 416 answers are the plugin's.
 * Middleware sees it before the plugin decides the final status; headers it sets are kept.
 */
export class StaticFileResponse extends Response {
  constructor(
    /** The file under `root`, URL-style and already checked (`/css/site.css`). */
    readonly file: string,
    readonly root: string,
  ) {
    super(undefined);
  }

  /** The body is read from disk when sent. */
  override render(): undefined {
    return undefined;
  }
}
