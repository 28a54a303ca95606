/**
 * The same endpoints written as idiomatic Hono on Node: `OpenAPIHono` from @hono/zod-openapi,
 * a `createRoute` per endpoint with zod schemas for params, query, headers, body and responses,
 * `app.openapi(route, handler)`, the document at /doc, and Hono middlewares (`createMiddleware`)
 * for the per-request database, the book session and S6's two middlewares.
 *
 * Hono answers a validation failure with 400 and the raw zod result; the app's `defaultHook`
 * (./hono-validation.ts) makes it 422 {"detail": [...]} like the others (the benchmark compares 422s).
 *
 * Responses: @hono/zod-openapi types `c.json()` against the response schema but does not filter
 * at run time (a TypeScript object with extra fields is still assignable). Where the others
 * filter through a response model (S3 the password, S7 and S8 internal fields), the handler
 * parses its result with the route's response schema: zod objects strip unknown keys, so this
 * is the same guarantee (and the same check of the shape) a response model gives, written the
 * way a zod user gets it. S10 builds its small answer from scratch, so there is nothing to filter.
 */
import { serve } from '@hono/node-server';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { json, validationFailed, validationResponse } from './hono-validation';
import { announce, listUsers, newId, openSession, pool, port, variant, type BookSession, type Db } from './shared';

const app = new OpenAPIHono({ defaultHook: validationFailed });

const Message = z.object({ message: z.string().openapi({ example: 'hello' }) }).openapi('Message');
const ErrorDetail = z.object({ detail: z.string() }).openapi('ErrorDetail');

