-- wrk script: replays pre-built HTTP requests from a file (NUL-separated) in rotation,
-- so every connection sends real mod_xml_curl bodies, and prints the run as one JSON line.
-- Usage: wrk ... -s replay.lua http://127.0.0.1:PORT -- REQUESTS_FILE [fresh-uuids]
-- With "fresh-uuids", placeholders of a uuid's length ("UUID" + two digits + 30 "_", so
-- the Content-Length stays right) become new uuids in every request, the same placeholder
-- the same uuid: the CDR bench posts each leg as a new one.
local pool = {}
local count = 0
local index = 0
local fresh = false
local threads = 0
local PLACEHOLDER = "UUID(%d%d)" .. string.rep("_", 30)

function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
  fresh = args[2] == "fresh-uuids"
  local file = assert(io.open(args[1], "rb"))
  local data = file:read("*a")
  file:close()
  local start = 1
  while start <= #data do
    local stop = string.find(data, "\0", start, true) or (#data + 1)
    count = count + 1
    pool[count] = string.sub(data, start, stop - 1)
    start = stop + 1
  end
end

local function r16()
  return math.random(0, 65535)
end

local function uuid()
  return string.format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x",
    r16(), r16(), r16(), math.random(0, 4095), math.random(32768, 49151), r16(), r16(), r16())
end

function request()
  index = index % count + 1
  if not fresh then
    return pool[index]
  end
  local uuids = {}
  return (string.gsub(pool[index], PLACEHOLDER, function(n)
    uuids[n] = uuids[n] or uuid()
    return uuids[n]
  end))
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
