import { Body, Controller, Depends, Get, HTTPException, OAuth2PasswordRequestForm, Post } from '@trellis/metadata';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { createSession, SESSION_TTL_MS } from '../auth/sessions';
import { currentUser } from '../auth/current-user';
import { getDb } from '../database/get-db';
import type { Db } from '../database/store';
import { findUserByEmail, insertUser, type UserRow } from '../database/users';
import { TokenOut, UserIn, UserOut } from '../dto/user-dtos';

/** Sign-up, login (OAuth2 password flow) and the signed-in user. */
@Controller('', { tags: ['users'] })
export class UsersController {
  @Post('/users', { status: 201, responseModel: UserOut, responses: { 409: { description: 'Email already registered' } } })
  async signUp(@Body() user: UserIn, @Depends(getDb) db: Db): Promise<UserRow> {
    if (findUserByEmail(db, user.email)) throw new HTTPException(409, 'Email already registered');
    // The row carries passwordHash; UserOut has no such field, so it never leaves.
    return insertUser(db, { email: user.email, name: user.name, passwordHash: await hashPassword(user.password) });
  }

  /** Form fields `username` (the email) and `password`, as OAuth2 and Swagger UI's "Authorize" send them. */
  @Post('/auth/token', { responseModel: TokenOut, responses: { 400: { description: 'Incorrect email or password' } } })
  async logIn(@Depends(OAuth2PasswordRequestForm) form: OAuth2PasswordRequestForm, @Depends(getDb) db: Db): Promise<TokenOut> {
    const user = findUserByEmail(db, form.username);
    // Verify even for an unknown email, so response time does not reveal which emails exist.
    const valid = await verifyPassword(form.password, user?.passwordHash ?? 'scrypt$00$00');
    if (!user || !valid) throw new HTTPException(400, 'Incorrect email or password');
    return { access_token: createSession(db, user.id), token_type: 'bearer', expires_in: SESSION_TTL_MS / 1000 };
  }

  @Get('/users/me', { responseModel: UserOut })
  readCurrentUser(@Depends(currentUser) user: UserRow): UserRow {
    return user;
  }
}
