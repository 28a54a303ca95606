import 'reflect-metadata';
import { Depends, Router } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { verifyToken } from './dependencies/verify-token';
import { Admin } from './routers/admin';
import { Items } from './routers/items';
import { Users } from './routers/users';

// A router groups controllers under a prefix, with shared tags and dependencies; routers nest.
const api = new Router({ prefix: '/api', dependencies: [Depends(verifyToken)] })
  .include(Users)
  .include(new Router({ prefix: '/catalog', tags: ['items'] }).include(Items));

export const app = createApp().include(api).include(Admin, { prefix: '/admin', tags: ['admin'] });
