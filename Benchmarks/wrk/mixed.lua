-- Reads with writes mixed in: of every 10 requests, 9 GET /products/{id} and 1 PATCH of one (stock), ids random in
-- 1…WRK_MAX, so a write makes some reader's cached answer stale now and then, as real traffic does.
dofile("Benchmarks/wrk/report.lua")

local maximum = tonumber(os.getenv("WRK_MAX") or "1000")
local count = 0

request = function()
  count = count + 1
  local id = math.random(1, maximum)
  if count % 10 == 0 then
    return wrk.format("PATCH", "/products/" .. id, { ["Content-Type"] = "application/json" },
      string.format('{"stock":%d}', math.random(0, 1000)))
  end
  return wrk.format("GET", "/products/" .. id)
end
