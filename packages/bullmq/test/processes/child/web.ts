import { buildTasksApp } from './tasks-app';

/* A web process: listens on a free port, tells the parent which, closes gracefully on SIGTERM. */
async function main(): Promise<void> {
  const app = buildTasksApp();
  const address = await app.listen({ port: 0 });
  process.send!({ type: 'listening', port: Number(new URL(address).port) });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
