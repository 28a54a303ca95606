import { HTTPException } from '@trellis/metadata';
import { findBook } from '../database/books';
import { findOrder, type OrderRow } from '../database/orders';
import type { Db } from '../database/store';
import { InsufficientStock } from './insufficient-stock';

/**
 * Takes each line from stock in turn and records the order. It runs inside the request's
 * transaction: when line 2 is out of stock, line 1 has already been taken, and only the
 * rollback in `getDb` puts it back.
 */
export function placeOrder(db: Db, userId: number, lines: readonly { bookId: number; quantity: number }[]): OrderRow {
  const now = new Date().toISOString();
  const orderId = Number(db.prepare('INSERT INTO orders (user_id, total_cents, created_at) VALUES (?, 0, ?)').run(userId, now).lastInsertRowid);
  let total = 0;
  for (const { bookId, quantity } of lines) {
    const book = findBook(db, bookId);
    if (!book) throw new HTTPException(404, `Book ${bookId} not found`);
    if (book.stock < quantity) throw new InsufficientStock(bookId, quantity, book.stock);
    db.prepare('UPDATE books SET stock = stock - ? WHERE id = ?').run(quantity, bookId);
    db.prepare('INSERT INTO order_lines (order_id, book_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)').run(
      orderId,
      bookId,
      quantity,
      book.priceCents,
    );
    total += quantity * book.priceCents;
  }
  db.prepare('UPDATE orders SET total_cents = ? WHERE id = ?').run(total, orderId);
  return findOrder(db, orderId)!;
}
