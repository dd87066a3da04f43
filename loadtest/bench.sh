#!/usr/bin/env bash
# Side-by-side benchmarks of GE-Metrics against nginx serving the same bytes. See loadtest/README.md.
#
#   loadtest/bench.sh market     G1 items list, G2 one item, G6 poll-to-visible latency
#   loadtest/bench.sh auth       logins/s and p99; authenticated vs anonymous GET /api/v1/items/{id}
#   loadtest/bench.sh journal    flips through the API vs raw JDBC; command answer -> query visible
#   loadtest/bench.sh replay     rebuild of every query-side projection from 1,000,000 events vs raw JDBC
#   loadtest/bench.sh write      POST /api/v1/flips through the whole system vs a Spring MVC + JDBC insert
#   loadtest/bench.sh seed [--quick]  the seed's load profile as a Gatling simulation, with memory
#
# Everything runs on loopback, is bounded in time, and every process started here is stopped on
# exit. Results are also written to loadtest/target/bench/.
set -euo pipefail

usage() {
	sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
}

MODE="${1:-}"
case "$MODE" in
	market | auth | journal | replay | write | seed) ;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		usage >&2
		exit 2
		;;
esac

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

# --- settings (environment) --------------------------------------------------------------------
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
DURATION="${BENCH_DURATION:-15}"          # seconds per measured run
WARMUP="${BENCH_WARMUP:-5}"               # seconds of warm-up before each measured run
RATE_LIMIT="${BENCH_RATE_LIMIT:-on}"       # on (production, limits raised) or off
RATE_LIMIT_PER_MINUTE="${BENCH_RATE_LIMIT_PER_MINUTE:-1000000000}"
[[ "$RATE_LIMIT" == on || "$RATE_LIMIT" == off ]] || { echo "BENCH_RATE_LIMIT must be on or off" >&2; exit 2; }
ITEM_ID="${BENCH_ITEM_ID:-4151}"          # Abyssal whip
G6_SAMPLES="${BENCH_G6_SAMPLES:-5}"       # polls to measure (the poller polls /latest once a minute)
G6_TIMEOUT="${BENCH_G6_TIMEOUT:-150}"     # seconds to wait for each poll
START_TIMEOUT="${BENCH_START_TIMEOUT:-300}"
ITEMS_TIMEOUT="${BENCH_ITEMS_TIMEOUT:-240}"
PG_PORT="${BENCH_POSTGRES_PORT:-54339}"
REDIS_PORT="${BENCH_REDIS_PORT:-63809}"
STUB_PORT="${BENCH_STUB_PORT:-8099}"
COMMAND_PORT="${BENCH_COMMAND_PORT:-18081}"
QUERY_PORT="${BENCH_QUERY_PORT:-18082}"
NGINX_PORT="${BENCH_NGINX_PORT:-18090}"
VERSION=0.1.0-SNAPSHOT
DEVSTACK_JAR="devstack/target/devstack-${VERSION}-launcher.jar"

RESULTS_DIR="$ROOT/loadtest/target/bench"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/$MODE-$STAMP.txt"
WORK="$(mktemp -d /tmp/ge-bench.XXXXXX)"
chmod 755 "$WORK"

DEVSTACK_PID=""
CHILD_PIDS=""
NGINX_STARTED=""
PROBE_PID=""

