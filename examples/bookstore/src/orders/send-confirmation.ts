import { defineTask } from '@trellis/metadata';
import { IsEmail, IsInt, Min } from 'class-validator';
import { findOrder } from '../database/orders';
import type { Store } from '../database/store';

/** A confirmation ready to deliver. */
export interface Confirmation {
  orderId: number;
  recipient: string;
  subject: string;
  body: string;
}

/** Delivers confirmations (e-mail, queue…). The default does nothing: the outbox row is the record. */
export interface Mailer {
  send(confirmation: Confirmation): Promise<void>;
}

export const noMailer: Mailer = { send: async () => {} };

/** What the lifespan yields (`ctx.state` in a task, `request.state` in a request). */
export interface BookstoreState {
  readonly store: Store;
  readonly mailer: Mailer;
}

/** The job's input: ids and an address, not the order — the task reads the order itself. */
export class ConfirmationIn {
  @IsInt() @Min(1) orderId!: number;
  @IsEmail() recipient!: string;
}

const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;

/**
 * The background task of `POST /v1/orders`: runs after the client has its 201 — in the app's
 * process by default, in a separate worker process when the app runs with REDIS_URL. It writes
 * the confirmation to the outbox, hands it to the mailer, then marks it sent. It is safe to run
 * twice (a retry, or a job run again after its worker died): the outbox row is keyed by order,
 * and a confirmation already sent is not sent again. Each write takes the store's lock, so it
 * never lands inside some request's open transaction.
 */
export const sendConfirmation = defineTask(
  'send-order-confirmation',
  { input: ConfirmationIn, retries: 3, backoff: { type: 'exponential', delayMs: 1000 }, timeoutMs: 30_000 },
  async ({ orderId, recipient }, ctx) => {
    const { store, mailer } = ctx.state as unknown as BookstoreState;
    const prepared = await store.transaction((db) => {
      const order = findOrder(db, orderId);
      if (!order) throw new Error(`order ${orderId} does not exist`);
      const lines = order.lines.map((line) => `${line.quantity} × ${line.title} at ${euros(line.unitPriceCents)}`);
      const confirmation: Confirmation = { orderId, recipient, subject: `Your order #${orderId}`, body: `${lines.join('\n')}\nTotal: ${euros(order.totalCents)}` };
      db.prepare('INSERT INTO outbox (order_id, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING').run(
        orderId,
        recipient,
        confirmation.subject,
        confirmation.body,
        new Date().toISOString(),
      );
      const status = db.prepare('SELECT status FROM outbox WHERE order_id = ?').pluck().get(orderId) as string;
      return { confirmation, sent: status === 'sent' };
    });
    if (prepared.sent) return ctx.log.info({ orderId }, 'confirmation already sent');
    await mailer.send(prepared.confirmation);
    await store.transaction((db) => db.prepare("UPDATE outbox SET status = 'sent' WHERE order_id = ?").run(orderId));
  },
);
