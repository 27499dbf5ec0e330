-- wrk: each request looks up a random one of the million generated tracking numbers
-- (BM000000001CN … BM001000000CN), as a scan at the counter does.
local path = os.getenv("BENCH_PATH")
math.randomseed(os.time())
function request()
  return wrk.format("GET", string.format(path, math.random(1, 1000000)))
end
