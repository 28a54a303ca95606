/**
 * Raised by `receiveText()`/`receiveJson()` once the client has closed the connection
 * (FastAPI's `WebSocketDisconnect`); a handler may catch it to clean up, or let it end the handler.
 */
export class WebSocketDisconnect extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`WebSocket closed by the client (${code})`);
    this.name = 'WebSocketDisconnect';
  }
}

/**
 * Closes the connection with a code and reason (FastAPI's `WebSocketException`), e.g.
 * 1008 (policy violation) from an auth dependency.
 * @example
 * throw new WebSocketException(1008, 'Not authenticated');
 */
export class WebSocketException extends Error {
  constructor(
    readonly code: number,
    readonly reason = '',
  ) {
    super(reason || `WebSocket closed with ${code}`);
    this.name = 'WebSocketException';
  }
}
