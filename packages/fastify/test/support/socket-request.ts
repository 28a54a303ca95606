import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** What came back over the socket: status, headers and the body as text. */
export interface SocketAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * One request over a fresh connection (no keep-alive agent), with the path sent exactly as
 * written: no URL normalisation, so `..`, `%2e` and `//` reach the server as a client sent them.
 */
export function socketRequest(port: number, method: string, path: string, headers: Record<string, string> = {}): Promise<SocketAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
