import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../database/store';

/** How long a token from `/v1/auth/token` stays valid. */
export const SESSION_TTL_MS = 60 * 60 * 1000;

/** Only the token's hash is stored: a leaked database holds no usable token. */
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a session for `userId` and returns its bearer token. */
export function createSession(db: Db, userId: number, now = new Date()): string {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run(digest(token), userId, expires);
  return token;
}

/** The user id a live token belongs to, or undefined. */
export function sessionUser(db: Db, token: string, now = new Date()): number | undefined {
  const row = db.prepare('SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?').get(digest(token), now.toISOString()) as
    | { user_id: number }
    | undefined;
  return row?.user_id;
}
