import { guessMediaType } from './guess-media-type';
import { Response, type ResponseInit } from './response';

/** Options of a `FileResponse`. */
export interface FileResponseInit extends ResponseInit {
  /** Sent in `Content-Disposition` (and used to guess the media type). */
  readonly filename?: string;
  /** `attachment` (download, the default when a filename is given) or `inline`. */
  readonly contentDisposition?: 'attachment' | 'inline';
}

/** A file name that can go in a quoted `filename="…"` parameter as is. */
const PLAIN_NAME = /^[\x20-\x7e]*$/;

/**
 * Sends a file from disk, streamed, with its media type (guessed from the extension),
 * `Content-Length`, `Last-Modified` and, when a filename is given, `Content-Disposition`.
 * A missing file answers `404 {"detail":"Not Found"}`.
 * @example
 * @Get('/report') report() { return new FileResponse('/srv/report.pdf', { filename: 'report.pdf' }); }
 */
export class FileResponse extends Response {
  readonly path: string;
  readonly filename: string | undefined;

  constructor(path: string, init: FileResponseInit = {}) {
    super(undefined, { ...init, mediaType: init.mediaType ?? guessMediaType(init.filename ?? path) });
    this.path = path;
    this.filename = init.filename;
    if (init.filename !== undefined && this.headers['content-disposition'] === undefined) {
      this.setHeader('content-disposition', contentDisposition(init.contentDisposition ?? 'attachment', init.filename));
    } else if (init.contentDisposition !== undefined && this.headers['content-disposition'] === undefined) {
      this.setHeader('content-disposition', init.contentDisposition);
    }
  }

  /** The body is read from disk when sent. */
  override render(): undefined {
    return undefined;
  }
}

function contentDisposition(kind: string, filename: string): string {
  // RFC 6266: a quoted name for plain ASCII, the RFC 5987 encoded form otherwise.
  if (PLAIN_NAME.test(filename)) return `${kind}; filename="${filename.replace(/["\\]/g, '\\$&')}"`;
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename*=utf-8''${encoded}`;
}
