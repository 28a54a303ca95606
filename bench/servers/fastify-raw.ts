/**
 * The same endpoints written as idiomatic Fastify: JSON-schema validation (Ajv), response
 * schemas (fast-json-stringify), hooks for the per-request database and the middlewares.
 * Validation errors are answered 422 with a `detail` list, like the others.
 */
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { announce, listUsers, newId, openSession, pool, port, variant, type BookSession, type Db, type User } from './shared';

declare module 'fastify' {
  interface FastifyRequest {
    db: Db | null;
    user: User | null;
    session: BookSession | null;
    startedAt: number;
  }
}

const app = Fastify({ logger: false });
app.decorateRequest('db', null);
app.decorateRequest('user', null);
app.decorateRequest('session', null);
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

  // S7: a response schema over the list keeps the public fields only (Dates as date-time strings).
  const address = { type: 'object', required: ['street', 'city', 'zip'], properties: { street: { type: 'string' }, city: { type: 'string' }, zip: { type: 'string' } } } as const;
  const listedUser = {
    type: 'object',
    required: ['id', 'name', 'email', 'age', 'active', 'createdAt', 'address'],
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      email: { type: 'string' },
      age: { type: 'integer' },
      active: { type: 'boolean' },
      createdAt: { type: 'string', format: 'date-time' },
      address,
      nickname: { type: 'string' },
    },
  } as const;
  app.get<{ Querystring: { limit: number } }>(
    '/users',
    {
      schema: {
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 10 } } },
        response: { 200: { type: 'array', items: listedUser } },
      },
    },
    async (request) => listUsers(request.query.limit),
  );

  // S8: a session per request, opened before the handler and closed after the response.
  app.get<{ Params: { id: number } }>(
    '/books/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        response: {
          200: {
            type: 'object',
            required: ['id', 'title', 'author', 'year', 'isbn', 'price'],
            properties: { id: { type: 'integer' }, title: { type: 'string' }, author: { type: 'string' }, year: { type: 'integer' }, isbn: { type: 'string' }, price: { type: 'number' } },
          },
        },
      },
      preHandler: async (request) => {
        request.session = openSession();
      },
      onResponse: async (request) => {
        request.session?.close();
      },
    },
    async (request, reply) => {
      const book = request.session!.getBook(request.params.id);
      if (!book) return reply.code(404).send({ detail: 'Book not found' });
      return book;
    },
  );

  // S10: nested schemas for a ~100 KB order.
  const order = {
    type: 'object',
    required: ['customer', 'items'],
    properties: {
      customer: {
        type: 'object',
        required: ['name', 'email', 'address'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, email: { type: 'string', format: 'email' }, address },
      },
      items: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        items: {
          type: 'object',
          required: ['sku', 'name', 'quantity', 'unitPrice', 'tags'],
          properties: {
            sku: { type: 'string', pattern: '^SKU-\\d{6}$' },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            quantity: { type: 'integer', minimum: 1, maximum: 1000 },
            unitPrice: { type: 'number', minimum: 0 },
            tags: { type: 'array', items: { type: 'string' } },
            options: { type: 'object', required: ['giftWrap'], properties: { giftWrap: { type: 'boolean' }, note: { type: 'string', maxLength: 200 } } },
          },
        },
      },
      note: { type: 'string', maxLength: 500 },
    },
  } as const;
  app.post<{ Body: { items: { quantity: number; unitPrice: number }[] } }>(
    '/orders',
    {
      schema: {
        body: order,
        response: { 201: { type: 'object', required: ['orderId', 'items', 'total'], properties: { orderId: { type: 'integer' }, items: { type: 'integer' }, total: { type: 'number' } } } },
      },
    },
    async (request, reply) => {
      let total = 0;
      for (const item of request.body.items) total += item.quantity * item.unitPrice;
      return reply.code(201).send({ orderId: newId(), items: request.body.items.length, total: Math.round(total * 100) / 100 });
    },
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
