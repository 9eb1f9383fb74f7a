-- Creates mailboxes and leaves them pending (never claimed): POST /v1/m only, as fast as the relay answers.
-- Each thread stops after CREATES_PER_THREAD creates (or at wrk's -d). Run with one connection per thread.
package.path = package.path .. ";" .. (os.getenv("WRK_SCRIPTS") or "bench/wrk") .. "/?.lua"
local common = require("common")

local body, quota
created, failures = 0, 0

setup = common.setup

function init(args)
   common.seed(id)
   quota = tonumber(os.getenv("CREATES_PER_THREAD") or "1000")
   -- The same create as the exchange's: display information and a 96-byte sealed payload.
   body = '{"displayInformation":{"title":"Car key","description":"Benchmark","imageURL":"https://images.example.org/car.png"},'
      .. '"payload":{"type":"AEAD_AES_128_GCM","data":"' .. common.base64(common.bytes(96)) .. '"},'
      .. '"mailboxConfiguration":{"accessRights":"RWD"}}'
end

function request()
   return wrk.format("POST", "/v1/m", { ["Mailbox-Request-ID"] = common.uuid(),
      ["Mailbox-Device-Claim"] = common.uuid(), ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
   if status == 200 then created = created + 1 else failures = failures + 1 end
   if created + failures >= quota then wrk.thread:stop() end
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   io.write(string.format("requests=%d created=%d failures=%d creates_per_second=%.0f\n",
      summary.requests, common.sum("created"), common.sum("failures"), common.sum("created") / seconds))
end
