import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Plugins only some apps use: loading them costs every other app start-up time and memory. */
const OPTIONAL = ['@fastify/websocket', '@fastify/formbody', '@fastify/multipart', '@fastify/rate-limit', '@fastify/static', 'light-my-request', 'ws', 'ajv'];

/** The optional packages in `require.cache` of a fresh Node process after `script` ran. */
function optionalLoaded(script: string): string[] {
  const entry = JSON.stringify(join(__dirname, '../../../dist/index.js'));
  const program = `
    const packageOf = (file) => {
      const at = file.lastIndexOf('node_modules/');
      if (at === -1) return undefined;
      const [scope, name] = file.slice(at + 'node_modules/'.length).split('/');
      return scope.startsWith('@') ? scope + '/' + name : scope;
    };
    require('reflect-metadata');
    const trellis = require(${entry});
    (async () => { ${script} })().then(() => {
      const loaded = new Set(Object.keys(require.cache).map(packageOf));
      console.log(JSON.stringify(${JSON.stringify(OPTIONAL)}.filter((name) => loaded.has(name)).sort()));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', program], { encoding: 'utf8', cwd: join(__dirname, '../../..') })) as string[];
}

describe('optional plugins', () => {
  it('are not loaded by importing @trellis/fastify', () => {
    expect(optionalLoaded('')).toEqual([]);
  });

  it('are not loaded by an app that uses none of them', () => {
    expect(optionalLoaded('const app = trellis.createApp({ title: "t" }); await app.ready(); await app.close();')).toEqual([]);
  });

  // Ajv is the weight of Fastify's schema compilers (fast-json-stringify's index loads it too;
  // Fastify's precompiled error serializer uses a small part of fast-json-stringify anyway).
  it('Fastify’s schema compilers are loaded by the first Fastify schema, for validation or for a response', () => {
    const route = "app.fastify.get('/raw', { schema: { querystring: { type: 'object', properties: { n: { type: 'integer' } } } } }, async () => 'ok');";
    expect(optionalLoaded(`const app = trellis.createApp({ title: "t" }); ${route} await app.ready(); await app.close();`)).toEqual(['ajv']);
    const answered = "app.fastify.get('/raw', { schema: { response: { 200: { type: 'object' } } } }, async () => ({}));";
    expect(optionalLoaded(`const app = trellis.createApp({ title: "t" }); ${answered} await app.ready(); await app.close();`)).toEqual(['ajv']);
  });

  it('are loaded when the app asks for one: a rate limit loads @fastify/rate-limit', () => {
    expect(optionalLoaded('const app = trellis.createApp({ title: "t", rateLimit: { max: 5 } }); await app.ready(); await app.close();')).toEqual(['@fastify/rate-limit']);
  });
});
