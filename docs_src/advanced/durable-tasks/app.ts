import 'reflect-metadata';
import { bullmqBackend } from '@trellis/bullmq';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { BackgroundTasks, Body, Controller, Get, Post } from '@trellis/metadata';
import { IsEmail } from 'class-validator';
import { mountDashboard } from './dashboard';
import { sendWelcome } from './tasks';

class SignUp {
  @IsEmail() email!: string;
}

@Controller('/users')
class Users {
  @Post('', { status: 201 })
  signUp(@Body() user: SignUp, tasks: BackgroundTasks) {
    // Enqueued once the 201 has been sent; never after a 4xx or 5xx.
    tasks.add(sendWelcome, { to: user.email });
    return { email: user.email };
  }
}

// Queue counts for health checks, whatever the backend.
@Controller('')
class Health {
  constructor(private readonly app: TrellisApp) {}

  @Get('/health')
  async health() {
    return { tasks: await this.app.taskBackend.counts() };
  }
}

export function buildApp(options: { redisUrl?: string; dashboardToken?: string } = {}): TrellisApp {
  // Without Redis, the same tasks run in this process after the response.
  const backend = options.redisUrl ? bullmqBackend({ connection: options.redisUrl }) : undefined;
  const app = createApp({ tasks: [sendWelcome], taskBackend: backend });
  app.include(Users);
  app.include(new Health(app));
  if (backend && options.dashboardToken) mountDashboard(app, backend, options.dashboardToken);
  return app;
}
