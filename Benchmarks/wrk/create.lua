-- POST /products with a sku unique across runs (WRK_RUN names the run), threads (their number) and requests.
dofile("Benchmarks/wrk/report.lua")

local run = os.getenv("WRK_RUN") or tostring(os.time())
local sent = 0
wrk.headers["Content-Type"] = "application/json"

request = function()
  sent = sent + 1
  local body = string.format(
    '{"sku":"%s-%d-%d","name":"Bench product %d","category":"bench","priceCents":%d,"stock":%d}',
    run, thread_number or 0, sent, sent, math.random(100, 99999), math.random(0, 100))
  return wrk.format("POST", "/products", nil, body)
end
