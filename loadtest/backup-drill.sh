#!/usr/bin/env bash
# Backup and point-in-time recovery drill. See docs/runbook.md ("Restore to a point in time") and
# docs/reliability.md ("Backup and recovery").
#
#   loadtest/backup-drill.sh
#
# On loopback ports of its own, never touching the machine's PostgreSQL (5432) or Redis (6379):
#  1. a primary PostgreSQL 15 cluster with WAL archiving (archive_timeout bounds the RPO), its own
#     Redis, the OSRS stub and both apps; a base backup (pg_basebackup) of the empty system;
#  2. activity through the API: users registered, verified and logged in, flips opened, sales
#     recorded, items watched, a price history imported; then a target time T, the query side's
#     answers as of T saved; then more writes, every acknowledged one logged with its time;
#  3. the loss: the primary stopped with -m immediate while writes run, its data directory deleted;
#  4. the restore (RTO clock running): the base backup into a second cluster, WAL replayed from the
#     archive up to T, Redis flushed, the apps started on it, every query-side projection rebuilt by
#     replay; done when the answers equal those saved at T. Writes after T must be absent;
#  5. the RPO: the base backup restored once more, to the end of the archive, in a third cluster:
#     which acknowledged writes made before the loss survived.
# Bounded in time (DRILL_MAX_SECONDS); every process started here is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

# --- settings (environment) --------------------------------------------------------------------
PRIMARY_PORT="${DRILL_PRIMARY_PORT:-55442}"
RESTORE_PORT="${DRILL_RESTORE_PORT:-55443}"
LATEST_PORT="${DRILL_LATEST_PORT:-55444}"
REDIS_PORT="${DRILL_REDIS_PORT:-56389}"
STUB_PORT="${DRILL_STUB_PORT:-56089}"
COMMAND_PORT="${DRILL_COMMAND_PORT:-56081}"
QUERY_PORT="${DRILL_QUERY_PORT:-56082}"
USERS="${DRILL_USERS:-4}"
BEFORE_ROUNDS="${DRILL_BEFORE_ROUNDS:-6}"        # rounds of writes per user before T
AFTER_SECONDS="${DRILL_AFTER_SECONDS:-25}"       # seconds of writes after T, until the loss
ARCHIVE_TIMEOUT="${DRILL_ARCHIVE_TIMEOUT:-10}"   # seconds: the longest a written WAL waits to be archived
START_TIMEOUT="${DRILL_START_TIMEOUT:-600}"      # seconds for each app to become ready
REPLAY_TIMEOUT="${DRILL_REPLAY_TIMEOUT:-300}"    # seconds for the rebuilt projections to answer as at T
MAX_SECONDS="${DRILL_MAX_SECONDS:-2700}"         # the whole drill
PGBIN="${DRILL_PGBIN:-/usr/lib/postgresql/15/bin}"
DATABASE=gemetrics
VERSION=0.1.0-SNAPSHOT
COMMAND_JAR="command-side/target/command-side-$VERSION.jar"
QUERY_JAR="query-side/target/query-side-$VERSION.jar"
DEVSTACK_JAR="devstack/target/devstack-$VERSION-launcher.jar"
# The query side's tracking processors: the rebuild resets exactly these (docs/runbook.md).
QUERY_PROCESSORS="${DRILL_QUERY_PROCESSORS:-items price-history users watchlist journal}"
ITEMS=(4151 11802 560 565 2 1513 5295)
HISTORY_ITEM=8778                                # the stub serves /timeseries for this item only
PASSWORD="drill-Password-$RANDOM-x"

RESULTS_DIR="$ROOT/loadtest/target/drill"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/backup-$STAMP.txt"
WORK="$(mktemp -d /tmp/ge-drill.XXXXXX)"
chmod 755 "$WORK"
PGWORK="$WORK/pg" # PostgreSQL's own: clusters, sockets, logs, the base backup and the WAL archive
ARCHIVE="$PGWORK/wal-archive"
BASE="$PGWORK/base-backup"

