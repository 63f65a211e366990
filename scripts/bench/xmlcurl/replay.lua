-- wrk script: replays pre-built HTTP requests from a file (NUL-separated) in rotation,
-- so every connection sends real mod_xml_curl bodies, and prints the run as one JSON line.
-- Usage: wrk ... -s replay.lua http://127.0.0.1:PORT -- REQUESTS_FILE
local pool = {}
local count = 0
local index = 0

function init(args)
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

function request()
  index = index % count + 1
  return pool[index]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
