import { buildApp } from './app';

async function main(): Promise<void> {
  const app = buildApp();
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 8000);
  const address = await app.listen({ host, port });
  console.log(`Trellis example listening on ${address} — try ${address}/hello`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
