import 'reflect-metadata';
import { join } from 'node:path';
import { Body, Controller, Get, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { Piscina } from 'piscina';

const pool = new Piscina({ filename: join(__dirname, 'hash-worker.js') });

@Controller()
class Passwords {
  @Post('/passwords/hash')
  async hash(@Body('password') password: string) {
    return { hash: await pool.run({ password, salt: 'pepper' }) }; // the event loop stays free
  }

  @Get('/ping')
  ping() {
    return { pong: true };
  }
}

export const app = createApp({ onShutdown: [() => pool.destroy()] }).include(Passwords);
