/**
 * NestJS on @nestjs/platform-express (Nest's default platform): the app of ./nest-app.ts
 * (S1–S8, S10; S9 is the generated large app, bench/lib/large-app/nest.js), nothing changed.
 * Express's JSON parser keeps its default 100 kB limit: S10's order (~102,200 bytes) fits under it.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, exitOnError, start } from './nest-app';

NestFactory.create<NestExpressApplication>(AppModule, { logger: false }).then(start).catch(exitOnError);
