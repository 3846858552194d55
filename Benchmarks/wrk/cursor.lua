-- GET /products?limit=25&after=<token>: a random page of the cursor list. The tokens (one a line, in WRK_TOKENS) are
-- the store's `nextCursor` values for pages spread over the table, minted by scripts/bench-http.sh; both servers
-- issue and accept the same format.
dofile("Benchmarks/wrk/report.lua")

local tokens = {}
for line in io.lines(os.getenv("WRK_TOKENS")) do tokens[#tokens + 1] = line end

request = function()
  return wrk.format("GET", "/products?limit=25&after=" .. tokens[math.random(1, #tokens)])
end
