import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { BullMQBackend } from '@trellis/bullmq';
import type { TrellisApp } from '@trellis/fastify';

/** Bull Board at /admin/queues, behind a token: a plain Fastify plugin on app.fastify. */
export function mountDashboard(app: TrellisApp, backend: BullMQBackend, token: string): void {
  const board = new FastifyAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({ queues: [new BullMQAdapter(backend.queue)], serverAdapter: board });
  void app.fastify.register(async (admin) => {
    // Trellis middleware does not wrap plain Fastify routes: guard them with a hook.
    admin.addHook('onRequest', async (request, reply) => {
      if (request.headers.authorization !== `Bearer ${token}`) {
        await reply.code(401).header('www-authenticate', 'Bearer').send({ detail: 'Not authenticated' });
      }
    });
    await admin.register(board.registerPlugin(), { prefix: '/admin/queues' });
  });
}
