-- wrk script: each request looks up the next code of a list (one code a
-- line, from `sqlite3 STORE "SELECT DISTINCT code FROM code ..."`), so a
-- run walks the whole code list instead of hitting one cached page.
-- Usage: wrk -s bench/serve_load.lua URL -- CODES_FILE [PATH_PREFIX [SUFFIX]]
local codes = {}
local prefix = "/api/v1/codes/"
local suffix = ""
local i = 0

function init(args)
  local file = args[1] or "/tmp/medcode_codes.txt"
  if args[2] then prefix = args[2] end
  if args[3] then suffix = args[3] end
  for line in io.lines(file) do
    codes[#codes + 1] = line
  end
  -- Threads start at different places in the list.
  i = math.random(#codes)
end

function request()
  i = i % #codes + 1
  return wrk.format("GET", prefix .. codes[i] .. suffix)
end

local errors = 0
function response(status, headers, body)
  if status ~= 200 and status ~= 404 then errors = errors + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT req/s=%.0f p50=%.2fms p99=%.2fms non2xx_or_socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
    summary.errors.timeout))
end