if (variant() === 'mw') {
  // Registered first, so outermost: its header is on every answer, the 403 included.
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    c.header('x-process-time', (performance.now() - started).toFixed(3));
  });
  // Inner: the header check that may short-circuit.
  app.use(async (c, next) => {
    if (c.req.header('x-deny') !== undefined) return c.json({ detail: 'Forbidden' }, 403);
    await next();
  });
  const mwHello = createRoute({ method: 'get', path: '/mw/hello', responses: { 200: json(Message, 'A greeting') } });
  app.openapi(mwHello, (c) => c.json({ message: 'hello' }, 200));
} else {
  // S1
  const hello = createRoute({ method: 'get', path: '/hello', responses: { 200: json(Message, 'A greeting') } });
  app.openapi(hello, (c) => c.json({ message: 'hello' }, 200));

  // S2
  const ItemParams = z.object({ id: z.coerce.number().int().openapi({ param: { name: 'id', in: 'path' }, example: 123 }) });
  const ItemQuery = z.object({ q: z.string().optional().openapi({ param: { name: 'q', in: 'query' }, example: 'abc' }) });
  const Item = z.object({ id: z.number().int(), q: z.string().nullable() }).openapi('Item');
  const item = createRoute({
    method: 'get',
    path: '/items/{id}',
    request: { params: ItemParams, query: ItemQuery },
    responses: { 200: json(Item, 'The item'), 422: validationResponse },
  });
  app.openapi(item, (c) => {
    const { id } = c.req.valid('param');
    const { q } = c.req.valid('query');
    return c.json({ id, q: q ?? null }, 200);
  });

  // S3 / S4
  const UserIn = z
    .object({
      name: z.string().min(1).max(50).openapi({ example: 'Alice' }),
      email: z.email().openapi({ example: 'alice@example.com' }),
      age: z.number().int().min(0).max(150),
      password: z.string().min(8),
      tags: z.array(z.string()).optional(),
    })
    .openapi('UserIn');
  const UserOut = z
    .object({ id: z.number().int(), name: z.string(), email: z.string(), age: z.number().int(), tags: z.array(z.string()).optional() })
    .openapi('UserOut');
  const createUser = createRoute({
    method: 'post',
    path: '/users',
    // required: without it a request with no content-type reaches the handler with `{}` unvalidated.
    request: { body: { content: { 'application/json': { schema: UserIn } }, required: true } },
    responses: { 201: json(UserOut, 'The created user'), 422: validationResponse },
  });
  app.openapi(createUser, (c) => {
    const user = c.req.valid('json');
    // Saved with the password; parsing with the response schema drops it (see the top of the file).
    return c.json(UserOut.parse({ id: newId(), ...user }), 201);
  });

  // S5: one database handle per request, released once the handler's response is made.
  const withDb = createMiddleware<{ Variables: { db: Db } }>(async (c, next) => {
    const db = pool.acquire();
    c.set('db', db);
    try {
      await next();
    } finally {
      db.release();
    }
  });
  const SecureHeaders = z.object({ 'x-token': z.string().openapi({ param: { name: 'x-token', in: 'header' }, example: 'secret-alice' }) });
  const Access = z.object({ user: z.string(), allowed: z.boolean() }).openapi('Access');
  app.openAPIRegistry.registerComponent('securitySchemes', 'Token', { type: 'apiKey', in: 'header', name: 'x-token' });
  const secure = createRoute({
    method: 'get',
    path: '/secure',
    middleware: [withDb] as const,
    security: [{ Token: [] }],
    request: { headers: SecureHeaders },
    responses: { 200: json(Access, 'Who is asking and whether they may read'), 401: json(ErrorDetail, 'Unknown token'), 422: validationResponse },
  });
  app.openapi(secure, (c) => {
    // The route middlewares run before the validators, so the user is looked up here, from the validated header.
    const db = c.var.db;
    const user = db.userByToken(c.req.valid('header')['x-token']);
    if (!user) return c.json({ detail: 'Not authenticated' }, 401, { 'WWW-Authenticate': 'Bearer' });
    return c.json({ user: user.name, allowed: db.canRead(user) }, 200);
  });

  // Not part of the API: a plain Hono route, left out of the document.
  app.get('/_stats', (c) => c.json(pool.stats()));

  // S7
  const Address = z.object({ street: z.string(), city: z.string(), zip: z.string() }).openapi('Address');
  const ListedUser = z
    .object({
      id: z.number().int(),
      name: z.string(),
      email: z.string(),
      age: z.number().int(),
      active: z.boolean(),
      // A Date on the source object; c.json() writes it as an ISO-8601 string (documented as date-time).
      createdAt: z.date(),
      address: Address,
      nickname: z.string().optional(),
    })
    .openapi('ListedUser');
  const ListedUsers = z.array(ListedUser);
  const ListQuery = z.object({
    limit: z.coerce.number().int().min(1).max(1000).default(10).openapi({ param: { name: 'limit', in: 'query' }, example: 100 }),
  });
  const listUsersRoute = createRoute({
    method: 'get',
    path: '/users',
    request: { query: ListQuery },
    responses: { 200: json(ListedUsers, 'The first `limit` users'), 422: validationResponse },
  });
  app.openapi(listUsersRoute, (c) => {
    const { limit } = c.req.valid('query');
    // The source objects carry passwordHash, internalScore and address.internalCode: the schema drops them.
    return c.json(ListedUsers.parse(listUsers(limit)), 200);
  });

  // S8: a book session per request, closed once the handler's response is made.
  const withSession = createMiddleware<{ Variables: { session: BookSession } }>(async (c, next) => {
    const session = openSession();
    c.set('session', session);
    try {
      await next();
    } finally {
      session.close();
    }
  });
  const BookParams = z.object({ id: z.coerce.number().int().openapi({ param: { name: 'id', in: 'path' }, example: 4242 }) });
  const Book = z
    .object({ id: z.number().int(), title: z.string(), author: z.string(), year: z.number().int(), isbn: z.string(), price: z.number() })
    .openapi('Book');
  const getBook = createRoute({
    method: 'get',
    path: '/books/{id}',
    middleware: [withSession] as const,
    request: { params: BookParams },
    responses: { 200: json(Book, 'The book'), 404: json(ErrorDetail, 'No such book'), 422: validationResponse },
  });
  app.openapi(getBook, (c) => {
    const row = c.var.session.getBook(c.req.valid('param').id);
    if (!row) return c.json({ detail: 'Book not found' }, 404);
    // The row has every column (stock, internal_notes too): the schema keeps the public six.
    return c.json(Book.parse(row), 200);
  });

  // S10
  const Customer = z.object({ name: z.string().min(1).max(100), email: z.email(), address: Address }).openapi('Customer');
  const ItemOptions = z.object({ giftWrap: z.boolean(), note: z.string().max(200).optional() }).openapi('ItemOptions');
  const OrderItem = z
    .object({
      sku: z.string().regex(/^SKU-\d{6}$/).openapi({ example: 'SKU-000042' }),
      name: z.string().min(1).max(200),
      quantity: z.number().int().min(1).max(1000),
      unitPrice: z.number().min(0),
      tags: z.array(z.string()),
      options: ItemOptions.optional(),
    })
    .openapi('OrderItem');
  const Order = z.object({ customer: Customer, items: z.array(OrderItem).min(1).max(1000), note: z.string().max(500).optional() }).openapi('Order');
  const OrderCreated = z.object({ orderId: z.number().int(), items: z.number().int(), total: z.number() }).openapi('OrderCreated');
  const createOrder = createRoute({
    method: 'post',
    path: '/orders',
    request: { body: { content: { 'application/json': { schema: Order } }, required: true } },
    responses: { 201: json(OrderCreated, 'The order was accepted'), 422: validationResponse },
  });
  app.openapi(createOrder, (c) => {
    const order = c.req.valid('json');
    const total = order.items.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
    // Built field by field from nothing else: the answer cannot carry more than these three.
    return c.json({ orderId: newId(), items: order.items.length, total: Math.round(total * 100) / 100 }, 201);
  });
}

app.doc('/doc', { openapi: '3.0.0', info: { title: 'bench', version: '1.0.0' } });

serve({ fetch: app.fetch, port: port(), hostname: '127.0.0.1' }, announce).on('error', (error: unknown) => {
  console.error(error);
  process.exit(1);
});
