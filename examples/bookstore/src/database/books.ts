import type { Db } from './store';

export interface BookRow {
  id: number;
  title: string;
  author: string;
  priceCents: number;
  stock: number;
  sellerId: number;
}

export type BookFields = Omit<BookRow, 'id' | 'sellerId'>;

const COLUMNS = 'id, title, author, price_cents AS priceCents, stock, seller_id AS sellerId';

export function findBook(db: Db, id: number): BookRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM books WHERE id = ?`).get(id) as BookRow | undefined;
}

/** A page of the catalogue, optionally filtered by a case-insensitive title/author search. */
export function listBooks(db: Db, page: { search?: string; limit: number; offset: number }): BookRow[] {
  const pattern = page.search === undefined ? '%' : `%${page.search.replace(/[\\%_]/g, '\\$&')}%`;
  return db
    .prepare(`SELECT ${COLUMNS} FROM books WHERE title LIKE @pattern ESCAPE '\\' OR author LIKE @pattern ESCAPE '\\' ORDER BY id LIMIT @limit OFFSET @offset`)
    .all({ pattern, limit: page.limit, offset: page.offset }) as BookRow[];
}

export function insertBook(db: Db, sellerId: number, book: BookFields): BookRow {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO books (title, author, price_cents, stock, seller_id) VALUES (?, ?, ?, ?, ?)')
    .run(book.title, book.author, book.priceCents, book.stock, sellerId);
  return findBook(db, Number(lastInsertRowid))!;
}

export function updateBook(db: Db, id: number, book: BookFields): BookRow {
  db.prepare('UPDATE books SET title = ?, author = ?, price_cents = ?, stock = ? WHERE id = ?').run(
    book.title,
    book.author,
    book.priceCents,
    book.stock,
    id,
  );
  return findBook(db, id)!;
}

/** False when the book appears in an order (order lines keep pointing at it). */
export function deleteBook(db: Db, id: number): boolean {
  const ordered = db.prepare('SELECT 1 FROM order_lines WHERE book_id = ? LIMIT 1').get(id);
  if (ordered) return false;
  db.prepare('DELETE FROM books WHERE id = ?').run(id);
  return true;
}
