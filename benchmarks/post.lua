-- wrk script: POST a distinct JSON body each time. Set by the benchmark through env vars.
local counter = 0
local template = os.getenv("BENCH_POST_BODY")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local body = string.gsub(template, "COUNTER", tostring(counter) .. "-" .. tostring(math.random(1, 1e9)))
  return wrk.format(nil, nil, nil, body)
end
