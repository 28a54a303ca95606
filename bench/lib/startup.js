'use strict';
/** Start-up of the generated 200-route / 50-DTO apps: median of 5 fresh processes each. */
const { startServer } = require('./server');

const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measureStartup({ core, port, impls = ['trellis', 'fastify-raw', 'nest-fastify'] }) {
  const results = {};
  for (const impl of impls) {
    const ready = [];
    const processMs = [];
    const rss = [];
    for (let i = 0; i < RUNS; i++) {
      const spawned = performance.now();
      const server = await startServer({ impl, variant: 'startup', port, core, script: `generated/startup-${impl}.js`, captureOutput: true });
      processMs.push(performance.now() - spawned);
      ready.push(server.startupReport().readyMs);
      rss.push(server.rssMb());
      await server.stop();
    }
    results[impl] = { readyMs: median(ready), processMs: median(processMs), rssMb: median(rss), runsReadyMs: ready.map((x) => Math.round(x)) };
  }
  return results;
}

module.exports = { measureStartup };
