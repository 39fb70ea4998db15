-- Privacy requests that are all new: each request is filed by another requester (tokens from the
-- file BENCH_TOKENS, one per line) with type BENCH_TYPE, so every answer is a 201 with a new row.
-- Each thread takes its share of the tokens and stops when it has used them all (a requester has at
-- most one open request of a type); the duration is then measured by the script itself.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")

local tokens = read_lines(os.getenv("BENCH_TOKENS"))
local body = '{"type":"' .. os.getenv("BENCH_TYPE") .. '","reason":"bench: a request filed by the load test"}'
local mine, sent, answered

function init(args)
  mine = {}
  for i = thread_id, #tokens, thread_count do
    table.insert(mine, tokens[i])
  end
  sent, answered = 0, 0
end

function request()
  if sent == 0 then
    started_at = wall_time()
  end
  sent = sent + 1
  local token = mine[(sent - 1) % #mine + 1]
  -- past the share, requests repeat the last ones (answered 200); the thread stops before they count
  return wrk.format("POST", "/api/privacy/requests", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  answered = answered + 1
  if answered == #mine then
    stopped_at = wall_time()
    wrk.thread:stop()
  end
end
