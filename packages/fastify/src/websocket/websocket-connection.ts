import type { FastifyRequest } from 'fastify';
import type { Request } from '../request';
import { kWebSocket, slotsOf } from '../symbols';
import { WebSocketDisconnect } from './websocket-errors';

/** The connection of a `@WebSocket` route's upgrade request (`undefined` elsewhere). */
export function webSocketOf(request: FastifyRequest): WebSocketConnection | undefined {
  return slotsOf(request)[kWebSocket] ?? undefined;
}

export function setWebSocket(request: FastifyRequest, connection: WebSocketConnection): void {
  slotsOf(request)[kWebSocket] = connection;
}

/**
 * The parts of a `ws` WebSocket a connection uses. Declared here rather than imported from
 * `ws`, so the public types need no `@types/ws`; cast `raw` to `ws`'s `WebSocket` for the rest.
 */
export interface RawWebSocket {
  readonly readyState: number;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): this;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

type Waiter = { resolve: (text: string) => void; reject: (error: Error) => void };

const OPEN = 1;
/** RFC 6455 caps a close frame's reason at 123 bytes; `ws` throws past that. */
const MAX_REASON_BYTES = 123;

/** Clips a close reason to what a close frame can carry, on a character boundary. */
export function clipReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason;
  let clipped = reason;
  while (Buffer.byteLength(clipped) > MAX_REASON_BYTES - 3) clipped = clipped.slice(0, -1);
  return `${clipped}...`;
}

/**
 * One WebSocket connection of a `@WebSocket` route (FastAPI's `WebSocket`): receive and
 * send text or JSON, iterate over incoming messages, close. Messages that arrive before
 * the handler asks for them are queued, so none is lost while dependencies run.
 * @example
 * @WebSocket('/echo') async echo(ws: WebSocketConnection) {
 *   for await (const text of ws) ws.sendText(text);
 * }
 */
export class WebSocketConnection implements AsyncIterable<string> {
  private readonly queue: string[] = [];
  private readonly waiters: Waiter[] = [];
  private closedWith: WebSocketDisconnect | undefined;

  constructor(
    /** The `ws` socket underneath. */
    readonly raw: RawWebSocket,
    /** The upgrade request: url, headers, query, cookies, client, state. */
    readonly request: Request,
  ) {
    raw.on('message', (data, isBinary) => {
      const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(text);
      else this.queue.push(text);
    });
    raw.on('close', (code, reason) => {
      this.closedWith = new WebSocketDisconnect(code, reason.toString());
      for (const waiter of this.waiters.splice(0)) waiter.reject(this.closedWith);
    });
  }

  /** Whether the connection can still send. */
  get open(): boolean {
    return this.raw.readyState === OPEN;
  }

  /** The next message as text; rejects with `WebSocketDisconnect` once the client has gone. */
  receiveText(): Promise<string> {
    const next = this.queue.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** The next message parsed as JSON (a message that is not JSON throws a SyntaxError). */
  async receiveJson<T = unknown>(): Promise<T> {
    return JSON.parse(await this.receiveText()) as T;
  }

  sendText(text: string): void {
    this.raw.send(text);
  }

  sendJson(value: unknown): void {
    this.raw.send(JSON.stringify(value));
  }

  /** Closes with `code` (1000: normal) and a reason clipped to the 123 bytes a close frame holds. */
  close(code = 1000, reason = ''): void {
    if (this.raw.readyState === OPEN) this.raw.close(code, clipReason(reason));
  }

  /** Incoming text messages until the client closes (the loop then simply ends). */
  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      try {
        yield await this.receiveText();
      } catch (error) {
        if (error instanceof WebSocketDisconnect) return;
        throw error;
      }
    }
  }
}
