-- Browsing, answering and submitting together: of every 20 requests a taker sends, 9 are page
-- reads (the list and an exam, anonymous, and the signed-in list), 10 answer saves and 1 a submit.
dofile(os.getenv("BENCH_DIR") .. "/takers.lua")
function init(args) load_fixture(args[1], "save", "submit", "exams") end
function request()
  local step = sent % 20
  if step < 3 then return get_request("/", false) end
  if step < 6 then return get_request("/exams/" .. exam_ids[sent % #exam_ids + 1], false) end
  if step < 9 then return get_request("/", true) end
  if step == 19 then return submit_request(submits[id]) end
  return save_request(save_slots[id])
end
