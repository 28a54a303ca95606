'use strict';
/**
 * A fixed number of keep-alive GETs over a few connections, then exit: the load for
 * `bench/instructions.sh`, where a request count matters and wrk's duration-based load does not.
 *
 *   node bench/lib/keep-alive-client.js <port> <path> <count> [connections=16]
 */
const http = require('node:http');

const [port, path, countArg, connectionsArg = '16'] = process.argv.slice(2);
const count = Number(countArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connectionsArg) });
let sent = 0;
let done = 0;

function next() {
  if (sent >= count) return;
  sent++;
  http
    .get({ host: '127.0.0.1', port: Number(port), path, agent }, (res) => {
      // A wrong answer (a 404 from a mistyped path, a 500) costs other instructions than the
      // scenario's: stop instead of counting it.
      if (res.statusCode !== 200) {
        console.error(`GET ${path} answered ${res.statusCode}, not 200`);
        process.exit(1);
      }
      res.resume();
      res.on('end', () => {
        done++;
        if (done === count) agent.destroy();
        else next();
      });
    })
    .on('error', (error) => {
      console.error(error.message);
      process.exit(1);
    });
}

for (let i = 0; i < Number(connectionsArg); i++) next();