COMMAND_PID=""
QUERY_PID=""
STUB_PID=""
WRITER_PID=""
WATCHDOG_PID=""
REDIS_STARTED=""
CLUSTERS=()

log() { echo "[drill $(date -u +%H:%M:%S)] $*" >&2; }
say() { echo "$*" | tee -a "$REPORT"; }
fail() {
	log "FAILED: $*"
	exit 1
}
now_ms() { date +%s%3N; }

# PostgreSQL refuses to run as root: run its programs as the postgres user then.
as_pg() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
sql() { # sql <port> <statement>: one value per line, fields separated by |
	psql -h 127.0.0.1 -p "$1" -U postgres -d "$DATABASE" -XAtq -v ON_ERROR_STOP=1 -c "$2"
}

stop_pid() { # stop_pid <pid> <grace seconds>: SIGTERM, then SIGKILL
	local pid="$1"
	[[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 $(($2 * 2))); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.5
	done
	kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	set +e
	[[ -n "$WATCHDOG_PID" ]] && kill "$WATCHDOG_PID" 2>/dev/null
	stop_pid "$WRITER_PID" 2
	stop_pid "$COMMAND_PID" 20 &
	stop_pid "$QUERY_PID" 20 &
	wait "$!" 2>/dev/null
	stop_pid "$STUB_PID" 10
	for dir in "${CLUSTERS[@]}"; do
		if [[ -f "$dir/postmaster.pid" ]]; then
			as_pg "$PGBIN/pg_ctl" -D "$dir" -m immediate -w -t 30 stop >/dev/null 2>&1
		fi
	done
	if [[ -n "$REDIS_STARTED" && -f "$WORK/redis.pid" ]]; then
		stop_pid "$(cat "$WORK/redis.pid")" 5
	fi
	for f in "$WORK"/*.log "$PGWORK"/*.log; do
		[[ -f "$f" ]] && cp "$f" "$RESULTS_DIR/backup-$STAMP-$(basename "$f")"
	done
	rm -rf "$WORK"
	if [[ $status -ne 0 ]]; then
		log "failed (exit $status); logs: $RESULTS_DIR/backup-$STAMP-*.log"
	fi
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
(
	sleep "$MAX_SECONDS"
	echo "[drill] over DRILL_MAX_SECONDS=$MAX_SECONDS: stopping" >&2
	kill -TERM $$
) &
WATCHDOG_PID=$!

# --- checks and build ---------------------------------------------------------------------------
for tool in curl jq psql redis-server redis-cli openssl; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (Debian: postgresql-client, redis, curl, jq, openssl)"
done
[[ -x "$PGBIN/initdb" ]] || fail "no PostgreSQL 15 server programs in $PGBIN (DRILL_PGBIN)"
for port in "$PRIMARY_PORT" "$RESTORE_PORT" "$LATEST_PORT" "$REDIS_PORT" "$STUB_PORT" "$COMMAND_PORT" "$QUERY_PORT"; do
	if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
		fail "port $port is in use; choose others with the DRILL_*_PORT variables"
	fi
done
JAVA="java"
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && JAVA="$JAVA_HOME/bin/java"
if [[ "${DRILL_BUILD:-auto}" == always || ! -f "$COMMAND_JAR" || ! -f "$QUERY_JAR" || ! -f "$DEVSTACK_JAR" ]]; then
	log "building (./mvnw -B -q -DskipTests -pl command-side,query-side,db -am package)"
	./mvnw -B -q -DskipTests -pl command-side,query-side,db -am package
fi
mkdir -p "$ARCHIVE" "$BASE"
[[ $(id -u) -eq 0 ]] && chown -R postgres "$PGWORK"

# The secrets are part of the recovery kit: the restored apps need the same key-encryption
# secret to read the signing keys in the restored database.
KEY_SECRET="$(openssl rand -hex 32)"
INTERNAL_TOKEN="$(openssl rand -hex 24)"

# --- PostgreSQL clusters --------------------------------------------------------------------
start_cluster() { # start_cluster <dir> <port>
	as_pg "$PGBIN/pg_ctl" -D "$1" -l "$PGWORK/pg-$2.log" -w -t 120 start >/dev/null \
		|| {
			tail -n 30 "$PGWORK/pg-$2.log" >&2
			fail "PostgreSQL on port $2 did not start"
		}
}

init_primary() {
	local dir="$PGWORK/primary"
	CLUSTERS+=("$dir")
	# 1 MB WAL segments: each forced switch archives 1 MB, not 16.
	as_pg "$PGBIN/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C --wal-segsize=1 >"$WORK/initdb.log" 2>&1 \
		|| fail "initdb failed: $(tail -n 3 "$WORK/initdb.log")"
	cat >>"$dir/postgresql.conf" <<-EOF
		listen_addresses = '127.0.0.1'
		port = $PRIMARY_PORT
		unix_socket_directories = '$PGWORK'
		max_connections = 100
		shared_buffers = 64MB
		wal_level = replica
		archive_mode = on
		archive_command = 'test ! -f $ARCHIVE/%f && cp %p $ARCHIVE/%f.part && mv $ARCHIVE/%f.part $ARCHIVE/%f'
		archive_timeout = $ARCHIVE_TIMEOUT
	EOF
	start_cluster "$dir" "$PRIMARY_PORT"
	psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -XAtq -c "CREATE DATABASE $DATABASE" >/dev/null
}

# restore_cluster <dir> <port> [target time]: the base backup, then the archive's WAL up to the
# target (or to its end), promoted at the end.
restore_cluster() {
	local dir="$1" port="$2" target="${3:-}"
	CLUSTERS+=("$dir")
	mkdir -p "$dir"
	chmod 700 "$dir"
	[[ $(id -u) -eq 0 ]] && chown postgres "$dir"
	tar -xzf "$BASE/base.tar.gz" -C "$dir"
	tar -xzf "$BASE/pg_wal.tar.gz" -C "$dir/pg_wal"
	[[ $(id -u) -eq 0 ]] && chown -R postgres "$dir"
	{
		echo "port = $port"
		echo "archive_mode = off"
		echo "restore_command = 'cp $ARCHIVE/%f %p'"
		if [[ -n "$target" ]]; then
			echo "recovery_target_time = '$target'"
			echo "recovery_target_action = 'promote'"
		fi
	} | as_pg tee -a "$dir/postgresql.auto.conf" >/dev/null
	as_pg touch "$dir/recovery.signal"
	start_cluster "$dir" "$port"
	local deadline=$((SECONDS + 300))
	until [[ "$(sql "$port" 'SELECT pg_is_in_recovery()' 2>/dev/null)" == f ]]; do
		((SECONDS < deadline)) || fail "the cluster on port $port did not finish recovery"
		sleep 0.2
	done
}

# --- apps ---------------------------------------------------------------------------------------
COMMAND="http://127.0.0.1:$COMMAND_PORT"
QUERY="http://127.0.0.1:$QUERY_PORT"

start_app() { # start_app <name> <jar> <port> <pg port> <poller enabled>: prints the pid
	env AXONIQ_UPDATE_CHECKER_DISABLED=true SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$3" \
		GE_DATABASE_URL="jdbc:postgresql://127.0.0.1:$4/$DATABASE" GE_DATABASE_USERNAME=postgres GE_DATABASE_PASSWORD= \
		GE_DATABASE_POOL_SIZE=8 GE_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" GE_OSRS_BASE_URL="http://127.0.0.1:$STUB_PORT" \
		GE_COMMAND_SIDE_URL="$COMMAND" GE_JWKS_URL="$COMMAND/.well-known/jwks.json" \
		GE_AUTH_KEY_SECRET="$KEY_SECRET" GE_INTERNAL_TOKEN="$INTERNAL_TOKEN" GE_STRIPE_ENABLED=false GE_RATE_LIMIT_ENABLED=false \
		GE_POLLER_ENABLED="$5" SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=9 GE_MAIL_RETRY_DELAY=30m \
		"$JAVA" -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Daxoniq.update-checker.disabled=true \
		-Ddisable-axoniq-console-message=true -jar "$2" >>"$WORK/$1.log" 2>&1 &
	echo $!
}

await_ready() { # await_ready <name> <url> <pid>
	local deadline=$((SECONDS + START_TIMEOUT))
	until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$2/health/ready" || true)" == 200 ]]; do
		kill -0 "$3" 2>/dev/null || {
			tail -n 40 "$WORK/$1.log" >&2
			fail "$1 exited before it was ready"
		}
		((SECONDS < deadline)) || fail "$1 not ready after ${START_TIMEOUT}s"
		sleep 0.5
	done
}

start_apps() { # start_apps <pg port> <poller enabled>
	COMMAND_PID="$(start_app command "$COMMAND_JAR" "$COMMAND_PORT" "$1" "$2")"
	QUERY_PID="$(start_app query "$QUERY_JAR" "$QUERY_PORT" "$1" "$2")"
	await_ready command "$COMMAND" "$COMMAND_PID"
	await_ready query "$QUERY" "$QUERY_PID"
}

stop_apps() {
	stop_pid "$COMMAND_PID" 20 &
	local stopper=$!
	stop_pid "$QUERY_PID" 20
	wait "$stopper"
	COMMAND_PID=""
	QUERY_PID=""
}

# --- API calls ------------------------------------------------------------------------------
api() { # api <METHOD> <url> <bearer or -> [json body]: prints "<status> <body>"
	local out status
	out="$(mktemp "$WORK/answer.XXXXXX")"
	local args=(-sS --max-time 30 -o "$out" -w '%{http_code}' -X "$1" "$2")
	[[ "$3" != - ]] && args+=(-H "Authorization: Bearer $3")
	[[ $# -ge 4 ]] && args+=(-H 'Content-Type: application/json' --data "$4")
	status="$(curl "${args[@]}" 2>/dev/null)" || true
	echo "${status:-000} $(cat "$out")"
	rm -f "$out"
}

iso() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }

declare -a EMAILS TOKENS
register_user() { # register_user <index>: registers, verifies (link from the mail outbox), logs in
	local email="drill-$STAMP-$1@example.test" answer status token
	answer="$(api POST "$COMMAND/api/v1/auth/register" - \
		"{\"email\":\"$email\",\"password\":\"$PASSWORD\",\"displayName\":\"Drill $1\"}")"
	[[ "${answer%% *}" == 201 ]] || fail "register answered $answer"
	# The mail cannot be delivered (SMTP points at a closed port), so it waits in the outbox.
	token="$(sql "$PRIMARY_PORT" "SELECT body FROM auth.mail_outbox WHERE recipient = '$email' ORDER BY id DESC LIMIT 1" \
		| grep -o 'token=[^[:space:]]*' | head -n 1 | cut -d= -f2)"
	[[ -n "$token" ]] || fail "no verification mail for $email in auth.mail_outbox"
	# The link works only for the account's own session; a login after it carries the granted role.
	answer="$(api POST "$COMMAND/api/v1/auth/verify-email" "$(login "$email")" "{\"token\":\"$token\"}")"
	[[ "${answer%% *}" == 204 ]] || fail "verify-email answered $answer"
	EMAILS[$1]="$email"
	TOKENS[$1]="$(login "$email")"
}

login() { # login <email>: prints the access token. A 503 (login throttle without Redis) is retried.
	local answer attempt
	for attempt in 1 2 3 4 5; do
		answer="$(api POST "$COMMAND/api/v1/auth/login" - "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}")"
		[[ "${answer%% *}" == 200 ]] && break
		log "login answered ${answer:0:200} (attempt $attempt)"
		sleep 2
	done
	[[ "${answer%% *}" == 200 ]] || fail "login answered $answer"
	jq -r .accessToken <<<"${answer#* }"
}

open_flip() { # open_flip <bearer> <item> <quantity> <price>: prints the flip id, or fails
	local answer
	answer="$(api POST "$COMMAND/api/v1/flips" "$1" \
		"{\"itemId\":$2,\"quantity\":$3,\"price\":$4,\"boughtAt\":\"$(iso '-3 hours')\"}")"
	[[ "${answer%% *}" == 201 ]] || return 1
	jq -r .id <<<"${answer#* }"
}

# --- the drill ------------------------------------------------------------------------------
say "GE-Metrics backup drill $STAMP on $(nproc) cores; archive_timeout ${ARCHIVE_TIMEOUT}s"
log "primary PostgreSQL on 127.0.0.1:$PRIMARY_PORT (WAL archive $ARCHIVE)"
init_primary
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
	--pidfile "$WORK/redis.pid" --dir "$WORK" --logfile "$WORK/redis.log" >/dev/null
REDIS_STARTED=yes
log "OSRS stub on 127.0.0.1:$STUB_PORT"
GE_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/$DATABASE" GE_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
	"$JAVA" -jar "$DEVSTACK_JAR" --infra-only --demo --no-mail --stub-port="$STUB_PORT" --ready-file="$WORK/stub.ready" \
	>"$WORK/stub.log" 2>&1 &
STUB_PID=$!
deadline=$((SECONDS + 120))
until [[ -f "$WORK/stub.ready" ]]; do
	kill -0 "$STUB_PID" 2>/dev/null || fail "the OSRS stub exited: $(tail -n 5 "$WORK/stub.log")"
	((SECONDS < deadline)) || fail "the OSRS stub did not start"
	sleep 0.5
done

log "base backup (pg_basebackup, tar, gzip) of the primary"
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$BASE" -Ft -z -X stream -c fast \
	>"$WORK/basebackup.log" 2>&1 || fail "pg_basebackup failed: $(tail -n 5 "$WORK/basebackup.log")"
BASE_BACKUP_BYTES="$(du -sb "$BASE" | cut -f1)"

log "starting the apps on the primary"
start_apps "$PRIMARY_PORT" true
log "waiting for the catalogue and prices (first polls)"
deadline=$((SECONDS + 180))
until [[ "$(curl -s --max-time 5 "$QUERY/api/v1/items/4151" | jq -r '.high // empty' 2>/dev/null)" =~ ^[0-9]+$ ]]; do
	((SECONDS < deadline)) || fail "no price for item 4151 after 180 s"
	sleep 1
done

# Activity before T.
log "activity before T: $USERS users, $BEFORE_ROUNDS rounds of flips, sales and watches each"
for ((u = 0; u < USERS; u++)); do
	register_user "$u"
done
# A write refused or timed out here is counted and left: the answers saved at T are what counts.
BEFORE_ACKED=0
BEFORE_FAILED=0
acked() { # acked <answer> <expected status regex> <what>
	if [[ "${1%% *}" =~ $2 ]]; then
		BEFORE_ACKED=$((BEFORE_ACKED + 1))
		return 0
	fi
	BEFORE_FAILED=$((BEFORE_FAILED + 1))
	log "$3 answered ${1:0:300}"
	return 1
}
for ((r = 0; r < BEFORE_ROUNDS; r++)); do
	for ((u = 0; u < USERS; u++)); do
		item="${ITEMS[$(((r + u) % ${#ITEMS[@]}))]}"
		answer="$(api POST "$COMMAND/api/v1/flips" "${TOKENS[$u]}" \
			"{\"itemId\":$item,\"quantity\":$((5 + r)),\"price\":$((1000 + 37 * r + u)),\"boughtAt\":\"$(iso '-3 hours')\"}")"
		if acked "$answer" '^201$' "open flip" && ((r % 2 == 0)); then
			flip="$(jq -r .id <<<"${answer#* }")"
			answer="$(api POST "$COMMAND/api/v1/flips/$flip/sales" "${TOKENS[$u]}" \
				"{\"quantity\":$((2 + r)),\"price\":$((1200 + 11 * r)),\"soldAt\":\"$(iso '-1 hour')\"}")"
			acked "$answer" '^201$' "record sale" || true
		fi
		if ((r < 3)); then
			answer="$(api PUT "$COMMAND/api/v1/watchlist/items/$item" "${TOKENS[$u]}" \
				'{"alerts":[{"type":"PRICE_AT_OR_BELOW","value":1}]}')"
			acked "$answer" '^20[01]$' "watch" || true
		fi
	done
done
((BEFORE_ACKED > BEFORE_FAILED)) || fail "most writes before T failed ($BEFORE_FAILED)"
# A price history import (command side, through the query side's first request for it).
curl -s -o /dev/null --max-time 10 "$QUERY/api/v1/items/$HISTORY_ITEM/prices?timestep=1h" || true

# --- T: the query side's answers, once it has applied every event --------------------------
head_mark() { sql "$1" "SELECT coalesce(max(global_index), 0) || '/' || count(*) FROM domain_event_entry"; }
processors_sql="'$(sed "s/ /','/g" <<<"$QUERY_PROCESSORS")'"
caught_up() { # caught_up <pg port> <global index>: every query-side processor segment at or past it
	local behind
	behind="$(sql "$1" "SELECT count(*) FROM token_entry WHERE processor_name IN ($processors_sql)
		AND (token IS NULL OR (convert_from(token, 'UTF8')::json ->> 'index')::bigint < $2)")"
	[[ "$behind" == 0 ]] || return 1
	[[ "$(sql "$1" "SELECT count(DISTINCT processor_name) FROM token_entry WHERE processor_name IN ($processors_sql)")" \
		== "$(wc -w <<<"$QUERY_PROCESSORS")" ]]
}
await_caught_up() { # await_caught_up <pg port> <index> <timeout s>
	local deadline=$((SECONDS + $3))
	until caught_up "$1" "$2"; do
		((SECONDS < deadline)) || return 1
		sleep 0.5
	done
}

# The rebuild (docs/runbook.md): every table of the read schema emptied (partitioned ones through
# their parent), and the query-side processors' tokens deleted, so that they start again from the
# first event. The same as their @ResetHandlers, in one transaction, with the query side stopped.
rebuild_sql() {
	cat <<-EOF
		DO \$\$
		DECLARE
			tables text;
		BEGIN
			SELECT string_agg(c.oid::regclass::text, ', ') INTO tables
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = 'read' AND c.relkind IN ('r', 'p') AND NOT c.relispartition;
			IF tables IS NOT NULL THEN
				EXECUTE 'TRUNCATE ' || tables;
			END IF;
			DELETE FROM token_entry WHERE processor_name IN ($processors_sql);
		END
		\$\$
	EOF
}

normalize() { # the fields that tell when an answer was computed (stale, computedAt, valuedAt) go
	jq -S 'walk(if type == "object" then del(.stale, .computedAt, .valuedAt) else . end)'
}
capture() { # capture <dir>: the query side's answers, one file each
	local dir="$1" u
	mkdir -p "$dir"
	fetch() { # fetch <file> <path> [bearer]
		local auth=()
		[[ $# -ge 3 ]] && auth=(-H "Authorization: Bearer $3")
		curl -sS --compressed --max-time 20 "${auth[@]}" "$QUERY$2" | normalize >"$dir/$1"
	}
	fetch items.json /api/v1/items
	for item in "${ITEMS[@]}"; do
		fetch "item-$item.json" "/api/v1/items/$item"
	done
	fetch market-stats.json /api/v1/market/stats
	fetch "prices-$HISTORY_ITEM-1h.json" "/api/v1/items/$HISTORY_ITEM/prices?timestep=1h"
	for ((u = 0; u < USERS; u++)); do
		fetch "user$u-me.json" /api/v1/me "${TOKENS[$u]}"
		fetch "user$u-flips.json" "/api/v1/flips?limit=100" "${TOKENS[$u]}"
		fetch "user$u-stats.json" /api/v1/flips/stats "${TOKENS[$u]}"
		fetch "user$u-positions.json" /api/v1/flips/positions "${TOKENS[$u]}"
		fetch "user$u-watchlist.json" /api/v1/watchlist "${TOKENS[$u]}"
	done
}

log "choosing T: waiting for the query side to apply every event, then saving its answers"
TARGET=""
for attempt in 1 2 3 4 5 6; do
	before="$(head_mark "$PRIMARY_PORT")"
	await_caught_up "$PRIMARY_PORT" "${before%%/*}" 120 || fail "the query side did not catch up with the event store"
	rm -rf "$WORK/at-T"
	capture "$WORK/at-T"
	TARGET="$(sql "$PRIMARY_PORT" "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")"
	# A poll may have landed while the answers were read: then they are not the state at T.
	[[ "$(head_mark "$PRIMARY_PORT")" == "$before" ]] && break
	log "an event was appended while saving the answers (attempt $attempt); again"
	TARGET=""
	sleep 1
done
[[ -n "$TARGET" ]] || fail "could not save the answers between two events"
EVENTS_AT_T="${before#*/}"
grep -q '"id"' "$WORK/at-T/user0-flips.json" || fail "the saved flips list of user 0 is empty: $(head -c 300 "$WORK/at-T/user0-flips.json")"
say "T $TARGET  events $EVENTS_AT_T  writes before T acknowledged $BEFORE_ACKED, failed $BEFORE_FAILED  answers saved $(ls "$WORK/at-T" | wc -l)"

# --- writes after T, then the loss -----------------------------------------------------------
sleep 1.2 # no acknowledged write after T shares T's millisecond
log "writes after T for ${AFTER_SECONDS}s, then the primary is lost while they run"
: >"$WORK/after-T.acked"
(
	set +e
	n=0
	while :; do
		u=$((n % USERS))
		item="${ITEMS[$((n % ${#ITEMS[@]}))]}"
		flip="$(open_flip "${TOKENS[$u]}" "$item" 3 $((2000 + n)))" \
			&& echo "$(now_ms) $u $flip" >>"$WORK/after-T.acked"
		n=$((n + 1))
		sleep 0.1
	done
) &
WRITER_PID=$!
LATE_USER_ANSWER="$(api POST "$COMMAND/api/v1/auth/register" - \
	"{\"email\":\"drill-$STAMP-late@example.test\",\"password\":\"$PASSWORD\",\"displayName\":\"Late\"}")"
[[ "${LATE_USER_ANSWER%% *}" == 201 ]] || fail "the registration after T answered $LATE_USER_ANSWER"
answer="$(api PUT "$COMMAND/api/v1/watchlist/items/${ITEMS[6]}" "${TOKENS[0]}" '{"alerts":[]}')"
[[ "${answer%% *}" =~ ^20[01]$ ]] || fail "the watch after T answered $answer"
sleep "$AFTER_SECONDS"
LOSS_MS="$(now_ms)"
as_pg "$PGBIN/pg_ctl" -D "$PGWORK/primary" -m immediate -w -t 30 stop >/dev/null
sleep 2
stop_pid "$WRITER_PID" 2
wait "$WRITER_PID" 2>/dev/null || true
WRITER_PID=""
rm -rf "$PGWORK/primary" # the disk is gone; the WAL archive and the base backup are elsewhere
AFTER_ACKED="$(wc -l <"$WORK/after-T.acked")"
((AFTER_ACKED > 0)) || fail "no write was acknowledged after T"
log "primary lost; $AFTER_ACKED flips acknowledged after T; stopping the apps"
stop_apps

# --- restore to T --------------------------------------------------------------------------
RESTORE_START_MS="$(now_ms)"
log "restore: base backup + WAL archive up to T into a second cluster (port $RESTORE_PORT)"
restore_cluster "$PGWORK/restored" "$RESTORE_PORT" "$TARGET"
DB_READY_MS="$(now_ms)"
# The restored event store must hold exactly the events there were at T.
[[ "$(head_mark "$RESTORE_PORT")" == "$before" ]] \
	|| fail "the restored event store holds $(head_mark "$RESTORE_PORT") (max index/events), $before at T"
redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
log "rebuilding the query side's read models: read tables emptied, tokens of $QUERY_PROCESSORS deleted"
sql "$RESTORE_PORT" "$(rebuild_sql)" >/dev/null
log "starting the apps on the restored cluster (poller off, so the market stays as at T)"
start_apps "$RESTORE_PORT" false
APPS_READY_MS="$(now_ms)"
for ((u = 0; u < USERS; u++)); do
	TOKENS[$u]="$(login "${EMAILS[$u]}")"
done
# The logins appended session events: the replay must reach them too.
HEAD_RESTORED="$(head_mark "$RESTORE_PORT")"
log "waiting for the replay to reach the head (index ${HEAD_RESTORED%%/*}) and the answers to equal those at T"
deadline=$((SECONDS + REPLAY_TIMEOUT))
EQUAL=""
while ((SECONDS < deadline)); do
	if caught_up "$RESTORE_PORT" "${HEAD_RESTORED%%/*}"; then
		rm -rf "$WORK/restored-answers"
		capture "$WORK/restored-answers"
		if diff -r "$WORK/at-T" "$WORK/restored-answers" >"$WORK/answers.diff"; then
			EQUAL=yes
			break
		fi
	fi
	sleep 1
done
CORRECT_MS="$(now_ms)"
if [[ -z "$EQUAL" ]]; then
	head -c 4000 "$WORK/answers.diff" >&2
	fail "the restored system's answers differ from those at T"
fi

# Nothing written after T may be there.
present_after=0
while read -r _ u flip; do
	status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer ${TOKENS[$u]}" "$QUERY/api/v1/flips/$flip")"
	[[ "$status" == 404 ]] || present_after=$((present_after + 1))
done <"$WORK/after-T.acked"
late_accounts="$(sql "$RESTORE_PORT" "SELECT count(*) FROM auth.account WHERE email = 'drill-$STAMP-late@example.test'")"
((present_after == 0 && late_accounts == 0)) \
	|| fail "writes after T are present after the restore to T: $present_after flips, $late_accounts accounts"
RTO_MS=$((CORRECT_MS - RESTORE_START_MS))
log "restored system answers as at T"
stop_apps

# --- RPO: restore to the end of the archive ------------------------------------------------
log "RPO: the base backup restored again, to the end of the WAL archive (port $LATEST_PORT)"
restore_cluster "$PGWORK/latest" "$LATEST_PORT"
survived=0
last_survived_ms=0
first_lost_ms=""
while read -r at _ flip; do
	if [[ "$(sql "$LATEST_PORT" "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '$flip'")" != 0 ]]; then
		survived=$((survived + 1))
		last_survived_ms="$at"
	elif [[ -z "$first_lost_ms" ]]; then
		first_lost_ms="$at"
	fi
done <"$WORK/after-T.acked"
lost=$((AFTER_ACKED - survived))
# RPO: how far back from the loss acknowledged writes were lost (0 when none was).
if [[ -n "$first_lost_ms" ]]; then
	RPO_MS=$((LOSS_MS - first_lost_ms))
else
	RPO_MS=0
fi
ARCHIVED="$(find "$ARCHIVE" -maxdepth 1 -type f ! -name '*.part' | wc -l)"

secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
say ""
say "base backup $((BASE_BACKUP_BYTES / 1024)) KiB; WAL archive $ARCHIVED files ($(du -sk "$ARCHIVE" | cut -f1) KiB)"
say "restore to T: events $EVENTS_AT_T of $EVENTS_AT_T; answers equal $(ls "$WORK/at-T" | wc -l) of $(ls "$WORK/at-T" | wc -l); writes after T present 0 of $((AFTER_ACKED + 2))"
say "  database restored and promoted $(secs $((DB_READY_MS - RESTORE_START_MS))) s, apps ready $(secs $((APPS_READY_MS - DB_READY_MS))) s, replay until equal $(secs $((CORRECT_MS - APPS_READY_MS))) s"
say "end of archive: flips acknowledged after T $AFTER_ACKED, survived $survived, lost $lost (last surviving ack $(secs $((LOSS_MS - last_survived_ms))) s before the loss)"
say "rto_s $(secs "$RTO_MS")"
say "rpo_s $(secs "$RPO_MS")"
log "report: $REPORT"
