-- A grade-and-record submit of a fresh, fully answered attempt (htmx: the result fragment comes back).
dofile(os.getenv("BENCH_DIR") .. "/takers.lua")
function init(args) load_fixture(args[1], "submit") end
function request() return submit_request(submits[id]) end
