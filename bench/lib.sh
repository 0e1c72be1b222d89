# Shared by bench/run, bench/crash and bench/soak: publish, start and stop the server, sign in
# synthetic takers, generate fixtures with sqlite3, run wrk, and check acknowledged writes.
# shellcheck shell=bash

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
port=${BENCH_PORT:-5480}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
data="$work/data"
db="$data/exams.db"
server=""
sign_in_key=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')

need() { # command [apt package]
  command -v "$1" >/dev/null 2>&1 && return
  local sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${2:-$1}" >/dev/null
}
need wrk
need sqlite3
need curl

stop_server() { # [signal]
  if [ -n "$server" ]; then
    kill "-${1:-TERM}" "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT

publish() {
  echo "Publishing (Release)…"
  dotnet publish "$bench_dir/../OnlineExam.Web" -c Release -o "$work/publish" -v q -nologo >/dev/null
}

# Starts the published app in Production on 127.0.0.1 and waits for /healthz; sets $server and
# $startup_ms. Extra NAME=value settings go after the defaults; the log goes to $work/server.log.
start_server() { # [NAME=value...]
  local started; started=$(date +%s%N)
  (cd "$work/publish" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" \
    Storage__DataDirectory="$data" Bench__Enabled=true Bench__SignInKey="$sign_in_key" \
    Auth0__Domain=bench.invalid Auth0__ClientId=bench Auth0__ClientSecret=bench Auth0__Audience=https://bench.invalid/api \
    RateLimits__AnswerWritesPerMinute=1000000 RateLimits__ApiWritesPerMinute=1000000 \
    Logging__LogLevel__Default=Warning "$@" dotnet OnlineExam.Web.dll >>"$work/server.log" 2>&1) &
  server=$!
  until curl -fs "$base/healthz" >/dev/null 2>&1; do
    kill -0 "$server" 2>/dev/null || { echo "The server did not start:"; cat "$work/server.log"; exit 1; }
    sleep 0.05
  done
  startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

rss_mb() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server/status" 2>/dev/null || echo 0; }
peak_rss_mb() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$server/status" 2>/dev/null || echo 0; }

sql() { sqlite3 -batch -cmd ".timeout 30000" "$db" "$@"; }

# Signs in bench|1..N through /bench/sign-in and writes $work/takers.lua: takers[i] = {cookie, token}.
sign_in_takers() { # count
  echo "takers = {}" >"$work/takers.lua"
  local i headers token cookie
  for i in $(seq 1 "$1"); do
    headers="$work/sign-in.headers"
    token=$(curl -fs -D "$headers" -X POST -H "X-Bench-Key: $sign_in_key" "$base/bench/sign-in/$i")
    cookie=$(awk 'tolower($1) == "set-cookie:" { sub(/;.*/, "", $2); printf "%s%s", sep, $2; sep = "; " }' "$headers")
    printf 'takers[%d] = { cookie = "%s", token = "%s" }\n' "$i" "$cookie" "$token" >>"$work/takers.lua"
  done
}

now_sql="strftime('%Y-%m-%d %H:%M:%f', 'now')"

# One unfinished attempt for each of bench|1..N on every exam the condition picks (unless it has one).
start_attempts() { # takers exam-condition
  sql "WITH RECURSIVE t(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM t WHERE value < $1)
       INSERT OR IGNORE INTO Attempts (ExamId, UserId, UserName, Status, StartedAt)
       SELECT e.Id, 'bench|' || t.value, 'Bench taker ' || t.value, 'InProgress', $now_sql
       FROM Exams e, t WHERE $2;"
}

# The published exams' ids, for bench/mixed.lua's page reads.
exams_fixture() {
  sql "SELECT 'exam_ids = {' || group_concat(Id, ', ') || '}' FROM Exams WHERE Published = 1" >"$work/exams.lua"
}

# Every taker gets one unfinished attempt per published exam; writes save_slots[i] = {{a, q, c = {choices}}, ...}.
save_fixture() { # takers
  start_attempts "$1" "e.Published = 1 AND e.DeletedAt IS NULL"
  { echo "save_slots = {}"
    sql "SELECT 'save_slots[' || substr(a.UserId, 7) || '] = {' || group_concat(slot, ', ') || '}'
         FROM (SELECT a.UserId, '{ a = ' || a.Id || ', q = ' || q.Id || ', c = {' ||
                      (SELECT group_concat(c.Id, ', ') FROM Choices c WHERE c.QuestionId = q.Id) || '} }' AS slot
               FROM Attempts a JOIN Questions q ON q.ExamId = a.ExamId JOIN Exams e ON e.Id = a.ExamId
               WHERE a.UserId LIKE 'bench|%' AND a.Status = 'InProgress' AND e.Published = 1
               ORDER BY a.Id, q.Position) a
         GROUP BY a.UserId;"
  } >"$work/save.lua"
}

# Draft copies of the first sample exam, owned by a bench author: the exams of the submit scenario's fresh attempts.
create_submit_exams() { # count
  sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
       INSERT INTO Exams (Title, Description, Published, CreatedAt, UpdatedAt, CreatedBy, LastUpdatedBy)
       SELECT 'Bench exam ' || i, '', 0, $now_sql, $now_sql, 'bench|author', 'bench|author' FROM n;
       INSERT INTO Questions (ExamId, Position, Text, Explanation, Kind)
       SELECT e.Id, q.Position, q.Text, q.Explanation, q.Kind FROM Exams e, Questions q
       WHERE e.CreatedBy = 'bench|author' AND q.ExamId = (SELECT min(Id) FROM Exams);
       INSERT INTO Choices (QuestionId, Position, Text, IsCorrect)
       SELECT nq.Id, c.Position, c.Text, c.IsCorrect
       FROM Questions nq JOIN Exams e ON e.Id = nq.ExamId AND e.CreatedBy = 'bench|author'
       JOIN Questions oq ON oq.ExamId = (SELECT min(Id) FROM Exams) AND oq.Position = nq.Position
       JOIN Choices c ON c.QuestionId = oq.Id;"
}

# A fresh, fully answered attempt for every taker on every bench exam that has none unfinished;
# writes submits[i] = {attempt ids}.
submit_fixture() { # takers
  start_attempts "$1" "e.CreatedBy = 'bench|author'"
  sql "INSERT INTO AttemptAnswers (AttemptId, QuestionId, SelectedChoiceIds, SavedAt, GradedChoices)
       SELECT a.Id, q.Id, '[' || (SELECT c.Id FROM Choices c WHERE c.QuestionId = q.Id AND c.Position = 1 + (a.Id + q.Position) % 3) || ']', $now_sql, '[]'
       FROM Attempts a JOIN Exams e ON e.Id = a.ExamId AND e.CreatedBy = 'bench|author' JOIN Questions q ON q.ExamId = a.ExamId
       WHERE a.Status = 'InProgress' AND NOT EXISTS (SELECT 1 FROM AttemptAnswers x WHERE x.AttemptId = a.Id);"
  { echo "submits = {}"
    sql "SELECT 'submits[' || substr(a.UserId, 7) || '] = {' || group_concat(a.Id, ', ') || '}'
         FROM (SELECT a.UserId, a.Id FROM Attempts a JOIN Exams e ON e.Id = a.ExamId
               WHERE e.CreatedBy = 'bench|author' AND a.Status = 'InProgress' ORDER BY a.Id) a
         GROUP BY a.UserId;"
  } >"$work/submit.lua"
}

# wrk, with a script for writes (which appends its acknowledged writes to $work/acks.<kind>).
# Prints "rps p50_ms p99_ms errors".
wrk_run() { # seconds threads connections path [script]
  local out
  if [ -n "${5:-}" ]; then
    local run; run=$(( $(cat "$work/runs" 2>/dev/null || echo 0) + 1 )); echo "$run" >"$work/runs"
    out=$(BENCH_DIR="$bench_dir" BENCH_ACKS="$work/acks" BENCH_RUN=$run wrk -t"$2" -c"$3" -d"${1}s" --latency -s "$bench_dir/$5" "$base$4" -- "$work" 2>&1)
  else
    out=$(wrk -t"$2" -c"$3" -d"${1}s" --latency "$base$4" 2>&1)
  fi
  echo "$out" >>"$work/wrk.log"
  local rps p50 p99 errors non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") $(( ${errors:-0} + ${non2xx:-0} ))"
}
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Checks that every acknowledged save is stored (the last acknowledged selection per question,
# or a later one whose response never arrived) and every acknowledged submit is completely graded.
# Prints "saves_acknowledged answers_checked answers_missing submits_checked submits_missing half_graded".
check_writes() {
  local saves="$work/acks.save" submits="$work/acks.submit"
  touch "$saves" "$submits"
  sql <<SQL
CREATE TEMP TABLE save_acks (AttemptId INTEGER, QuestionId INTEGER, ChoiceId INTEGER, Acked INTEGER, Seq INTEGER);
CREATE TEMP TABLE submit_acks (AttemptId INTEGER);
.mode tabs
.import '$saves' save_acks
.import '$submits' submit_acks
.mode list
.separator ' '
CREATE INDEX temp.save_acks_slot ON save_acks (AttemptId, QuestionId, Seq);
WITH last AS (SELECT AttemptId, QuestionId, max(Seq) AS Seq FROM save_acks WHERE Acked = 1 GROUP BY AttemptId, QuestionId),
            allowed AS (SELECT s.AttemptId, s.QuestionId, s.ChoiceId FROM save_acks s JOIN last l
                          ON l.AttemptId = s.AttemptId AND l.QuestionId = s.QuestionId AND s.Seq >= l.Seq)
       SELECT (SELECT count(*) FROM save_acks WHERE Acked = 1),
              (SELECT count(*) FROM last),
              (SELECT count(*) FROM last l WHERE NOT EXISTS (
                  SELECT 1 FROM AttemptAnswers x JOIN allowed w ON w.AttemptId = x.AttemptId AND w.QuestionId = x.QuestionId
                  WHERE x.AttemptId = l.AttemptId AND x.QuestionId = l.QuestionId AND x.SelectedChoiceIds = '[' || w.ChoiceId || ']')),
              (SELECT count(DISTINCT AttemptId) FROM submit_acks),
              (SELECT count(*) FROM (SELECT DISTINCT AttemptId FROM submit_acks) s WHERE NOT EXISTS (
                  SELECT 1 FROM Attempts a WHERE a.Id = s.AttemptId AND a.Status = 'Submitted' AND a.Score IS NOT NULL
                  AND (SELECT count(*) FROM AttemptAnswers x WHERE x.AttemptId = a.Id AND x.Points IS NOT NULL)
                    = (SELECT count(*) FROM Questions q WHERE q.ExamId = a.ExamId))),
              (SELECT count(*) FROM Attempts a WHERE (a.Status = 'Submitted') <> (a.Score IS NOT NULL)
                  OR (a.Status = 'Submitted' AND EXISTS (SELECT 1 FROM AttemptAnswers x WHERE x.AttemptId = a.Id AND x.Points IS NULL)));
SQL
}

# The large database: 10,000 published exams (10 questions of 3 choices), 100,000 graded attempts
# by 2,000 people (bench|1..32 among them) and 1,000,000 saved and graded answers.
large_database() {
  sql <<'SQL'
PRAGMA cache_size = -200000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO Exams (Title, Description, Published, CreatedAt, UpdatedAt, CreatedBy, LastUpdatedBy)
SELECT 'Generated exam ' || i, 'A generated exam for the large-database benchmark.', 1,
       strftime('%Y-%m-%d %H:%M:%S', '2025-01-01', '+' || i || ' minutes'), strftime('%Y-%m-%d %H:%M:%S', '2025-01-01', '+' || i || ' minutes'),
       'load|author', 'load|author'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
INSERT INTO Questions (ExamId, Position, Text, Explanation, Kind)
SELECT e.Id, n.i, 'Generated question ' || n.i || ' of exam ' || e.Id || '?', 'Because it was generated that way.', 'SingleChoice'
FROM Exams e, n WHERE e.CreatedBy = 'load|author';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3)
INSERT INTO Choices (QuestionId, Position, Text, IsCorrect)
SELECT q.Id, n.i, 'Choice ' || n.i, n.i = 1 + q.Id % 3
FROM Questions q JOIN Exams e ON e.Id = q.ExamId AND e.CreatedBy = 'load|author', n;
CREATE TEMP TABLE load_exams AS SELECT row_number() OVER (ORDER BY Id) - 1 AS k, Id FROM Exams WHERE CreatedBy = 'load|author';
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
INSERT INTO Attempts (ExamId, UserId, UserName, Status, StartedAt, SubmittedAt, Score, MaxScore)
SELECT le.Id, CASE WHEN n.i % 2000 < 32 THEN 'bench|' ELSE 'load|' END || (n.i % 2000 + 1), 'Generated taker',
       'Submitted', strftime('%Y-%m-%d %H:%M:%S', '2026-01-01', '+' || n.i || ' minutes'), strftime('%Y-%m-%d %H:%M:%S', '2026-01-01', '+' || (n.i + 30) || ' minutes'), 0, 10
FROM n JOIN load_exams le ON le.k = (n.i * 7) % 10000;
INSERT INTO AttemptAnswers (AttemptId, QuestionId, SelectedChoiceIds, SavedAt, Points, GradedPosition, GradedQuestionText, GradedExplanation, GradedChoices)
SELECT a.Id, q.Id, '[' || c.Id || ']', a.SubmittedAt, c.IsCorrect, q.Position, q.Text, q.Explanation,
       '[{"Id":' || (c.Id - c.Position + 1) || ',"IsCorrect":' || iif(q.Id % 3 = 0, 'true', 'false') || ',"Selected":' || iif(c.Position = 1, 'true', 'false') || ',"Text":"Choice 1"},'
       || '{"Id":' || (c.Id - c.Position + 2) || ',"IsCorrect":' || iif(q.Id % 3 = 1, 'true', 'false') || ',"Selected":' || iif(c.Position = 2, 'true', 'false') || ',"Text":"Choice 2"},'
       || '{"Id":' || (c.Id - c.Position + 3) || ',"IsCorrect":' || iif(q.Id % 3 = 2, 'true', 'false') || ',"Selected":' || iif(c.Position = 3, 'true', 'false') || ',"Text":"Choice 3"}]'
FROM Attempts a
JOIN Exams e ON e.Id = a.ExamId AND e.CreatedBy = 'load|author'
JOIN Questions q ON q.ExamId = a.ExamId
JOIN Choices c ON c.QuestionId = q.Id AND c.Position = 1 + (a.Id + q.Position) % 3;
UPDATE Attempts SET Score = (SELECT sum(x.Points) FROM AttemptAnswers x WHERE x.AttemptId = Attempts.Id)
WHERE ExamId IN (SELECT Id FROM load_exams);
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
} >/dev/null

# Starts the server once with EF Core's command log on, reads each URL once (the last ones signed
# in as bench|1), and prints SQLite's plan for every distinct query the reads ran.
query_plans() { # anonymous-url... -- signed-in-url...
  local signed=false url
  stop_server
  : >"$work/server.log"
  start_server "Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information"
  sign_in_takers 1
  local cookie; cookie=$(sed -nE 's/^takers\[1\] = \{ cookie = "([^"]*)".*/\1/p' "$work/takers.lua")
  for url in "$@"; do
    if [ "$url" = "--" ]; then signed=true; continue; fi
    if $signed; then curl -fs -o /dev/null -H "Cookie: $cookie" "$base$url"; else curl -fs -o /dev/null "$base$url"; fi
  done
  stop_server
  python3 - "$work/server.log" "$db" <<'PY'
import json, subprocess, sys
seen = []
for line in open(sys.argv[1], errors="replace"):
    if not line.startswith("{") or "Executed DbCommand" not in line:
        continue
    entry = json.loads(line)
    sql = entry.get("State", {}).get("commandText", "")
    path = next((s["RequestPath"] for s in entry.get("Scopes", []) if isinstance(s, dict) and "RequestPath" in s), None)
    if path is None or path.startswith(("/bench", "/healthz")) or '"Sessions"' in sql or sql in (s for _, s in seen):
        continue
    seen.append((path, sql))
for path, sql in seen:
    plan = subprocess.run(["sqlite3", sys.argv[2], "EXPLAIN QUERY PLAN " + sql], capture_output=True, text=True)
    rows = (plan.stdout + plan.stderr).strip().splitlines()[1:]
    derived = {r.strip("|-` ").split()[1] for r in rows if r.strip("|-` ").startswith(("MATERIALIZE ", "CO-ROUTINE "))}
    print(f"  {path}: {' '.join(sql.split())[:110]}…")
    for row in rows:
        step = row.strip("|-` ").split()
        full = step[:1] == ["SCAN"] and "USING" not in step and step[1] not in derived and step[1:2] != ["CONSTANT"]
        print(f"      {row}{'   <-- full table scan' if full else ''}")
PY
}
