import type { Db } from './store';

export interface OrderLineRow {
  bookId: number;
  title: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderRow {
  id: number;
  userId: number;
  totalCents: number;
  createdAt: string;
  lines: OrderLineRow[];
}

export function findOrder(db: Db, id: number): OrderRow | undefined {
  const order = db
    .prepare('SELECT id, user_id AS userId, total_cents AS totalCents, created_at AS createdAt FROM orders WHERE id = ?')
    .get(id) as Omit<OrderRow, 'lines'> | undefined;
  if (!order) return undefined;
  const lines = db
    .prepare(
      `SELECT l.book_id AS bookId, b.title, l.quantity, l.unit_price_cents AS unitPriceCents
       FROM order_lines l JOIN books b ON b.id = l.book_id WHERE l.order_id = ? ORDER BY l.rowid`,
    )
    .all(id) as OrderLineRow[];
  return { ...order, lines };
}

export function listOrders(db: Db, userId: number): OrderRow[] {
  const ids = db.prepare('SELECT id FROM orders WHERE user_id = ? ORDER BY id').pluck().all(userId) as number[];
  return ids.map((id) => findOrder(db, id)!);
}
