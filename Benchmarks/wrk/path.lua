-- GET of WRK_PATH with every `{n}` replaced by a random integer from 1 to WRK_MAX (default 10000): ids for get by id
-- and profiles, page numbers for offset lists, so requests spread over the table as real traffic does.
dofile("Benchmarks/wrk/report.lua")

local template = os.getenv("WRK_PATH") or "/health"
local maximum = tonumber(os.getenv("WRK_MAX") or "10000")

request = function()
  local path = template:gsub("{n}", function() return tostring(math.random(1, maximum)) end)
  return wrk.format("GET", path)
end
