#!/usr/bin/env node
'use strict';
/**
 * What a durable job costs per request: GET /task answered with no task, with a named task run
 * in-process after the response, and with the job enqueued in Redis (BullMQ) after the
 * response. Starts its own redis-server (no persistence) on a free port; server on core 0,
 * wrk on core 1 (Redis shares core 1); variants interleaved, median req/s reported with the
 * bullmq / in-process ratio. Needs `npm run build`, wrk and redis-server.
 *
 *   TASKS_DURATION=5  TASKS_REPS=3  TASKS_PORT=3972  node bench/tasks-enqueue.js
 */
const { spawn, execFileSync } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const duration = Number(process.env.TASKS_DURATION ?? 5);
const reps = Number(process.env.TASKS_REPS ?? 3);
const port = Number(process.env.TASKS_PORT ?? 3972);
const variants = ['none', 'in-process', 'bullmq'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });

async function startRedis() {
  const redisPort = await freePort();
  const redis = spawn('taskset', ['-c', '1', 'redis-server', '--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const pong = await new Promise((resolve) => {
      const socket = net.createConnection({ port: redisPort, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
      socket.on('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
      socket.on('error', () => resolve(false));
    });
    if (pong) return { redis, url: `redis://127.0.0.1:${redisPort}` };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('redis-server did not answer');
}

async function measure(variant, redisUrl) {
  const args = [process.execPath, path.join(__dirname, 'tasks-enqueue-server.js'), variant, String(port), redisUrl];
  const server = spawn('taskset', ['-c', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  execFileSync('wrk', ['-t1', '-c32', '-d1s', `http://127.0.0.1:${port}/task`]); // warm-up
  const out = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', '-c64', `-d${duration}s`, `http://127.0.0.1:${port}/task`]).toString();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]);
}

(async () => {
  const { redis, url } = await startRedis();
  try {
    const results = Object.fromEntries(variants.map((v) => [v, []]));
    for (let rep = 0; rep < reps; rep++) for (const v of variants) results[v].push(await measure(v, url));
    const rps = Object.fromEntries(variants.map((v) => [v, median(results[v])]));
    for (const v of variants) console.log(`${v.padEnd(10)} ${Math.round(rps[v])} req/s  runs: ${results[v].map(Math.round).join(', ')}`);
    console.log(`bullmq / in-process: ${(rps.bullmq / rps['in-process']).toFixed(2)}  (in-process / none: ${(rps['in-process'] / rps.none).toFixed(2)})`);
  } finally {
    redis.kill('SIGTERM');
  }
})();
