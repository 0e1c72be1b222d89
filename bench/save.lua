-- A signed-in htmx answer save: one question of an unfinished attempt, cookie + antiforgery token.
dofile(os.getenv("BENCH_DIR") .. "/takers.lua")
function init(args) load_fixture(args[1], "save") end
function request() return save_request(save_slots[id]) end
