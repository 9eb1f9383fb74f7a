-- The relay-assisted PIN's requests (docs/protocol.md section 12.6), one kind per run, beside the plain mailbox
-- requests they compare with and a static file for nginx. bench/pin-cpu.sh drives it; the mailboxes come from
-- `Tigress.PinBench create`. The environment says what to send:
--   PIN_MODE     static    GET STATIC_PATH (nginx's small static file)
--                read      the bound recipient reads its mailbox again (a plain read: 200 with the message)
--                claim     a new claim's first read of a mailbox without a PIN (binds it: one mailbox per request)
--                evaluate  POST /v1/m/{id}/pin with BLINDED, from a new claim (spends nothing)
--                wrong     a new claim reads with pinProof WRONG_PROOF (403 wrong-pin: spends one guess)
--                right     a new claim reads with pinProof RIGHT_PROOF (binds it: one mailbox per request)
--   PIN_FILE     the mailbox list for the mode (one path, or "PATH CLAIM" for read, a line)
--   PIN_THREADS  wrk's thread count; PIN_ROUND and PIN_ROUNDS (0-based round, round count): each round and thread
--                takes its own share of the list, so no mailbox is bound or spends a guess twice across a run.
-- A wrong proof goes to each mailbox of the thread's share in turn, at most GUESSES - 1 times each (default 9 of
-- the 10 the mailboxes allow), so none locks. A thread whose share is used up stops (counted as exhausted); its CPU
-- per request stays valid. Run with one connection per thread (-t N -c N).
package.path = package.path .. ";" .. (os.getenv("WRK_SCRIPTS") or "bench/wrk") .. "/?.lua"
local common = require("common")

local mode = os.getenv("PIN_MODE") or "evaluate"
local list, k, limit, entry
ok, failures, exhausted = 0, 0, 0

setup = common.setup

function init(args)
   common.seed(id)
   k = 0
   if mode == "static" then
      return
   end
   local threads = tonumber(os.getenv("PIN_THREADS") or "1")
   local round = tonumber(os.getenv("PIN_ROUND") or "0")
   local rounds = tonumber(os.getenv("PIN_ROUNDS") or "1")
   local slot, stride, i = round * threads + (id - 1), rounds * threads, 0
   list = {}
   for line in io.lines(os.getenv("PIN_FILE")) do
      if i % stride == slot then list[#list + 1] = line end
      i = i + 1
   end
   if mode == "read" or mode == "evaluate" then
      limit = math.huge
   elseif mode == "wrong" then
      limit = #list * ((tonumber(os.getenv("GUESSES") or "10")) - 1)
   else
      limit = #list
   end
   assert(#list > 0, "no mailbox for thread " .. id .. ": create more")
   blinded = '{"blindedElement":"' .. (os.getenv("BLINDED") or "") .. '"}'
   right = '{"pinProof":"' .. (os.getenv("RIGHT_PROOF") or "") .. '"}'
   wrong = '{"pinProof":"' .. (os.getenv("WRONG_PROOF") or "") .. '"}'
end

local function post(path, claim, body)
   local headers = { ["Mailbox-Request-ID"] = common.uuid(), ["Mailbox-Device-Claim"] = claim }
   if body then headers["Content-Type"] = "application/json" end
   return wrk.format("POST", path, headers, body)
end

function request()
   if mode == "static" then
      return wrk.format("GET", os.getenv("STATIC_PATH") or "/static/small.txt")
   end
   entry = list[(k % #list) + 1]
   if mode == "read" then
      local path, claim = entry:match("^(%S+) (%S+)$")
      return post(path, claim)
   elseif mode == "evaluate" then
      return post(entry .. "/pin", common.uuid(), blinded)
   elseif mode == "claim" then
      return post(entry, common.uuid())
   elseif mode == "right" then
      return post(entry, common.uuid(), right)
   else
      return post(entry, common.uuid(), wrong)
   end
end

function response(status, headers, body)
   local good
   if mode == "static" then
      good = status == 200
   elseif mode == "evaluate" then
      good = status == 200 and body:find('"evaluatedElement"', 1, true) ~= nil
   elseif mode == "wrong" then
      good = status == 403 and body:find("wrong-pin", 1, true) ~= nil and body:find('"guessesLeft":0', 1, true) == nil
   else
      good = status == 200 and body:find('"payload"', 1, true) ~= nil
   end
   if good then ok = ok + 1 else failures = failures + 1 end
   if mode ~= "static" then
      k = k + 1
      if k >= limit then
         exhausted = exhausted + 1
         wrk.thread:stop()
      end
   end
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   io.write(string.format("requests=%d ok=%d failures=%d exhausted=%d requests_per_second=%.0f\n",
      summary.requests, common.sum("ok"), common.sum("failures"), common.sum("exhausted"), summary.requests / seconds))
end