log() { echo "[bench] $*" >&2; }
say() { echo "$*" | tee -a "$REPORT"; }

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	set +e
	if [[ -n "$PROBE_PID" ]] && kill -0 "$PROBE_PID" 2>/dev/null; then
		kill "$PROBE_PID" 2>/dev/null
	fi
	pkill -P $$ -x wrk 2>/dev/null
	if [[ -n "$NGINX_STARTED" && -f "$WORK/nginx/nginx.pid" ]]; then
		kill -QUIT "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null
	fi
	if [[ -n "$DEVSTACK_PID" ]] && kill -0 "$DEVSTACK_PID" 2>/dev/null; then
		log "stopping the dev stack (pid $DEVSTACK_PID)"
		kill -TERM "$DEVSTACK_PID" 2>/dev/null
		for _ in $(seq 1 90); do
			kill -0 "$DEVSTACK_PID" 2>/dev/null || break
			sleep 0.5
		done
		kill -KILL "$DEVSTACK_PID" 2>/dev/null
	fi
	# Whatever the dev stack could not stop: its children (apps, Redis) and the postmaster.
	for pid in $CHILD_PIDS; do
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	done
	if [[ -f "$WORK/pg/postmaster.pid" ]]; then
		local postmaster
		postmaster="$(head -n 1 "$WORK/pg/postmaster.pid")"
		if [[ -n "$postmaster" ]] && kill -0 "$postmaster" 2>/dev/null; then
			kill -INT "$postmaster" 2>/dev/null
			sleep 2
		fi
	fi
	if [[ -f "$WORK/devstack.log" ]]; then
		cp "$WORK/devstack.log" "$RESULTS_DIR/$MODE-$STAMP-devstack.log"
	fi
	rm -rf "$WORK"
	if [[ $status -ne 0 ]]; then
		log "failed (exit $status); dev stack log: $RESULTS_DIR/$MODE-$STAMP-devstack.log"
	fi
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools --------------------------------------------------------------------------------------
need_packages=()
if [[ "$MODE" != journal && "$MODE" != replay && "$MODE" != write ]]; then
	command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need_packages+=(nginx)
	command -v wrk >/dev/null 2>&1 || need_packages+=(wrk)
