-- Shared by the bench's wrk scripts (loaded with dofile): the bearer token, a few helpers, and the
-- report. done() writes one JSON object to $BENCH_RESULT: requests, duration, rate, latency
-- percentiles, and every error wrk counts (connect/read/write/timeout, and responses with a status
-- of 400 or more, which wrk calls "Non-2xx or 3xx"); a scenario with any error is reported as such.
--
-- Environment: BENCH_TOKEN (bearer token, optional), BENCH_RESULT (report file).

local token = os.getenv("BENCH_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- Lines of a file, as a table.
function read_lines(path)
  local lines = {}
  local file = assert(io.open(path, "r"), "cannot read " .. path)
  for line in file:lines() do
    if line ~= "" then
      table.insert(lines, line)
    end
  end
  file:close()
  return lines
end

-- Gives each thread a number (1..n) as the global thread_id, so threads can share work without overlap.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
  thread:set("thread_count", 0) -- updated below once all threads exist
  for _, t in ipairs(threads) do
    t:set("thread_count", #threads)
  end
end

-- Wall-clock time in seconds (LuaJIT has no sub-second clock): used by scripts that stop early.
function wall_time()
  local pipe = io.popen("date +%s.%N")
  local now = tonumber(pipe:read("*l"))
  pipe:close()
  return now
end

function done(summary, latency, requests)
  local duration = summary.duration / 1e6
  local count = summary.requests
  -- scripts that stop before the end (a fixed number of requests) record their own start and end
  local first, last = nil, nil
  for _, t in ipairs(threads) do
    local s, e = t:get("started_at"), t:get("stopped_at")
    if s ~= nil and (first == nil or s < first) then first = s end
    if e ~= nil and (last == nil or e > last) then last = e end
  end
  if first ~= nil and last ~= nil and last > first then
    duration = last - first
  end
  local e = summary.errors
  local report = string.format(
    '{"requests":%d,"duration_s":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,'
      .. '"mean_ms":%.3f,"non2xx":%d,"socket_errors":%d}',
    count, duration, count / duration, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000, e.status,
    e.connect + e.read + e.write + e.timeout)
  local path = os.getenv("BENCH_RESULT")
  if path ~= nil and path ~= "" then
    local out = assert(io.open(path, "w"))
    out:write(report, "\n")
    out:close()
  end
  io.write(report, "\n")
end
