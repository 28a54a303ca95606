import 'reflect-metadata';
import { Controller, Get } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

@Controller()
class Hello {
  @Get('/hello')
  hello() {
    return { message: 'hello over HTTP/2' };
  }
}

// #region h2c
export const app = createApp({ fastify: { http2: true } }).include(Hello); // cleartext HTTP/2 (h2c)
// #endregion h2c

// #region tls
export function tlsApp(key: string, cert: string) {
  return createApp({ fastify: { http2: true, https: { key, cert } } }).include(Hello); // HTTP/2 over TLS, with ALPN
}
// #endregion tls
