/** What a `--workers` worker tells the primary, which prints it once for all workers. */
export interface WorkerMessage {
  readonly type: 'trellis:listening' | 'trellis:failed';
  readonly lines: readonly string[];
}

export const isWorkerMessage = (value: unknown): value is WorkerMessage =>
  typeof value === 'object' &&
  value !== null &&
  ((value as WorkerMessage).type === 'trellis:listening' || (value as WorkerMessage).type === 'trellis:failed') &&
  Array.isArray((value as WorkerMessage).lines);

/** The serve program, as a file for `node --watch` and `cluster.setupPrimary({ exec })`. */
export const SERVE_SCRIPT = require.resolve('./serve-app');
