'use strict';
/**
 * Before a run: the tools and cores it needs, the generated large apps (S9), the S8 books
 * database, and the compiled servers. Returns the variants that cannot run, with why.
 */
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

function requireTools() {
  for (const tool of ['wrk', 'taskset']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} is required (apt-get install -y wrk util-linux)`);
    }
  }
  if (os.cpus().length < 2) throw new Error('needs 2 cores: the server and wrk are pinned to different ones');
}

/** The large apps' generator is written separately; without it S9 is skipped, not the run. */
function generateLargeApps() {
  try {
    require.resolve('./generate-large-apps');
  } catch {
    return 'bench/lib/generate-large-apps.js is missing, so there are no large apps';
  }
  require('./generate-large-apps').generateLargeApps();
  return undefined;
}

function compileServers(log) {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  log('compiling bench servers…');
  execFileSync(process.execPath, [tsc, '-p', path.join(__dirname, '..', 'tsconfig.json')], { stdio: 'inherit' });
}

/** @returns {{ [variant: string]: string }} why a variant cannot be measured in this run */
function preflight({ needsLarge, log = console.log }) {
  requireTools();
  const unavailable = {};
  if (needsLarge) {
    const reason = generateLargeApps();
    if (reason) unavailable.large = reason;
  }
  require('./books-db').writeBooksDb();
  compileServers(log);
  return unavailable;
}

module.exports = { preflight, compileServers };
