import 'reflect-metadata';
import { Controller, Depends, dependency, Get, Header, HTTPException, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

// #region common
const commonParameters = dependency(
  {
    q: Query('q', { optional: true }),
    skip: Query('skip', { type: 'integer', default: 0 }),
    limit: Query('limit', { type: 'integer', default: 100 }),
  },
  function commonParameters({ q, skip, limit }) {
    return { q: q ?? null, skip, limit }; // typed from the markers: string | undefined, number, number
  },
);

@Controller()
class Catalog {
  @Get('/items')
  items(@Depends(commonParameters) commons: { q: string | null; skip: number; limit: number }) {
    return commons;
  }

  @Get('/users')
  users(@Depends(commonParameters) commons: { q: string | null; skip: number; limit: number }) {
    return commons;
  }
}
// #endregion common

// #region class
class Pagination {
  constructor(
    @Query('page', { type: 'integer', default: 1, minimum: 1 }) readonly page: number,
    @Query('size', { type: 'integer', default: 20, maximum: 100 }) readonly size: number,
  ) {}
}

@Controller()
class Books {
  @Get('/books')
  list(@Depends(Pagination) pagination: Pagination) {
    return { page: pagination.page, size: pagination.size };
  }
}
// #endregion class

// #region sub
const verifyToken = dependency({ token: Header('x-token') }, function verifyToken({ token }) {
  if (token !== 'fake-super-secret-token') throw new HTTPException(400, 'X-Token header invalid');
  return token;
});

const verifyKey = dependency({ key: Header('x-key'), token: Depends(verifyToken) }, function verifyKey({ key }) {
  if (key !== 'fake-super-secret-key') throw new HTTPException(400, 'X-Key header invalid');
  return key;
});

@Controller('/admin', { dependencies: [Depends(verifyKey)] })
class Admin {
  @Get('/stats')
  stats() {
    return { users: 2 }; // verifyKey (and so verifyToken) ran first; their values are discarded
  }
}
// #endregion sub

export const app = createApp().include(Catalog).include(Books).include(Admin);
