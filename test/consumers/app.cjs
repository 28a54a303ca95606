// A CommonJS consumer of the built packages (decorators applied by hand: plain JS).
require('reflect-metadata');
const { Controller, Get, Query } = require('@trellis/metadata');
const { createApp, TestClient } = require('@trellis/fastify');

class Hello {
  hello(name) {
    return { hello: name, format: 'cjs' };
  }
}
Reflect.defineMetadata('design:paramtypes', [String], Hello.prototype, 'hello');
Query('name')(Hello.prototype, 'hello', 0);
Get('/hello')(Hello.prototype, 'hello', Object.getOwnPropertyDescriptor(Hello.prototype, 'hello'));
Controller()(Hello);

const app = createApp({ fastify: { logger: false } });
app.include(Hello);
new TestClient(app)
  .get('/hello?name=cjs')
  .then((res) => {
    process.stdout.write(`${res.status} ${res.text}`);
    return app.close();
  });
