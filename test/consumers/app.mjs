// An ES module consumer of the built packages (named imports from CommonJS builds).
import 'reflect-metadata';
import { Controller, Get, Query } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';

class Hello {
  hello(name) {
    return { hello: name, format: 'esm' };
  }
}
Reflect.defineMetadata('design:paramtypes', [String], Hello.prototype, 'hello');
Query('name')(Hello.prototype, 'hello', 0);
Get('/hello')(Hello.prototype, 'hello', Object.getOwnPropertyDescriptor(Hello.prototype, 'hello'));
Controller()(Hello);

const app = createApp({ fastify: { logger: false } });
app.include(Hello);
const res = await new TestClient(app).get('/hello?name=esm');
process.stdout.write(`${res.status} ${res.text}`);
await app.close();
