-- The mailbox binding's complete exchange, five requests in sequence on one connection: create (initiator),
-- claim and read (recipient), answer with PUT (recipient), read the answer (initiator), delete (initiator).
-- Request ids and claims are fresh UUIDs; the mailbox path comes from the create answer's urlLink.
-- Run with one connection per thread (-t N -c N).
package.path = package.path .. ";" .. (os.getenv("WRK_SCRIPTS") or "bench/wrk") .. "/?.lua"
local common = require("common")

local step, path, initiator, recipient, create_body, update_body
exchanges, failures = 0, 0

setup = common.setup

function init(args)
   common.seed(id)
   -- IV(12) || ciphertext || tag(16) as the relay sees it: 96 random bytes.
   local data = common.base64(common.bytes(96))
   create_body = '{"displayInformation":{"title":"Car key","description":"Benchmark","imageURL":"https://images.example.org/car.png"},'
      .. '"payload":{"type":"AEAD_AES_128_GCM","data":"' .. data .. '"},"mailboxConfiguration":{"accessRights":"RWD"}}'
   update_body = '{"payload":{"type":"AEAD_AES_128_GCM","data":"' .. data .. '"}}'
   step = 0
end

local function send(method, target, claim, body)
   local headers = { ["Mailbox-Request-ID"] = common.uuid(), ["Mailbox-Device-Claim"] = claim }
   if body then headers["Content-Type"] = "application/json" end
   return wrk.format(method, target, headers, body)
end

function request()
   if step == 0 then
      initiator, recipient = common.uuid(), common.uuid()
      return send("POST", "/v1/m", initiator, create_body)
   elseif step == 1 then
      return send("POST", path, recipient)
   elseif step == 2 then
      return send("PUT", path, recipient, update_body)
   elseif step == 3 then
      return send("POST", path, initiator)
   else
      return send("DELETE", path, initiator)
   end
end

function response(status, headers, body)
   local ok = status == 200
   if ok and step == 0 then
      path = body:match('"urlLink"%s*:%s*"[^"]-(/v1/m/[0-9a-fA-F%-]+)')
      ok = path ~= nil
   elseif ok and (step == 1 or step == 3) then
      ok = body:find('"payload"', 1, true) ~= nil
   end

   if not ok then
      failures = failures + 1
      step = 0
      return
   end

   if step == 4 then
      exchanges = exchanges + 1
      step = 0
   else
      step = step + 1
   end
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   io.write(string.format("requests=%d exchanges=%d failures=%d exchanges_per_second=%.0f requests_per_second=%.0f\n",
      summary.requests, common.sum("exchanges"), common.sum("failures"), common.sum("exchanges") / seconds, summary.requests / seconds))
end
