import { dependency, Depends, HTTPException, OAuth2PasswordBearer } from '@trellis/metadata';
import { getDb } from '../database/get-db';
import { findUser, type UserRow } from '../database/users';
import { sessionUser } from './sessions';

/**
 * Reads `Authorization: Bearer <token>` (a missing header is a 401 with
 * `WWW-Authenticate: Bearer`) and documents the password flow, so Swagger UI's
 * "Authorize" button logs in through `/v1/auth/token`.
 */
export const bearerToken = OAuth2PasswordBearer({ tokenUrl: '/v1/auth/token' });

/**
 * The signed-in user. A token that is unknown or expired is a 401 with the same challenge.
 * `scope: 'function'` because it reads through `getDb`, whose transaction ends when the
 * handler returns.
 */
export const currentUser = dependency(
  { db: Depends(getDb), token: Depends(bearerToken) },
  function currentUser({ db, token }): UserRow {
    const userId = sessionUser(db, token);
    const user = userId === undefined ? undefined : findUser(db, userId);
    if (!user) throw new HTTPException(401, 'Invalid or expired token', { 'WWW-Authenticate': 'Bearer' });
    return user;
  },
  { scope: 'function' },
);
