'use strict';
/**
 * S9's load: a wrk `request` function spreading requests uniformly over the large app's
 * 1,000 routes (a random resource i and one of its five operations, random integer ids).
 * The seed is fixed so every implementation is sent the same sequence. bench/lib/wrk.js
 * embeds this source and adds its own `done`.
 */
const { LARGE_DTO } = require('../scenarios');

const OPERATIONS = 5;
const largeRoutes = (dtos) => dtos * OPERATIONS;
const LARGE_ROUTES = largeRoutes(200);

function luaRequest({ dtos = 200 } = {}) {
  const body = JSON.stringify(JSON.stringify(LARGE_DTO)); // a Lua string literal: plain ASCII, same escapes as JS
  return `-- S9: requests spread over the large app's ${largeRoutes(dtos)} routes (bench/lib/large-app/spread-lua.js).
math.randomseed(42)
local dtos = ${dtos}
local body = ${body}
-- Separate tables: wrk.format writes Content-Length into the one it is given.
local json_headers = { ["Content-Type"] = "application/json" }
local no_headers = {}

request = function()
  local base = "/r" .. math.random(0, dtos - 1)
  local id = math.random(1, 100000)
  local operation = math.random(1, ${OPERATIONS})
  if operation == 1 then
    return wrk.format("GET", base .. "/" .. id, no_headers)
  elseif operation == 2 then
    local verbose = math.random(0, 1) == 1 and "true" or "false"
    return wrk.format("GET", base .. "/" .. id .. "/summary?verbose=" .. verbose, no_headers)
  elseif operation == 3 then
    return wrk.format("POST", base, json_headers, body)
  elseif operation == 4 then
    return wrk.format("PUT", base .. "/" .. id, json_headers, body)
  else
    return wrk.format("DELETE", base .. "/" .. id, no_headers)
  end
end
`;
}

module.exports = { luaRequest, LARGE_ROUTES, largeRoutes };
