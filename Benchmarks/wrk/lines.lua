-- GET of WRK_PATH with every `{line}` replaced by a random line of the file WRK_LINES: ids that a caller may read
-- (get by id) or cursor tokens (cursor pages), listed by scripts/bench-helpdesk.sh. The caller's token comes with
-- wrk's `-H "Authorization: Bearer …"`.
dofile("Benchmarks/wrk/report.lua")

local template = os.getenv("WRK_PATH") or "/health"
local lines = {}
for line in io.lines(os.getenv("WRK_LINES")) do lines[#lines + 1] = line end

request = function()
  local path = template:gsub("{line}", function() return lines[math.random(1, #lines)] end)
  return wrk.format("GET", path)
end