fi
command -v curl >/dev/null 2>&1 || need_packages+=(curl)
if ((${#need_packages[@]})); then
	log "installing ${need_packages[*]} (Debian packages)"
	SUDO=""
	[[ $(id -u) -ne 0 ]] && SUDO="sudo"
	if ! $SUDO apt-get install -y "${need_packages[@]}" >"$WORK/apt.log" 2>&1; then
		$SUDO apt-get update >>"$WORK/apt.log" 2>&1
		$SUDO apt-get install -y "${need_packages[@]}" >>"$WORK/apt.log" 2>&1 || {
			cat "$WORK/apt.log" >&2
			exit 1
		}
	fi
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
JAVA="java"
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && JAVA="$JAVA_HOME/bin/java"

# --- build --------------------------------------------------------------------------------------
if [[ "${BENCH_BUILD:-auto}" == "always" || ! -f "$DEVSTACK_JAR" || ! -f command-side/target/command-side-$VERSION.jar \
	|| ! -f query-side/target/query-side-$VERSION.jar || ! -f loadtest/target/loadtest-$VERSION.jar ]] \
	|| ! grep -q 'com/gemetrics/loadtest/journal/JournalBench.class' "loadtest/target/loadtest-$VERSION.jar" \
	|| ! grep -q 'com/gemetrics/loadtest/replay/ReplayBench.class' "loadtest/target/loadtest-$VERSION.jar" \
	|| ! grep -q 'com/gemetrics/loadtest/write/WriteBench.class' "loadtest/target/loadtest-$VERSION.jar"; then
	log "building (./mvnw -q -B -DskipTests install)"
	./mvnw -q -B -DskipTests install
fi
if ! ./mvnw -q -B -o -pl loadtest dependency:build-classpath -Dmdep.outputFile="$WORK/probe.classpath" >"$WORK/mvn.log" 2>&1; then
	./mvnw -q -B -pl loadtest dependency:build-classpath -Dmdep.outputFile="$WORK/probe.classpath" >"$WORK/mvn.log" 2>&1 \
		|| { cat "$WORK/mvn.log" >&2; exit 1; }
fi
# This checkout's own modules first (the local Maven repository may hold another build of them).
PROBE_CP="loadtest/target/loadtest-$VERSION.jar:shared-api/target/shared-api-$VERSION.jar:db/target/db-$VERSION.jar:$(cat "$WORK/probe.classpath")"

# --- the system, on a fresh embedded database ---------------------------------------------------
if [[ "$MODE" == journal || "$MODE" == replay || "$MODE" == write ]]; then
	say "GE-Metrics $MODE benchmark $STAMP on $(nproc) cores"
else
	say "GE-Metrics $MODE benchmark $STAMP on $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS, ${WARMUP}s warm-up + ${DURATION}s per run"
fi
log "starting the dev stack (fresh database in $WORK/pg; ports pg $PG_PORT, redis $REDIS_PORT, stub $STUB_PORT, apps $COMMAND_PORT/$QUERY_PORT)"
STACK_MODE=(--demo --perturb-prices)
# bench.sh replay starts only PostgreSQL and Redis: it writes the history itself, then runs the query side.
[[ "$MODE" == replay ]] && STACK_MODE=(--infra-only)
# bench.sh write: prices stay still, so the minute's poll adds little work beside the writes measured.
[[ "$MODE" == write ]] && STACK_MODE=(--demo)
# The production configuration: the rate limiter on, its limits raised (BENCH_RATE_LIMIT_PER_MINUTE) only so
# that one load generator does not trip them; BENCH_RATE_LIMIT=off measures without the limiter.
RATE_LIMIT_ENV=(GE_RATE_LIMIT_ENABLED=true GE_RATE_LIMIT_API_PER_MINUTE="$RATE_LIMIT_PER_MINUTE"
	GE_RATE_LIMIT_AUTH_PER_MINUTE="$RATE_LIMIT_PER_MINUTE" GE_RATE_LIMIT_DATA_PER_MINUTE="$RATE_LIMIT_PER_MINUTE"
	GE_RATE_LIMIT_UPLOAD_PER_MINUTE="$RATE_LIMIT_PER_MINUTE")
# bench.sh seed logs in many users from one address: only the per-IP limits are raised, per-user ones stay.
[[ "$MODE" == seed ]] && RATE_LIMIT_ENV=("${RATE_LIMIT_ENV[@]:0:3}")
[[ "$RATE_LIMIT" == off ]] && RATE_LIMIT_ENV=(GE_RATE_LIMIT_ENABLED=false)
say "rate limiter: $RATE_LIMIT$([[ "$RATE_LIMIT" == on ]] && echo " (limits $RATE_LIMIT_PER_MINUTE/min, sync tolerance ${GE_RATE_LIMIT_SYNC_TOLERANCE:-0.05})")"
env -u GE_DATABASE_URL -u GE_REDIS_URL -u GE_OSRS_BASE_URL GE_DEMO=true "${RATE_LIMIT_ENV[@]}" \
	"$JAVA" -jar "$DEVSTACK_JAR" --fresh --no-mail "${STACK_MODE[@]}" \
	--data-dir="$WORK/pg" --postgres-port="$PG_PORT" --redis-port="$REDIS_PORT" --stub-port="$STUB_PORT" \
	--command-port="$COMMAND_PORT" --query-port="$QUERY_PORT" --start-timeout="$START_TIMEOUT" \
	--ready-file="$WORK/ready.env" >"$WORK/devstack.log" 2>&1 &
DEVSTACK_PID=$!

deadline=$((SECONDS + START_TIMEOUT + 30))
until [[ -f "$WORK/ready.env" ]]; do
	if ! kill -0 "$DEVSTACK_PID" 2>/dev/null; then
		tail -n 40 "$WORK/devstack.log" >&2
		log "the dev stack exited before it was ready"
		exit 1
	fi
	if ((SECONDS > deadline)); then
		log "the dev stack was not ready after ${START_TIMEOUT}s"
		exit 1
	fi
	sleep 1
done
CHILD_PIDS="$(pgrep -P "$DEVSTACK_PID" | tr '\n' ' ' || true)"
# shellcheck disable=SC1091
source "$WORK/ready.env"
QUERY="http://127.0.0.1:$QUERY_PORT"
if [[ "$MODE" == replay ]]; then
	log "PostgreSQL and Redis ready"
	source "$ROOT/loadtest/bench-replay.sh"
	exit $?
fi
log "apps ready (query side $QUERY)"

# --- wait until the items API lists every item with its price ------------------------------------
EXPECTED_ITEMS="$(grep -o '"id":' devstack/src/main/resources/fixtures/osrs/mapping_2025-05-23.json | wc -l)"
EXPECTED_PRICED=4000
log "waiting for GET /api/v1/items to list all $EXPECTED_ITEMS catalogue items with prices"
items_count() { # prints: <items> <items with a high price>
	local body="$WORK/items-check.json"
	curl -sS --compressed --max-time 10 -o "$body" "$QUERY/api/v1/items" 2>/dev/null || : >"$body"
	echo "$(grep -o '"id":' "$body" | wc -l) $(grep -o '"high":[0-9]' "$body" | wc -l)"
}
deadline=$((SECONDS + ITEMS_TIMEOUT))
ITEMS_READY=""
while ((SECONDS < deadline)); do
	read -r count priced <<<"$(items_count)"
	if ((count >= EXPECTED_ITEMS && priced >= EXPECTED_PRICED)); then
		ITEMS_READY=yes
		break
	fi
	sleep 2
done
status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$QUERY/api/v1/items" || true)"
if [[ -n "$ITEMS_READY" ]]; then
	say "items API ready: $count items, $priced with prices"
else
	say "WARNING: GET /api/v1/items answered $status with ${count:-0} items (${priced:-0} priced) after ${ITEMS_TIMEOUT}s; measuring anyway"
fi

if [[ "$MODE" == auth ]]; then
	source "$ROOT/loadtest/bench-auth.sh"
	exit $?
fi
if [[ "$MODE" == journal ]]; then
	source "$ROOT/loadtest/bench-journal.sh"
	exit $?
fi
if [[ "$MODE" == write ]]; then
	source "$ROOT/loadtest/bench-write.sh"
	exit $?
fi
if [[ "$MODE" == seed ]]; then
	source "$ROOT/loadtest/bench-seed.sh"
	exit $?
fi

# --- nginx serving the same bytes ---------------------------------------------------------------
WWW="$WORK/www"
mkdir -p "$WWW" "$WORK/nginx"
fetch() { # url, file: saves the app's bytes as sent for Accept-Encoding: gzip
	curl -sS --max-time 15 -H 'Accept-Encoding: gzip' -D "$2.headers" -o "$2.body" "$1" || true
	if grep -qi '^content-encoding: *gzip' "$2.headers" 2>/dev/null; then
		mv "$2.body" "$2.gz"
		gzip -dc "$2.gz" >"$2"
	else
		mv "$2.body" "$2"
	fi
	touch "$2"
}
fetch "$QUERY/api/v1/items" "$WWW/items.json"
fetch "$QUERY/api/v1/items/$ITEM_ID" "$WWW/item.json"
# The list is always served gzip by nginx (G1 compares with a static gzip file).
[[ -f "$WWW/items.json.gz" ]] || gzip -9 -k -c "$WWW/items.json" >"$WWW/items.json.gz"
chmod -R a+rX "$WWW"
say "bytes: list $(wc -c <"$WWW/items.json") (gzip $(wc -c <"$WWW/items.json.gz")), item $ITEM_ID $(wc -c <"$WWW/item.json")$([[ -f "$WWW/item.json.gz" ]] && echo " (gzip $(wc -c <"$WWW/item.json.gz"))")"

cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_timeout 65;
	client_body_temp_path $WORK/nginx/tmp-body;
	proxy_temp_path $WORK/nginx/tmp-proxy;
	fastcgi_temp_path $WORK/nginx/tmp-fastcgi;
	uwsgi_temp_path $WORK/nginx/tmp-uwsgi;
	scgi_temp_path $WORK/nginx/tmp-scgi;
	default_type application/json;
	gzip off;
	gzip_static on;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		location = /api/v1/items { alias $WWW/items.json; }
		location = /api/v1/items/$ITEM_ID { alias $WWW/item.json; }
	}
}
EOF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx/" -g 'daemon on;'
NGINX_STARTED=yes
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
nginx_encoding="$(curl -sS -o /dev/null -D - -H 'Accept-Encoding: gzip' "$NGINX_URL/api/v1/items" | grep -i '^content-encoding' | tr -d '\r' || true)"
log "nginx on $NGINX_URL (list ${nginx_encoding:-identity})"

# --- G1 and G2 ----------------------------------------------------------------------------------
to_ms() { # wrk latency (e.g. 1.23ms, 450.00us, 1.02s) -> milliseconds
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n = n / 1000; else if (u == "s") n = n * 1000; else if (u == "m") n = n * 60000
		printf "%.2f", n }'
}
declare -A RPS P50 P99 ERRS
run_wrk() { # name, url
	local name="$1" url="$2" out="$WORK/wrk-$1.txt"
	timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H 'Accept-Encoding: gzip' "$url" >/dev/null 2>&1 || true
	timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H 'Accept-Encoding: gzip' "$url" >"$out" 2>&1 || true
	RPS[$name]="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
	P50[$name]="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
	P99[$name]="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
	ERRS[$name]="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
	ERRS[$name]="${ERRS[$name]:-0}"
	say "$(printf '%-12s %-44s %10s req/s  p50 %8s ms  p99 %8s ms  non-2xx %s' "$name" "$url" "${RPS[$name]:-n/a}" "${P50[$name]}" "${P99[$name]}" "${ERRS[$name]}")"
}
say ""
say "G1  GET /api/v1/items (Accept-Encoding: gzip)"
run_wrk g1-app "$QUERY/api/v1/items"
run_wrk g1-nginx "$NGINX_URL/api/v1/items"
say "G2  GET /api/v1/items/$ITEM_ID"
run_wrk g2-app "$QUERY/api/v1/items/$ITEM_ID"
run_wrk g2-nginx "$NGINX_URL/api/v1/items/$ITEM_ID"

