-- GET requests cycling through the paths of a file (one per line), each thread from its own place.
-- Environment: BENCH_PATHS (the file), plus common.lua's.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")

local paths = read_lines(os.getenv("BENCH_PATHS"))
local next_index

function init(args)
  next_index = 1 + math.floor((thread_id - 1) * #paths / math.max(thread_count, 1))
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end
