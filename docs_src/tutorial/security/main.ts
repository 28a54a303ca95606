import 'reflect-metadata';
import { Controller, Depends, dependency, Get, HTTPException, OAuth2PasswordBearer, OAuth2PasswordRequestForm, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

// A toy user store; a real app stores password hashes and signs its tokens.
const users: Record<string, { name: string; password: string }> = {
  ada: { name: 'Ada Lovelace', password: 'secret' },
};

// #region scheme
const oauth2 = OAuth2PasswordBearer({ tokenUrl: '/token' }); // reads "Authorization: Bearer <token>"

const currentUser = dependency({ token: Depends(oauth2) }, function currentUser({ token }) {
  const user = users[token];
  if (!user) throw new HTTPException(401, 'Invalid authentication credentials', { 'WWW-Authenticate': 'Bearer' });
  return { username: token, name: user.name };
});
// #endregion scheme

@Controller()
class Auth {
  // #region token
  @Post('/token')
  token(@Depends(OAuth2PasswordRequestForm) form: OAuth2PasswordRequestForm) {
    const user = users[form.username];
    if (!user || user.password !== form.password) throw new HTTPException(400, 'Incorrect username or password');
    return { access_token: form.username, token_type: 'bearer' };
  }
  // #endregion token

  // #region me
  @Get('/users/me')
  me(@Depends(currentUser) user: { username: string; name: string }) {
    return user;
  }
  // #endregion me
}

export const app = createApp().include(Auth).use(openapi()); // /docs has an "Authorize" button
