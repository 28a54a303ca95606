import { dependency, Header, HTTPException } from '@trellis/metadata';

export const verifyToken = dependency({ token: Header('x-token') }, function verifyToken({ token }) {
  if (token !== 'fake-super-secret-token') throw new HTTPException(400, 'X-Token header invalid');
});
