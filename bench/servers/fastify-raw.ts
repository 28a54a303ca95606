/**
 * The same endpoints written as idiomatic Fastify: JSON-schema validation (Ajv), response
 * schemas (fast-json-stringify), hooks for the per-request database and the middlewares.
 * Validation errors are answered 422 with a `detail` list, like the others.
 */
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { announce, newId, pool, port, variant, type Db, type User } from './shared';

declare module 'fastify' {
  interface FastifyRequest {
    db: Db | null;
    user: User | null;
    startedAt: number;
  }
}

const app = Fastify({ logger: false });
app.decorateRequest('db', null);
app.decorateRequest('user', null);
app.decorateRequest('startedAt', 0);

app.setErrorHandler((error: { validation?: { instancePath: string; message?: string; keyword: string }[]; validationContext?: string; statusCode?: number; message: string }, _request, reply) => {
  if (error.validation) {
    const where = error.validationContext ?? 'body';
    return reply.code(422).send({
      detail: error.validation.map((e) => ({ loc: [where, ...e.instancePath.split('/').filter(Boolean)], msg: e.message, type: e.keyword })),
    });
  }
  const status = error.statusCode ?? 500;
  return reply.code(status).send({ detail: status >= 500 ? 'Internal Server Error' : error.message });
});

if (variant() === 'mw') {
  // Outermost: the timing "middleware" (its header is added to every reply, short-circuits too).
  app.addHook('onRequest', async (request) => {
    request.startedAt = performance.now();
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-process-time', (performance.now() - request.startedAt).toFixed(3));
  });
  // Inner: the header check that may short-circuit.
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers['x-deny'] !== undefined) return reply.code(403).send({ detail: 'Forbidden' });
  });
  app.get('/mw/hello', { schema: { response: { 200: messageSchema() } } }, async () => ({ message: 'hello' }));
} else {
  app.get('/hello', { schema: { response: { 200: messageSchema() } } }, async () => ({ message: 'hello' }));

  app.get<{ Params: { id: number }; Querystring: { q?: string } }>(
    '/items/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        querystring: { type: 'object', properties: { q: { type: 'string' } } },
        response: { 200: { type: 'object', properties: { id: { type: 'integer' }, q: { type: ['string', 'null'] } }, required: ['id', 'q'] } },
      },
    },
    async (request) => ({ id: request.params.id, q: request.query.q ?? null }),
  );

  const userIn = {
    type: 'object',
    required: ['name', 'email', 'age', 'password'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 50 },
      email: { type: 'string', format: 'email' },
      age: { type: 'integer', minimum: 0, maximum: 150 },
      password: { type: 'string', minLength: 8 },
      tags: { type: 'array', items: { type: 'string' } },
    },
  } as const;
  const userOut = {
    type: 'object',
    required: ['id', 'name', 'email', 'age'],
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      email: { type: 'string' },
      age: { type: 'integer' },
      tags: { type: 'array', items: { type: 'string' } },
    },
  } as const;
  app.post<{ Body: { name: string; email: string; age: number; password: string; tags?: string[] } }>(
    '/users',
    { schema: { body: userIn, response: { 201: userOut } } },
    async (request, reply) => {
      // Returned with the password: the response schema filters it out.
      const saved = { id: newId(), ...request.body };
      return reply.code(201).send(saved);
    },
  );

  // S5: getDb (acquired once, released after the response), currentUser, checkPermission.
  const getDb = async (request: FastifyRequest) => {
    request.db = pool.acquire();
  };
  const currentUser = async (request: FastifyRequest, reply: FastifyReply) => {
    const user = request.db!.userByToken(request.headers['x-token'] as string);
    if (!user) return reply.code(401).header('www-authenticate', 'Bearer').send({ detail: 'Not authenticated' });
    request.user = user;
  };
  app.get(
    '/secure',
    {
      schema: {
        headers: { type: 'object', properties: { 'x-token': { type: 'string' } }, required: ['x-token'] },
        response: { 200: { type: 'object', properties: { user: { type: 'string' }, allowed: { type: 'boolean' } }, required: ['user', 'allowed'] } },
      },
      preHandler: [getDb, currentUser],
      onResponse: async (request) => {
        request.db?.release();
      },
    },
    async (request) => ({ user: request.user!.name, allowed: request.db!.canRead(request.user!) }),
  );

  app.get('/_stats', async () => pool.stats());
}

function messageSchema() {
  return { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] } as const;
}

app.listen({ port: port(), host: '127.0.0.1' }).then(announce, (error: unknown) => {
  console.error(error);
  process.exit(1);
});
