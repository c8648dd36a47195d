-- wrk script: GET a random path from a file, one path per line (written by benchmarks.wrk_run).
--
--   wrk -c 50 -d 60s --latency -s benchmarks/wrk/mix.lua http://127.0.0.1:8765 -- paths.txt
--
-- Every thread reads the whole file once and seeds its own random generator, so threads ask
-- different sequences. Lines look like "/search?q=..." or "/reports/123".

local paths = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

function init(args)
  local file = assert(io.open(args[1] or "paths.txt", "r"), "cannot open the paths file")
  for line in file:lines() do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  file:close()
  assert(#paths > 0, "the paths file is empty")
  math.randomseed(os.time() + 7919 * (thread_number or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
