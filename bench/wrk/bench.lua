-- wrk script of the benchmark: reports one JSON line, and varies the SIREN if asked.
--   BENCH_TOKEN        bearer token sent with every request
--   BENCH_VARY_FROM    if set, each request asks BENCH_VARY_PATH<a new valid SIREN>, counting from this 8-digit prefix
--   BENCH_VARY_PATH    the route the SIREN is appended to (default /v2/entreprises/)
--   BENCH_VARY_OBJECT  if set (and BENCH_VARY_FROM not), each request sends the URL's query with a new
--                      object=, from this prefix: the same identifier, a request the sandbox never saw
-- Other headers come from wrk's -H.
local token = os.getenv("BENCH_TOKEN")
local vary_from = tonumber(os.getenv("BENCH_VARY_FROM") or "")
local vary_path = os.getenv("BENCH_VARY_PATH") or "/v2/entreprises/"
local vary_object = os.getenv("BENCH_VARY_OBJECT")
local query = "?context=bench&recipient=13002526500013&object=bench"

local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  if token then wrk.headers["Authorization"] = "Bearer " .. token end
end

-- The Luhn check digit that makes prefix .. digit a valid SIREN.
local function luhn_digit(prefix)
  local sum = 0
  for i = #prefix, 1, -1 do
    local d = tonumber(prefix:sub(i, i))
    if (#prefix - i) % 2 == 0 then d = d * 2; if d > 9 then d = d - 9 end end
    sum = sum + d
  end
  return tostring((10 - sum % 10) % 10)
end

function request()
  if vary_object and not vary_from then
    counter = counter + 1
    local path = wrk.path:gsub("object=[^&]*", "object=" .. vary_object .. index .. "-" .. counter)
    return wrk.format("GET", path)
  end
  if not vary_from then return wrk.request() end
  -- Threads interleave their counters so that no two requests share a SIREN.
  counter = counter + 1
  local prefix = string.format("%08d", vary_from + counter * 8 + index)
  return wrk.format("GET", vary_path .. prefix .. luhn_digit(prefix) .. query)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[tostring(status)] = (counts[tostring(status)] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%s":%d', status, n)) end
  io.write(string.format(
    '{"requests":%d,"duration_s":%.3f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"socket_errors":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ",")))
end
