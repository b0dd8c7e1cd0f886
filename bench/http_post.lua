-- wrk script for bench/http_bench.sh: every request POSTs the JSON file named
-- by the environment variable MN_BENCH_BODY.
local path = assert(os.getenv("MN_BENCH_BODY"), "set MN_BENCH_BODY to the request body's file")
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
