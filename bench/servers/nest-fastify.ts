/**
 * NestJS on @nestjs/platform-fastify: the app of ./nest-app.ts (S1–S8, S10; S9 is the
 * generated large app, bench/lib/large-app/nest.js) with the Fastify adapter.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, exitOnError, start } from './nest-app';

NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false }).then(start).catch(exitOnError);
