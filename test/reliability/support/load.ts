import { Agent, request } from 'node:http';

/** What a load run saw. */
export interface LoadResult {
  readonly sent: number;
  readonly byStatus: Record<number, number>;
  readonly errors: string[];
  readonly ms: number;
  readonly incompleteBodies: number;
}

/**
 * Sends `total` requests over `concurrency` keep-alive connections and tallies statuses.
 * `check` validates each full body; a body that fails it counts as incomplete.
 */
export async function drive(options: {
  base: string;
  total: number;
  concurrency: number;
  path: (i: number) => string;
  method?: string;
  headers?: Record<string, string>;
  body?: (i: number) => string;
  check?: (status: number, body: string) => boolean;
  timeoutMs?: number;
}): Promise<LoadResult> {
  const { base, total, concurrency, path, method = 'GET', headers = {}, body, check, timeoutMs = 10_000 } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const byStatus: Record<number, number> = {};
  const errors: string[] = [];
  let next = 0;
  let incompleteBodies = 0;
  const started = Date.now();

  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const payload = body?.(i);
      const req = request(`${base}${path(i)}`, { method, agent, headers: payload === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(payload) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          byStatus[res.statusCode!] = (byStatus[res.statusCode!] ?? 0) + 1;
          if (check && !check(res.statusCode!, text)) incompleteBodies++;
          resolve();
        });
        res.on('error', (error) => {
          errors.push(error.message);
          resolve();
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', (error) => {
        errors.push(error.message);
        resolve();
      });
      req.end(payload);
    });

  const worker = async () => {
    while (next < total) await one(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { sent: total, byStatus, errors, ms: Date.now() - started, incompleteBodies };
}