ratio() { # app, nginx
	local app="${RPS[$1]:-}" ref="${RPS[$2]:-}"
	if [[ -z "$app" || -z "$ref" || "${ERRS[$1]}" != "0" ]]; then
		echo "n/a"
	else
		awk -v a="$app" -v n="$ref" 'BEGIN { if (n > 0) printf "%.2f", a / n; else print "n/a" }'
	fi
}
RATIO_LIST="$(ratio g1-app g1-nginx)"
RATIO_ONE="$(ratio g2-app g2-nginx)"

# --- G6 -----------------------------------------------------------------------------------------
say ""
say "G6  /latest poll of all fixture items -> Redis list ETag updated ($G6_SAMPLES polls; the poller polls about once a minute)"
"$JAVA" -cp "$PROBE_CP" com.gemetrics.loadtest.PollVisibilityProbe \
	--jdbc-url="$GE_DATABASE_URL" --user="$GE_DATABASE_USERNAME" --password="$GE_DATABASE_PASSWORD" \
	--query-url="$QUERY" --stub-url="http://127.0.0.1:$STUB_PORT" \
	--redis-host=127.0.0.1 --redis-port="$REDIS_PORT" \
	--redis-etag-key="${GE_REDIS_KEY_PREFIX:-ge:}items:etag" --redis-list-key="${GE_REDIS_KEY_PREFIX:-ge:}items:list.json.gz" \
	--samples="$G6_SAMPLES" --timeout-per-sample="$G6_TIMEOUT" >"$WORK/g6.txt" 2>&1 &
PROBE_PID=$!
wait "$PROBE_PID" || true
PROBE_PID=""
grep -E '^(g6|poll_visible_source)' "$WORK/g6.txt" | tee -a "$REPORT" || true
grep -vE '^(g6|poll_visible)' "$WORK/g6.txt" >&2 || true
G6_P99="$(awk '$1 == "poll_visible_ms" && $2 == "p99" {print $3}' "$WORK/g6.txt")"

say ""
say "ratio items_list $RATIO_LIST"
say "ratio item_one $RATIO_ONE"
say "poll_visible_ms p99 ${G6_P99:-n/a}"
log "report: $REPORT"
if [[ "$RATIO_LIST" == "n/a" || "$RATIO_ONE" == "n/a" || -z "$G6_P99" || "$G6_P99" == "n/a" ]]; then
	exit 1
fi
