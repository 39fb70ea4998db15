-- An abusive client: BENCH_METHOD (GET) BENCH_PATH as fast as wrk can send it. The report adds the
-- answers by status class: 2xx, 429 (the gateway's rate limit), other 4xx, 5xx, to BENCH_RESULT.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")

wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.path = os.getenv("BENCH_PATH")

-- a global: done() reads each thread's copy with thread:get
counts = { ok = 0, limited = 0, client = 0, server = 0 }

function response(status, headers, body)
  if status == 429 then
    counts.limited = counts.limited + 1
  elseif status >= 500 then
    counts.server = counts.server + 1
  elseif status >= 400 then
    counts.client = counts.client + 1
  else
    counts.ok = counts.ok + 1
  end
end

-- each thread's counts, read by done() through the thread objects
local all = {}
local base_setup = setup
function setup(thread)
  base_setup(thread)
  table.insert(all, thread)
end

local base_done = done
function done(summary, latency, requests)
  local ok, limited, client, server = 0, 0, 0, 0
  for _, t in ipairs(all) do
    local c = t:get("counts")
    ok = ok + c.ok
    limited = limited + c.limited
    client = client + c.client
    server = server + c.server
  end
  base_done(summary, latency, requests)
  local path = os.getenv("BENCH_STATUS_RESULT")
  local line = string.format('{"status_2xx":%d,"status_429":%d,"status_4xx_other":%d,"status_5xx":%d}', ok, limited, client, server)
  if path ~= nil and path ~= "" then
    local out = assert(io.open(path, "w"))
    out:write(line, "\n")
    out:close()
  end
  io.write(line, "\n")
end
