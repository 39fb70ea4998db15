-- CI registration of new versions: PUT /api/atoms/{name}/versions/{version}, each request a version
-- never registered before, spread over BENCH_ATOMS Atoms named BENCH_ATOM_PREFIX<n> (created by their
-- first version, as a pipeline's first run does). Versions are <BENCH_MAJOR>.<thread>.<counter>, so
-- runs with distinct BENCH_MAJOR never collide. Plus common.lua's environment.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")

local prefix = os.getenv("BENCH_ATOM_PREFIX")
local atoms = tonumber(os.getenv("BENCH_ATOMS") or "20")
local major = os.getenv("BENCH_MAJOR")
local counter = 0
wrk.headers["Content-Type"] = "application/json"

function request()
  counter = counter + 1
  local name = prefix .. (1 + (counter + thread_id) % atoms)
  local version = major .. "." .. thread_id .. "." .. counter
  local body = '{"atom":{"displayName":"Bench CI ' .. name .. '","summary":"An Atom registered by the CI scenario of the bench",'
    .. '"description":"Registered again and again by a pipeline.","kind":"COMPONENT","category":"testing",'
    .. '"tags":["bench","ci"],"license":"MIT"},'
    .. '"artifacts":[{"type":"CONTAINER_IMAGE","reference":"registry.example.org/bench/' .. name .. ':' .. version .. '",'
    .. '"digest":"sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b"}],'
    .. '"languages":["Go"],"connectionPoints":[{"name":"api","protocol":"HTTP","direction":"IN"}],'
    .. '"releaseNotes":"Build ' .. counter .. '","state":"PUBLISHED"}'
  return wrk.format("PUT", "/api/atoms/" .. name .. "/versions/" .. version, nil, body)
end
