-- The dropbox store-and-forward cycle: PUT a 96-byte message at a fresh 43-character location, GET it back,
-- DELETE it; three requests in sequence on one connection. Run with one connection per thread (-t N -c N) and
-- the base path in BASE_PATH (e.g. /d/ for the relay, /dav/ for nginx WebDAV).
package.path = package.path .. ";" .. (os.getenv("WRK_SCRIPTS") or "bench/wrk") .. "/?.lua"
local common = require("common")

local base = os.getenv("BASE_PATH") or "/d/"
local step, location, message
cycles, failures = 0, 0

setup = common.setup

function init(args)
   common.seed(id)
   message = common.bytes(96)
   step = 0
end

function request()
   if step == 0 then
      location = base .. common.location()
      return wrk.format("PUT", location, { ["Content-Type"] = "application/octet-stream" }, message)
   elseif step == 1 then
      return wrk.format("GET", location)
   else
      return wrk.format("DELETE", location)
   end
end

function response(status, headers, body)
   local ok
   if step == 0 then
      ok = status == 201 or status == 204
   elseif step == 1 then
      ok = status == 200 and body == message
   else
      ok = status == 200 or status == 204
   end

   if not ok then
      failures = failures + 1
      step = 0
      return
   end

   if step == 2 then
      cycles = cycles + 1
      step = 0
   else
      step = step + 1
   end
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   io.write(string.format("requests=%d cycles=%d failures=%d cycles_per_second=%.0f requests_per_second=%.0f\n",
      summary.requests, common.sum("cycles"), common.sum("failures"), common.sum("cycles") / seconds, summary.requests / seconds))
end
