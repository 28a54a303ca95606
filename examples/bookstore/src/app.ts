import 'reflect-metadata';
import { bullmqBackend } from '@trellis/bullmq';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { BooksController } from './controllers/books-controller';
import { HealthController } from './controllers/health-controller';
import { OrdersController } from './controllers/orders-controller';
import { UsersController } from './controllers/users-controller';
import { lifespanFor } from './lifespan';
import { InsufficientStock, insufficientStockHandler } from './orders/insufficient-stock';
import { noMailer, sendConfirmation, type Mailer } from './orders/send-confirmation';
import { timing } from './timing';

export interface BookstoreOptions {
  /** SQLite file, created on first start (default `:memory:`, gone when the app closes). */
  readonly databasePath?: string;
  /** Where order confirmations go after they are written to the outbox. */
  readonly mailer?: Mailer;
  /** Fastify's logger option (default: warnings and errors only). */
  readonly logger?: boolean | { level: string };
  /**
   * Redis (`redis://…`): order confirmations become durable BullMQ jobs, run by a separate
   * worker process (`npm run worker`). Without it they run in this process, after the response.
   */
  readonly redisUrl?: string;
}

/**
 * The bookstore, ready to `listen()` or to drive with `TestClient`; nothing runs at import.
 * @example
 * const app = buildApp({ databasePath: './bookstore.sqlite' });
 * await app.listen({ port: 8000 });
 */
export function buildApp(options: BookstoreOptions = {}): TrellisApp {
  const app = createApp({
    title: 'Bookstore',
    version: '1.0.0',
    description: 'Users, books and orders over SQLite: a Trellis example.',
    lifespan: lifespanFor(options.databasePath ?? ':memory:', options.mailer ?? noMailer),
    tasks: [sendConfirmation],
    taskBackend: options.redisUrl ? bullmqBackend({ connection: options.redisUrl, queueName: 'bookstore' }) : undefined,
    fastify: { logger: options.logger ?? { level: 'warn' } },
  });
  app.include(UsersController, { prefix: '/v1' });
  app.include(BooksController, { prefix: '/v1' });
  app.include(OrdersController, { prefix: '/v1' });
  // The catalogue again under /v2: the same controller mounted twice, for clients that
  // moved on while /v1 stays as it was.
  app.include(BooksController, { prefix: '/v2' });
  app.include(new HealthController(() => app.taskBackend.counts()));
  app.addMiddleware(timing);
  app.exceptionHandler(InsufficientStock, insufficientStockHandler);
  app.use(openapi({ tags: [
    { name: 'users', description: 'Sign up, log in (`/v1/auth/token`), who am I' },
    { name: 'books', description: 'The catalogue; selling and editing need a token' },
    { name: 'orders', description: 'Ordering takes books from stock and e-mails a confirmation' },
  ] }));
  return app;
}
