-- Helpers shared by the wrk scripts: per-thread random state, UUIDs, base64 and the failure count.
-- Each script keeps one exchange per thread, so run wrk with one connection per thread (-t N -c N).
local common = {}

local b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local b64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

function common.seed(id)
   math.randomseed(os.time() * 1000 + id * 7919 + math.floor(os.clock() * 1e6))
end

-- A fresh 43-character base64url name (256 random bits), as a dropbox location is.
function common.location()
   local t = {}
   for i = 1, 43 do
      local n = math.random(1, 64)
      t[i] = b64url:sub(n, n)
   end
   return table.concat(t)
end

function common.uuid()
   return string.format("%08x-%04x-4%03x-%04x-%04x%08x",
      math.random(0, 0xffffffff), math.random(0, 0xffff), math.random(0, 0xfff),
      0x8000 + math.random(0, 0x3fff), math.random(0, 0xffff), math.random(0, 0xffffffff))
end

function common.bytes(n)
   local t = {}
   for i = 1, n do t[i] = string.char(math.random(0, 255)) end
   return table.concat(t)
end

function common.base64(s)
   local out = {}
   for i = 1, #s, 3 do
      local a, b, c = s:byte(i, i + 2)
      local n = a * 65536 + (b or 0) * 256 + (c or 0)
      local c1 = math.floor(n / 262144) % 64
      local c2 = math.floor(n / 4096) % 64
      local c3 = math.floor(n / 64) % 64
      local c4 = n % 64
      out[#out + 1] = b64:sub(c1 + 1, c1 + 1) .. b64:sub(c2 + 1, c2 + 1)
         .. (b and b64:sub(c3 + 1, c3 + 1) or "=") .. (c and b64:sub(c4 + 1, c4 + 1) or "=")
   end
   return table.concat(out)
end

-- setup/done for the main thread: give each thread an id, then sum the threads' counters.
local threads = {}
local next_id = 1

function common.setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function common.sum(name)
   local total = 0
   for _, thread in ipairs(threads) do total = total + (thread:get(name) or 0) end
   return total
end

function common.thread_count()
   return #threads
end

return common
