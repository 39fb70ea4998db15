-- The same request again and again: BENCH_METHOD, BENCH_PATH, BENCH_BODY (JSON), plus common.lua's.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")

wrk.method = os.getenv("BENCH_METHOD") or "POST"
wrk.path = os.getenv("BENCH_PATH")
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
