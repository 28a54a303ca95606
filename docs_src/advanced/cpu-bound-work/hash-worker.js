'use strict';
// Runs on a worker thread (plain JavaScript: worker threads load it without a TypeScript loader).
const { scryptSync } = require('node:crypto');

module.exports = ({ password, salt }) => scryptSync(password, salt, 32).toString('hex');
