-- wrk: each request registers one new registered letter (a tracking number no request used
-- before: this thread's number and a counter), as the mail room's counter does at a scan.
local thread_no = 0
function setup(thread)
  thread_no = thread_no + 1
  thread:set("tag", string.format("%02d%05d", thread_no, math.random(0, 99999)))
end

local counter = 0
local unit = os.getenv("BENCH_UNIT")
-- Added to wrk.headers (which carry the -H session cookie): a table passed to wrk.format
-- would replace them.
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Requested-With"] = "jiguan"
function request()
  counter = counter + 1
  local body = string.format(
    '{"kind":"registered","tracking_no":"WRK%s%07dCN","sender":"临沂市财政局","addressee_unit_id":%s}', tag, counter, unit)
  return wrk.format("POST", nil, nil, body)
end
