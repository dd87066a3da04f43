# Sourced by bench.sh for `bench.sh write`, once the system is up and the catalogue is synced
# (QUERY, COMMAND_PORT, WORK, PROBE_CP, JAVA, ITEM_ID, DEVSTACK_PID, GE_DATABASE_* from the dev
# stack, say and log are set). The write path of the whole system against the plainest CRUD write:
#   - flip: POST /api/v1/flips on the command side in its production configuration (security chain,
#     rate limiter on unless BENCH_RATE_LIMIT=off, secrets set, Axon), the query side projecting;
#   - crud: com.gemetrics.loadtest.write.CrudBaseline (this module), started here as its own process:
#     Spring MVC validating the same JSON and inserting one row with JdbcTemplate into the same
#     PostgreSQL.
# com.gemetrics.loadtest.write.WriteBench drives both with the same closed-loop load (16 connections,
# the bearer tokens of 8 registered users in rotation), and reads the CPU time of every process.

COMMAND="http://127.0.0.1:$COMMAND_PORT"
W_CONNECTIONS="${BENCH_WRITE_CONNECTIONS:-16}"
W_USERS="${BENCH_WRITE_USERS:-8}"
W_BASELINE_PORT="${BENCH_WRITE_BASELINE_PORT:-18093}"
W_JFR_DIR="${BENCH_WRITE_JFR:-}"   # a directory: flight recordings of both apps during the flip run

listening_pid() { # port -> the process listening on it (the apps' jars may be anywhere)
	ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true
}
W_COMMAND_PID="$(listening_pid "$COMMAND_PORT")"
W_QUERY_PID="$(listening_pid "$QUERY_PORT")"
W_POSTGRES_PID="$(head -n 1 "$WORK/pg/postmaster.pid")"
if [[ -z "$W_COMMAND_PID" || -z "$W_QUERY_PID" || -z "$W_POSTGRES_PID" ]]; then
	log "could not find the processes to measure (command '$W_COMMAND_PID', query '$W_QUERY_PID', postgres '$W_POSTGRES_PID')"
	exit 1
fi

log "starting the CRUD baseline on port $W_BASELINE_PORT"
"$JAVA" -cp "$PROBE_CP" com.gemetrics.loadtest.write.CrudBaseline --server.address=127.0.0.1 \
	--server.port="$W_BASELINE_PORT" --spring.datasource.url="$GE_DATABASE_URL" \
	--spring.datasource.username="$GE_DATABASE_USERNAME" --spring.datasource.password="${GE_DATABASE_PASSWORD:-}" \
	>"$WORK/baseline.log" 2>&1 &
W_BASELINE_PID=$!
CHILD_PIDS="$CHILD_PIDS $W_BASELINE_PID"
deadline=$((SECONDS + 120))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' \
	"http://127.0.0.1:$W_BASELINE_PORT/api/v1/flips" 2>/dev/null)" == 400 ]]; do
	if ! kill -0 "$W_BASELINE_PID" 2>/dev/null || ((SECONDS > deadline)); then
		tail -n 40 "$WORK/baseline.log" >&2
		log "the CRUD baseline did not start"
		exit 1
	fi
	sleep 1
done

[[ -n "$W_JFR_DIR" ]] && mkdir -p "$W_JFR_DIR"
say ""
say "Write  $("$JAVA" -version 2>&1 | head -n 1); $W_CONNECTIONS connections, $W_USERS users, ${WARMUP}s warm-up + ${DURATION}s per run; item $ITEM_ID"
say "pids: command $W_COMMAND_PID, query $W_QUERY_PID, postgres $W_POSTGRES_PID, baseline $W_BASELINE_PID"
timeout $((300 + 4 * (WARMUP + DURATION))) "$JAVA" -cp "$PROBE_CP" com.gemetrics.loadtest.write.WriteBench \
	--command-url="$COMMAND" --query-url="$QUERY" --baseline-url="http://127.0.0.1:$W_BASELINE_PORT" \
	--connections="$W_CONNECTIONS" --users="$W_USERS" --warmup="$WARMUP" --duration="$DURATION" \
	--item-id="$ITEM_ID" --clock-ticks="$(getconf CLK_TCK)" --jfr-dir="$W_JFR_DIR" \
	--command-pid="$W_COMMAND_PID" --query-pid="$W_QUERY_PID" --postgres-pid="$W_POSTGRES_PID" \
	--baseline-pid="$W_BASELINE_PID" >"$WORK/write.txt" 2>"$WORK/write.err" &
PROBE_PID=$!
write_status=0
wait "$PROBE_PID" || write_status=$?
PROBE_PID=""
kill -TERM "$W_BASELINE_PID" 2>/dev/null || true
cat "$WORK/write.err" >&2
while IFS= read -r line; do
	say "$line"
done <"$WORK/write.txt"
log "report: $REPORT"
if ((write_status != 0)); then
	log "the write benchmark ended with status $write_status (a figure is missing; see above)"
	exit 1
fi
