import type { Db } from './store';

/** A user as stored, secret included: only response models decide what leaves. */
export interface UserRow {
  id: number;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
}

const COLUMNS = 'id, email, name, password_hash AS passwordHash, created_at AS createdAt';

export function findUser(db: Db, id: number): UserRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM users WHERE email = ?`).get(email.toLowerCase()) as UserRow | undefined;
}

/** Inserts a user; emails are stored lower-case so sign-up and login agree. */
export function insertUser(db: Db, user: { email: string; name: string; passwordHash: string }): UserRow {
  const createdAt = new Date().toISOString();
  const { lastInsertRowid } = db
    .prepare('INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)')
    .run(user.email.toLowerCase(), user.name, user.passwordHash, createdAt);
  return findUser(db, Number(lastInsertRowid))!;
}
