import { Controller, Get, Res, type Response } from '@trellis/metadata';
import type { TaskCounts } from '@trellis/fastify';

/**
 * `GET /health` for load balancers and dashboards: the background-task counts of the app's
 * backend (in-process, or Redis with REDIS_URL). 503 when the task store cannot be read. Kept
 * out of the OpenAPI document.
 */
@Controller('', { includeInSchema: false })
export class HealthController {
  constructor(private readonly taskCounts: () => Promise<TaskCounts>) {}

  @Get('/health')
  async health(@Res() res: Response): Promise<{ status: 'ok' | 'degraded'; tasks: TaskCounts | null }> {
    try {
      return { status: 'ok', tasks: await this.taskCounts() };
    } catch {
      res.status = 503;
      return { status: 'degraded', tasks: null };
    }
  }
}
