import 'reflect-metadata';
import { defineTask, Depends, dependency } from '@trellis/metadata';
import { IsEmail, IsOptional, IsString } from 'class-validator';

// The input is a DTO: validated when the request adds the job, and again in the worker.
export class WelcomeIn {
  @IsEmail() to!: string;
  @IsOptional() @IsString() name?: string;
}

export interface Mailer {
  send(to: string, subject: string): Promise<void>;
}

// An app-scoped dependency: created once per process (app or worker), closed with the app.
export const getMailer = dependency({}, function getMailer(): Mailer {
  return { send: async () => {} }; // your SMTP or API client here
}, { scope: 'app' });

export const sendWelcome = defineTask(
  'send-welcome',
  {
    input: WelcomeIn,
    retries: 3, // 4 attempts in all
    backoff: { type: 'exponential', delayMs: 1000 }, // 1 s, 2 s, 4 s
    timeoutMs: 30_000,
    deps: { mailer: Depends(getMailer) },
  },
  async (input, ctx) => {
    ctx.log.info({ to: input.to, attempt: ctx.attempt }, 'sending the welcome mail');
    await ctx.deps.mailer.send(input.to, `Welcome, ${input.name ?? 'friend'}!`);
  },
);
