# Sourced by bench.sh for `bench.sh journal`, once the system is up and the catalogue is synced
# (QUERY, COMMAND_PORT, WORK, PROBE_CP, JAVA, GE_DATABASE_* from the dev stack, say and log are
# set). Runs com.gemetrics.loadtest.journal.JournalBench (this module) in one JVM:
#   - ratio flip_write: POST /api/v1/flips through the command side, one registered and logged-in
#     user per client, against plain JDBC inserting the same event rows into domain_event_entry
#     (one commit each), same number of threads, same bounds, same database;
#   - visible_ms: from the command's 201 until GET /api/v1/flips/{id} on the query side answers
#     200, idle (one client, one flip after another) and while the API writes run.
# Rate limits are off in this run (GE_RATE_LIMIT_ENABLED=false).

COMMAND="http://127.0.0.1:$COMMAND_PORT"
J_CLIENTS="${BENCH_JOURNAL_CLIENTS:-32}"
J_FLIPS="${BENCH_JOURNAL_FLIPS:-20000}"
J_DURATION="${BENCH_JOURNAL_DURATION:-20}"
J_WARMUP="${BENCH_JOURNAL_WARMUP:-5}"
J_IDLE_SAMPLES="${BENCH_JOURNAL_IDLE_SAMPLES:-100}"
J_LOAD_SAMPLES="${BENCH_JOURNAL_LOAD_SAMPLES:-2000}"
J_POLL_MS="${BENCH_JOURNAL_POLL_MS:-2}"
J_VISIBLE_TIMEOUT_MS="${BENCH_JOURNAL_VISIBLE_TIMEOUT_MS:-5000}"
J_VISIBLE_MODE="${BENCH_JOURNAL_VISIBLE_MODE:-poll}"
J_RAW_PAYLOAD_TYPE="${BENCH_JOURNAL_RAW_PAYLOAD_TYPE:-bench}"
# Registration, warm-ups, both measured runs and the idle samples, with room to spare.
J_TIMEOUT=$((300 + 2 * (J_WARMUP + J_DURATION) + J_IDLE_SAMPLES * 2 + J_VISIBLE_TIMEOUT_MS / 1000))

say ""
say "Journal  $J_CLIENTS clients, up to $J_FLIPS flips or ${J_DURATION}s per run after ${J_WARMUP}s warm-up; item $ITEM_ID; visibility by $J_VISIBLE_MODE every ${J_POLL_MS} ms"
timeout "$J_TIMEOUT" "$JAVA" -cp "$PROBE_CP" com.gemetrics.loadtest.journal.JournalBench \
	--command-url="$COMMAND" --query-url="$QUERY" \
	--jdbc-url="$GE_DATABASE_URL" --user="$GE_DATABASE_USERNAME" --password="${GE_DATABASE_PASSWORD:-}" \
	--clients="$J_CLIENTS" --flips="$J_FLIPS" --duration="$J_DURATION" --warmup="$J_WARMUP" \
	--item-id="$ITEM_ID" --idle-samples="$J_IDLE_SAMPLES" --load-samples="$J_LOAD_SAMPLES" \
	--poll-ms="$J_POLL_MS" --visible-timeout-ms="$J_VISIBLE_TIMEOUT_MS" --visible-mode="$J_VISIBLE_MODE" \
	--raw-payload-type="$J_RAW_PAYLOAD_TYPE" >"$WORK/journal.txt" 2>"$WORK/journal.err" &
PROBE_PID=$!
journal_status=0
wait "$PROBE_PID" || journal_status=$?
PROBE_PID=""
cat "$WORK/journal.err" >&2
say ""
while IFS= read -r line; do
	say "$line"
done <"$WORK/journal.txt"
log "report: $REPORT"
if ((journal_status != 0)); then
	log "the journal benchmark ended with status $journal_status (a figure is missing; see above)"
	exit 1
fi
