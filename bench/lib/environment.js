'use strict';
/** What a result was measured on: the machine and the versions of everything compared. */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const BENCH = path.join(__dirname, '..');

/** The version of `name` as Node would find it from `from` (read directly: not every package exports its package.json). */
function versionOf(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).version;
    if (path.dirname(dir) === dir) return 'n/a';
  }
}

function trellisDir() {
  try {
    return path.dirname(require.resolve('@trellis/fastify', { paths: [BENCH] }));
  } catch {
    return path.join(BENCH, '..', 'packages', 'fastify');
  }
}

function wrkVersion() {
  try {
    return execFileSync('wrk', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0];
  } catch (error) {
    return String(error.stdout ?? '').split('\n')[0] || 'wrk';
  }
}

function versions() {
  const trellis = trellisDir();
  const fromBench = ['fastify', '@nestjs/core', '@nestjs/platform-fastify', '@nestjs/platform-express', 'express', 'class-validator', 'hono', '@hono/node-server', '@hono/zod-openapi', 'zod'];
  return {
    '@trellis/fastify': versionOf('@trellis/fastify', BENCH),
    'fastify (trellis)': versionOf('fastify', trellis),
    ...Object.fromEntries(fromBench.map((name) => [name, versionOf(name, BENCH)])),
    wrk: wrkVersion(),
  };
}

function machine() {
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, date: new Date().toISOString(), loadBefore: os.loadavg()[0] };
}

module.exports = { versions, machine };
