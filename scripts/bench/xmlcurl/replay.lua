-- wrk script: replays pre-built HTTP requests from a file (NUL-separated) in rotation,
-- so every connection sends real mod_xml_curl bodies, and prints the run as one JSON line.
-- Usage: wrk ... -s replay.lua http://127.0.0.1:PORT -- REQUESTS_FILE [OPTION...]
-- Options:
-- - "fresh-uuids": placeholders of a uuid's length ("UUID" + two digits + 30 "_", so
--   the Content-Length stays right) become new uuids in every request, the same placeholder
--   the same uuid: the CDR bench posts each leg as a new one.
-- - "bodies=FILE": every answer must be one of the bodies in FILE (NUL-separated): the
--   answers checked at warm-up, which a cache hit must repeat byte for byte.
-- - "found": every answer must be something other than FreeSWITCH's "not found" document.
-- Either check needs REPLAY_CHECK_ANSWERS=1 in wrk's environment (see response() below).
-- An answer that fails its check counts as "wrong" in the JSON line. wrk does not say which
-- request an answer belongs to, so the check is against the set, not per request.
-- A request carrying "Connection: close" makes the server close after answering, and wrk
-- then opens a new connection for the next request: mod_xml_curl's connection per fetch.
local pool = {}
local count = 0
local index = 0
local fresh = false
local expected = nil
local found = false
local threads = {}
local PLACEHOLDER = "UUID(%d%d)" .. string.rep("_", 30)
local CHECKING = os.getenv("REPLAY_CHECK_ANSWERS") == "1"
-- A thread global, read by done() through thread:get.
wrong = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("seed", #threads)
end

local function split(data)
  local out = {}
  local start = 1
  while start <= #data do
    local stop = string.find(data, "\0", start, true) or (#data + 1)
    out[#out + 1] = string.sub(data, start, stop - 1)
    start = stop + 1
  end
  return out
end

local function slurp(path)
  local file = assert(io.open(path, "rb"))
  local data = file:read("*a")
  file:close()
  return data
end

-- A request cut at its placeholders once, at start: a fresh request is then a join of a few
-- pieces, not a pattern scan of 10 KB (which cost wrk 52 µs of CPU per request, on the cores
-- the endpoint needs; the join costs 10). Pieces are text, or the number of the uuid that goes there.
local function cut(request)
  local pieces, slots, at = {}, 0, 1
  while true do
    local from, to, n = string.find(request, PLACEHOLDER, at)
    if not from then
      break
    end
    pieces[#pieces + 1] = string.sub(request, at, from - 1)
    local slot = tonumber(n) + 1
    pieces[#pieces + 1] = slot
    slots = math.max(slots, slot)
    at = to + 1
  end
  pieces[#pieces + 1] = string.sub(request, at)
  return { pieces = pieces, slots = slots }
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
  pool = split(slurp(args[1]))
  count = #pool
  for i = 2, #args do
    local option = args[i]
    if option == "fresh-uuids" then
      fresh = true
    elseif option == "found" then
      found = true
    elseif string.sub(option, 1, 7) == "bodies=" then
      expected = {}
      for _, body in ipairs(split(slurp(string.sub(option, 8)))) do
        expected[body] = true
      end
    else
      error("replay.lua: unknown option " .. option)
    end
  end
  if (expected ~= nil or found) ~= CHECKING then
    error("replay.lua: answer checks need REPLAY_CHECK_ANSWERS=1, and it needs one")
  end
  if fresh then
    for i = 1, count do
      pool[i] = cut(pool[i])
    end
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
  local t = pool[index]
  local uuids = {}
  for i = 1, t.slots do
    uuids[i] = uuid()
  end
  local out = {}
  for i, piece in ipairs(t.pieces) do
    out[i] = type(piece) == "number" and uuids[piece] or piece
  end
  return table.concat(out)
end

-- wrk decides at load time, before init sees the options, whether it hands each answer to
-- Lua (which costs it CPU): so only runs that check answers define response().
if CHECKING then
  function response(status, _, body)
    if status ~= 200 then
      return
    end
    if expected ~= nil and not expected[body] then
      wrong = wrong + 1
    elseif found and string.find(body, '<result status="not found"/>', 1, true) then
      wrong = wrong + 1
    end
  end
end

function done(summary, latency, _)
  local e = summary.errors
  local wrongTotal = 0
  for _, thread in ipairs(threads) do
    wrongTotal = wrongTotal + (thread:get("wrong") or 0)
  end
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"errors":%d,"wrong":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout, wrongTotal))
end
