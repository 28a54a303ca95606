'use strict';
/**
 * Writes bench/dist/books.sqlite for S8: 10,000 books, the same file for every implementation.
 * Rewritten only when missing, so a run never races a server holding it open.
 */
const fs = require('node:fs');
const path = require('node:path');

const FILE = path.join(__dirname, '..', 'dist', 'books.sqlite');
const COUNT = 10_000;

/** The row S8's smoke check expects for `id` (the servers answer it without stock and internal_notes). */
function bookRow(id) {
  return {
    id,
    title: `Book number ${id}`,
    author: `Author ${id % 97}`,
    year: 1950 + (id % 75),
    isbn: `978-${String(1000000000 + id).slice(0, 10)}`,
    price: Math.round((5 + (id % 50) + 0.99) * 100) / 100,
    stock: id % 13,
    internal_notes: `restock from supplier ${id % 7}`,
  };
}

function writeBooksDb() {
  if (fs.existsSync(FILE)) return FILE;
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  const Database = require(require.resolve('better-sqlite3', { paths: [path.join(__dirname, '..', '..')] }));
  const partial = `${FILE}.${process.pid}.tmp`;
  const db = new Database(partial);
  db.exec('CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL, year INTEGER NOT NULL, isbn TEXT NOT NULL, price REAL NOT NULL, stock INTEGER NOT NULL, internal_notes TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO books VALUES (@id, @title, @author, @year, @isbn, @price, @stock, @internal_notes)');
  db.transaction(() => {
    for (let id = 1; id <= COUNT; id++) insert.run(bookRow(id));
  })();
  db.close();
  fs.renameSync(partial, FILE);
  return FILE;
}

module.exports = { writeBooksDb, bookRow, BOOKS_FILE: FILE };
if (require.main === module) console.log(writeBooksDb());
