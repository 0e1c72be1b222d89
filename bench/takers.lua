-- Shared by the signed-in scenarios: one connection per wrk thread, and each thread is one taker,
-- so a response always belongs to the last request its thread sent.
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
  sent, saves_sent, submits_sent = 0, 0, 0
  acks, statuses, pending = {}, {}, nil
end

-- A save sent but never answered (the connection broke) may or may not have been applied: it is
-- recorded as such when the thread moves on.
local function unanswered()
  if pending ~= nil and pending.kind == "save" then acks[#acks + 1] = "save\t" .. pending.line:gsub("%%d", "0") end
  pending = nil
end

function post(path, body)
  return wrk.format("POST", path, {
    ["Cookie"] = me.cookie,
    ["HX-Request"] = "true",
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body .. "&__RequestVerificationToken=" .. me.token)
end

function save_request(slots)
  -- A save that got no answer is sent again, as a browser's retry would, and recorded once.
  if pending ~= nil and pending.kind == "save" then return pending.request end
  sent, saves_sent = sent + 1, saves_sent + 1
  local slot = slots[(saves_sent - 1) % #slots + 1]
  local choice = slot.c[math.floor((saves_sent - 1) / #slots) % #slot.c + 1]
  pending = { kind = "save", line = slot.a .. "\t" .. slot.q .. "\t" .. choice .. "\t%d\t" .. (run * 100000000 + sent) }
  pending.request = post("/attempts/" .. slot.a .. "?handler=SaveQuestion&questionId=" .. slot.q,
    "Answers%5B0%5D.QuestionId=" .. slot.q .. "&Answers%5B0%5D.ChoiceIds=" .. choice)
  return pending.request
end

function submit_request(attempts)
  unanswered()
  sent, submits_sent = sent + 1, submits_sent + 1
  -- Out of fresh attempts: attempt 0 answers 404, so the run shows errors instead of re-submitting.
  local attempt = attempts[submits_sent] or 0
  pending = { kind = "submit", line = tostring(attempt) }
  return post("/attempts/" .. attempt .. "/submit", "")
end

function get_request(path, signed_in)
  unanswered()
  sent = sent + 1
  return wrk.format("GET", path, signed_in and { ["Cookie"] = me.cookie } or {})
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if pending ~= nil then
    if status == 200 then acks[#acks + 1] = pending.kind .. "\t" .. pending.line:gsub("%%d", "1") end
    pending = nil
  end
end

-- Each thread's acknowledged writes (and the saves it sent without an answer, which may or may not
-- have been applied) go to $BENCH_ACKS.<kind>; response counts by status to $BENCH_ACKS.status.
function done(summary, latency, requests)
  local path = os.getenv("BENCH_ACKS")
  if path == nil then return end
  local files, counts = {}, {}
  local function write(entry)
    local kind, line = entry:match("^(%a+)\t(.*)$")
    if files[kind] == nil then files[kind] = io.open(path .. "." .. kind, "a") end
    files[kind]:write(line, "\n")
  end
  for _, thread in ipairs(threads) do
    for _, entry in ipairs(thread:get("acks") or {}) do write(entry) end
    local last = thread:get("pending")
    if last ~= nil and last.kind == "save" then write("save\t" .. last.line:gsub("%%d", "0")) end
    for status, n in pairs(thread:get("statuses") or {}) do counts[status] = (counts[status] or 0) + n end
  end
  for _, file in pairs(files) do file:close() end
  local status = io.open(path .. ".status", "a")
  for code, n in pairs(counts) do status:write(code, "\t", n, "\n") end
  status:close()
end
