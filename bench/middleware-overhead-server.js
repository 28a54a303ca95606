'use strict';
require('reflect-metadata');
const { Controller, Get } = require('@trellis/metadata');
const { createApp } = require('@trellis/fastify');
class Hello { hello() { return { hello: 'world' }; } }
Reflect.defineMetadata('design:paramtypes', [], Hello.prototype, 'hello');
Reflect.decorate([Get('/hello')], Hello.prototype, 'hello', Object.getOwnPropertyDescriptor(Hello.prototype, 'hello'));
Controller('')(Hello);
const count = Number(process.argv[2] ?? 0);
const app = createApp({ fastify: { logger: false } });
app.include(Hello);
for (let i = 0; i < count; i++) app.addMiddleware(async (request, callNext) => { const r = await callNext(request); r.setHeader(`x-m${i}`, '1'); return r; });
app.listen({ port: Number(process.argv[3] ?? 3971) }).then(() => console.log('ready'));
