import type { RedisOptions as BullMQRedisOptions } from 'bullmq';
import type { RedisOptions as IORedisOptions } from 'ioredis';

/**
 * Where Redis is: a `redis://` / `rediss://` URL, or ioredis options (host, port, password,
 * tls…, and `url`). ioredis is the driver BullMQ connects with; its own option types apply.
 */
export type RedisConnection = string | (IORedisOptions & { readonly url?: string });

type RedisOptions = BullMQRedisOptions;

/** Reconnect quickly (100 ms, growing to 1 s): after a blip, buffered jobs go out within a second. */
const reconnect = (times: number): number => Math.min(times * 100, 1000);

// BullMQ passes these to ioredis as they are; its own type is only a looser copy of ioredis's.
const asOptions = (connection: RedisConnection): RedisOptions => (typeof connection === 'string' ? { url: connection } : ({ ...connection } as RedisOptions));

/**
 * The app's (producer's) connection. Commands fail at once while Redis is unreachable (no
 * ioredis offline queue, one retry per command), and after 5 s when it hangs, so `dispatch`
 * can buffer the job itself, bounded and counted, instead of ioredis holding it invisibly;
 * commands issued together go out in one write (auto-pipelining); a socket that never closed
 * is let go 0.5 s after disconnecting (ioredis waits 2 s).
 * Your own options win.
 */
export function producerConnection(connection: RedisConnection): RedisOptions {
  return { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 5000, enableAutoPipelining: true, disconnectTimeout: 500, retryStrategy: reconnect, ...asOptions(connection) };
}

/** A worker's connection: BullMQ requires `maxRetriesPerRequest: null` for its blocking commands. */
export function workerConnection(connection: RedisConnection): RedisOptions {
  return { retryStrategy: reconnect, ...asOptions(connection), maxRetriesPerRequest: null };
}

/** For messages: the URL or host:port, never a password. */
export function describeConnection(connection: RedisConnection): string {
  const text = typeof connection === 'string' ? connection : connection.url;
  if (text === undefined) return `${(connection as IORedisOptions).host ?? '127.0.0.1'}:${(connection as IORedisOptions).port ?? 6379}`;
  try {
    const url = new URL(text);
    url.password = '';
    url.username = '';
    return url.toString();
  } catch {
    return 'the configured Redis URL';
  }
}
