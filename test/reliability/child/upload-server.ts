import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Controller, Path, Post, Req } from '@trellis/metadata';
import { createApp, Request } from '@trellis/fastify';

/*
 * The server side of the request-stream memory test, in its own process (--expose-gc) so
 * only the server's memory is measured. It samples itself every 100 ms after a full
 * collection (live memory, not garbage waiting for the collector). IPC: "reset" (collect,
 * take the baseline, clear the peaks), "peak" (the peak and median growth since, in bytes;
 * the median because freed buffers are released by a concurrent sweeper, so a sample just
 * after a collection can still count some: transient spikes, not held memory).
 */
const MB = 1024 * 1024;
const dir = process.env.UPLOAD_DIR!;
const gc = (globalThis as { gc?: () => void }).gc!;

/** Passes the chunks on, sampling memory after each megabyte: as many samples for a fast upload as a slow one. */
async function* sampledEveryMegabyte(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let received = 0;
  let next = MB;
  for await (const chunk of source) {
    received += chunk.length;
    if (received >= next) {
      next += MB;
      sample();
    }
    yield chunk;
  }
}

@Controller('')
class Uploads {
  @Post('/uploads/:name', { streamBody: { limit: 1024 * MB } })
  async upload(@Path('name') name: string, @Req() request: Request) {
    const file = join(dir, name);
    try {
      await pipeline(sampledEveryMegabyte(request.stream()), createWriteStream(file));
    } catch (error) {
      await unlink(file).catch(() => undefined);
      throw error;
    }
    return { bytes: (await stat(file)).size };
  }

  // The control: the same body kept in memory, to show the measurement sees buffering.
  @Post('/buffered', { streamBody: { limit: 1024 * MB } })
  async buffered(@Req() request: Request) {
    const chunks: Buffer[] = [];
    for await (const chunk of request.stream()) chunks.push(chunk);
    sample(); // while the whole body is held, whatever the timer's luck on a loaded machine
    await new Promise((resolve) => setTimeout(resolve, 300)); // held across a few samples
    return { bytes: Buffer.concat(chunks).length };
  }
}

const app = createApp({ fastify: { logger: false } }).include(Uploads);

const held = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
let baseline = process.memoryUsage();
let peak = { rss: baseline.rss, held: held(baseline) };
let samples: number[] = [];
// A full collection per sample slows the upload (it shares the thread), so not too often.
function sample(): void {
  gc();
  const now = process.memoryUsage();
  peak = { rss: Math.max(peak.rss, now.rss), held: Math.max(peak.held, held(now)) };
  samples.push(held(now));
}
setInterval(sample, 100).unref();

/**
 * Collects until the held memory stops falling: buffers of the previous upload are released a
 * little after the collection that frees them, and a baseline taken too early would hide growth.
 */
async function settled(): Promise<void> {
  let last = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 20; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = held(process.memoryUsage());
    if (now > last - 64 * 1024) return;
    last = now;
  }
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'reset') {
    void settled().then(() => {
      baseline = process.memoryUsage();
      peak = { rss: baseline.rss, held: held(baseline) };
      samples = [];
      process.send!({ type: 'reset' });
    });
  } else if (message.type === 'peak') {
    const median = [...samples].sort((a, b) => a - b)[samples.length >> 1] ?? held(baseline);
    process.send!({ type: 'peak', rss: peak.rss - baseline.rss, heapAndBuffers: peak.held - held(baseline), medianHeapAndBuffers: median - held(baseline) });
  } else if (message.type === 'close') {
    void app.close().then(() => {
      process.send!({ type: 'closed' });
      process.exit(0);
    });
  }
});

void app.listen({ port: 0, logStartup: false }).then(() => {
  const address = app.fastify.server.address() as { port: number };
  process.send!({ type: 'listening', port: address.port });
});
