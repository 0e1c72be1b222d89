-- A signed-in page read (never output-cached): the URL's path, with the thread's taker's cookie.
dofile(os.getenv("BENCH_DIR") .. "/takers.lua")
function init(args) load_fixture(args[1]) end
function request() return wrk.format("GET", nil, { ["Cookie"] = me.cookie }) end
