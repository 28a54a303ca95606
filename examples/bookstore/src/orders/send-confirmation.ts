import type { Store } from '../database/store';
import type { OrderRow } from '../database/orders';

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

const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;

/**
 * The background task of `POST /v1/orders`: runs after the client has its 201. It writes the
 * confirmation to the outbox, hands it to the mailer, then marks it sent. Each write takes the
 * store's lock: the task must not land inside some request's open transaction. It gets the
 * store and the order as arguments, never the request (which is over).
 */
export async function sendConfirmation(store: Store, mailer: Mailer, order: OrderRow, recipient: string): Promise<void> {
  const lines = order.lines.map((line) => `${line.quantity} × ${line.title} at ${euros(line.unitPriceCents)}`);
  const confirmation: Confirmation = {
    orderId: order.id,
    recipient,
    subject: `Your order #${order.id}`,
    body: `${lines.join('\n')}\nTotal: ${euros(order.totalCents)}`,
  };
  await store.transaction((db) =>
    db
      .prepare('INSERT INTO outbox (order_id, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(order.id, recipient, confirmation.subject, confirmation.body, new Date().toISOString()),
  );
  await mailer.send(confirmation);
  await store.transaction((db) => db.prepare("UPDATE outbox SET status = 'sent' WHERE order_id = ?").run(order.id));
}
