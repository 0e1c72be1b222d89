-- Shared by the write scenarios: one connection per wrk thread, and each thread is one signed-in
-- taker, so a response always belongs to the last request its thread sent.
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

function load_fixture(work, ...)
  dofile(work .. "/takers.lua")
  for _, name in ipairs({...}) do dofile(work .. "/" .. name .. ".lua") end
  me = takers[id]
  run = tonumber(os.getenv("BENCH_RUN") or "0")
  sent, acks, pending = 0, {}, nil
end

function post(path, body)
  return wrk.format("POST", path, {
    ["Cookie"] = me.cookie,
    ["HX-Request"] = "true",
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body .. "&__RequestVerificationToken=" .. me.token)
end

function save_request(slots)
  sent = sent + 1
  local slot = slots[(sent - 1) % #slots + 1]
  local choice = slot.c[math.floor((sent - 1) / #slots) % #slot.c + 1]
  pending = { kind = "save", line = slot.a .. "\t" .. slot.q .. "\t" .. choice .. "\t%d\t" .. (run * 100000000 + sent) }
  return post("/attempts/" .. slot.a .. "?handler=SaveQuestion&questionId=" .. slot.q,
    "Answers%5B0%5D.QuestionId=" .. slot.q .. "&Answers%5B0%5D.ChoiceIds=" .. choice)
end

function submit_request(attempts)
  sent = sent + 1
  -- Out of fresh attempts: attempt 0 answers 404, so the run shows errors instead of re-submitting.
  local attempt = attempts[sent] or 0
  pending = { kind = "submit", line = tostring(attempt) }
  return post("/attempts/" .. attempt .. "/submit", "")
end

function response(status, headers, body)
  if pending ~= nil then
    if status == 200 then acks[#acks + 1] = pending.kind .. "\t" .. pending.line:gsub("%%d", "1") end
    pending = nil
  end
end

-- Each thread's acknowledged writes (and the one still in flight when wrk stopped, which may or
-- may not have been applied) go to $BENCH_ACKS.<kind> for bench/lib.sh's check_writes.
function done(summary, latency, requests)
  local path = os.getenv("BENCH_ACKS")
  if path == nil then return end
  local files = {}
  local function write(entry)
    local kind, line = entry:match("^(%a+)\t(.*)$")
    if files[kind] == nil then files[kind] = io.open(path .. "." .. kind, "a") end
    files[kind]:write(line, "\n")
  end
  for _, thread in ipairs(threads) do
    for _, entry in ipairs(thread:get("acks") or {}) do write(entry) end
    local last = thread:get("pending")
    if last ~= nil and last.kind == "save" then write("save\t" .. last.line:gsub("%%d", "0")) end
  end
  for _, file in pairs(files) do file:close() end
end
