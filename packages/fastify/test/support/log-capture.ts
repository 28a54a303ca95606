import { Writable } from 'node:stream';

/** One line Fastify's logger (pino) wrote, parsed. */
export interface LogRecord {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A stream to pass as `logger: { stream }`, keeping what the logger writes. */
export function logCapture(): { stream: Writable; records: () => LogRecord[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, records: () => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogRecord) };
}
