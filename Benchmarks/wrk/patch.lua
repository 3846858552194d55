-- PATCH /products/{id} changing one field (stock) of a random product.
dofile("Benchmarks/wrk/report.lua")

local maximum = tonumber(os.getenv("WRK_MAX") or "10000")
wrk.headers["Content-Type"] = "application/json"

request = function()
  local body = string.format('{"stock":%d}', math.random(0, 1000))
  return wrk.format("PATCH", "/products/" .. math.random(1, maximum), nil, body)
end
