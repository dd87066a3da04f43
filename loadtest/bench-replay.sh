# Sourced by bench.sh for `bench.sh replay`, once the dev stack's PostgreSQL and Redis are up (the
# apps are not started; GE_DATABASE_URL/USERNAME/PASSWORD, GE_REDIS_URL and GE_INTERNAL_TOKEN come
# from the dev stack; QUERY_PORT, WORK, PROBE_CP, JAVA, VERSION, say and log are set). Runs, in one
# database and one run:
#   1. com.gemetrics.loadtest.replay.ReplayBench generate: Flyway, then a generated history of
#      BENCH_REPLAY_EVENTS events written with COPY (the real event records, Axon's Jackson
#      serializer), in production's proportions (price events first);
#   2. the query-side jar on that database with no tokens: every tracking processor rebuilds its
#      projection from the first event; ReplayBench await times it from the first token written
#      until every processor's lowest segment is at the head: `replay events_per_s`;
#   3. the query side stopped, ReplayBench baseline: plain JDBC reads the same events and
#      batch-inserts the same rows into copies of the read tables: `baseline events_per_s`;
#   4. `ratio replay` = replay ÷ baseline.

R_EVENTS="${BENCH_REPLAY_EVENTS:-1000000}"
R_TIMEOUT="${BENCH_REPLAY_TIMEOUT:-1800}"
R_PROCESSORS="${BENCH_REPLAY_PROCESSORS:-items,price-history,users,watchlist,subscriptions,journal,rollups}"
QUERY_JAR="query-side/target/query-side-$VERSION.jar"
QUERY_SIDE_PID=""

stop_query_side() {
	if [[ -n "$QUERY_SIDE_PID" ]] && kill -0 "$QUERY_SIDE_PID" 2>/dev/null; then
		kill -TERM "$QUERY_SIDE_PID" 2>/dev/null
		for _ in $(seq 1 60); do
			kill -0 "$QUERY_SIDE_PID" 2>/dev/null || break
			sleep 0.5
		done
		kill -KILL "$QUERY_SIDE_PID" 2>/dev/null || true
	fi
	QUERY_SIDE_PID=""
}

say ""
say "Replay  $R_EVENTS generated events; processors $R_PROCESSORS"
log "generating the history"
timeout 1200 "$JAVA" -cp "$PROBE_CP" com.gemetrics.loadtest.replay.ReplayBench generate \
	--jdbc-url="$GE_DATABASE_URL" --user="$GE_DATABASE_USERNAME" --password="${GE_DATABASE_PASSWORD:-}" \
	--events="$R_EVENTS" >"$WORK/generate.txt" 2>"$WORK/generate.err" || {
	cat "$WORK/generate.err" >&2
	exit 1
}
# Flyway logs (and prints the result tables of its SELECTs) to standard output: only the
# generator's own lines go to the report.
grep -vE '^([0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]+ \[|[|+]|$)' "$WORK/generate.txt" >"$WORK/generate.report" || true
while IFS= read -r line; do say "$line"; done <"$WORK/generate.report"

log "starting the query side on the history (fresh tokens): every projection rebuilds"
env GE_DATABASE_URL="$GE_DATABASE_URL" GE_DATABASE_USERNAME="$GE_DATABASE_USERNAME" \
	GE_DATABASE_PASSWORD="${GE_DATABASE_PASSWORD:-}" GE_REDIS_URL="$GE_REDIS_URL" \
	GE_INTERNAL_TOKEN="${GE_INTERNAL_TOKEN:-bench-internal-token}" \
	GE_AUTH_KEY_SECRET="${GE_AUTH_KEY_SECRET:-bench-replay-key-encryption-secret-not-for-production}" SERVER_PORT="$QUERY_PORT" SERVER_ADDRESS=127.0.0.1 \
	GE_COMMAND_SIDE_URL="http://127.0.0.1:9" GE_JWKS_URL="http://127.0.0.1:9/.well-known/jwks.json" \
	GE_PRICE_HISTORY_BACKFILL_ENABLED=false AXONIQ_UPDATE_CHECKER_DISABLED=true GE_LOG_FORMAT="${GE_LOG_FORMAT:-}" \
	"$JAVA" ${GE_DEVSTACK_JAVA_OPTS:-} -jar "$QUERY_JAR" >"$WORK/query-side.log" 2>&1 &
QUERY_SIDE_PID=$!
CHILD_PIDS="$CHILD_PIDS $QUERY_SIDE_PID"
replay_status=0
timeout $((R_TIMEOUT + 120)) "$JAVA" -cp "$PROBE_CP" com.gemetrics.loadtest.replay.ReplayBench await \
	--jdbc-url="$GE_DATABASE_URL" --user="$GE_DATABASE_USERNAME" --password="${GE_DATABASE_PASSWORD:-}" \
	--processors="$R_PROCESSORS" --timeout="$R_TIMEOUT" >"$WORK/replay.txt" 2>"$WORK/replay.err" &
AWAIT_PID=$!
# A query side that exits (a refused secret, a crash) ends the wait at once instead of at the timeout.
while kill -0 "$AWAIT_PID" 2>/dev/null; do
	if ! kill -0 "$QUERY_SIDE_PID" 2>/dev/null; then
		kill "$AWAIT_PID" 2>/dev/null || true
		tail -n 20 "$WORK/query-side.log" >&2
		log "the query side exited during the replay"
		break
	fi
	sleep 1
done
wait "$AWAIT_PID" || replay_status=$?
cat "$WORK/replay.err" >&2
while IFS= read -r line; do say "$line"; done <"$WORK/replay.txt"
cp "$WORK/query-side.log" "$RESULTS_DIR/$MODE-$STAMP-query-side.log" 2>/dev/null || true
stop_query_side

log "raw JDBC baseline over the same events"
baseline_status=0
timeout "$R_TIMEOUT" "$JAVA" -cp "$PROBE_CP" com.gemetrics.loadtest.replay.ReplayBench baseline \
	--jdbc-url="$GE_DATABASE_URL" --user="$GE_DATABASE_USERNAME" --password="${GE_DATABASE_PASSWORD:-}" \
	>"$WORK/baseline.txt" 2>"$WORK/baseline.err" || baseline_status=$?
cat "$WORK/baseline.err" >&2
while IFS= read -r line; do say "$line"; done <"$WORK/baseline.txt"

REPLAY_RATE="$(awk '$1 == "replay" && $2 == "events_per_s" {print $3}' "$WORK/replay.txt")"
BASELINE_RATE="$(awk '$1 == "baseline" && $2 == "events_per_s" {print $3}' "$WORK/baseline.txt")"
RATIO="$(awk -v a="$REPLAY_RATE" -v b="$BASELINE_RATE" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "n/a" }')"
say ""
say "replay events_per_s ${REPLAY_RATE:-n/a}"
say "baseline events_per_s ${BASELINE_RATE:-n/a}"
say "ratio replay $RATIO"
log "report: $REPORT"
if ((replay_status != 0 || baseline_status != 0)) || [[ "$RATIO" == "n/a" ]]; then
	exit 1
fi
