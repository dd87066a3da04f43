#!/usr/bin/env bash
# GE-Metrics fault suite (issue 8). See loadtest/README.md; results in docs/reliability.md.
#
#   loadtest/faults.sh            every scenario: kill9 (20 cycles), postgres, redis, sigstop, osrs
#   loadtest/faults.sh --quick    fewer cycles and shorter windows
#   loadtest/faults.sh --scenarios=kill9,redis [--kill-cycles=N ...]   (--help lists every option)
#
# Starts its own PostgreSQL 15 cluster, Redis, OSRS stub and both app jars on loopback ports of its
# own (never the machine's 5432/6379), runs a steady write and read load, injects the faults, checks
# that no acknowledged write is lost or doubled, prints a table, and stops everything it started.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VERSION=0.1.0-SNAPSHOT

for arg in "$@"; do
	if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
		sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
		echo
		exec python3 -B loadtest/faults/suite.py --work=/nonexistent --results=/nonexistent --help
	fi
done

for tool in python3 psql redis-server redis-cli java; do
	command -v "$tool" >/dev/null 2>&1 || { echo "[faults] $tool is missing" >&2; exit 1; }
done
[[ -x "${FAULTS_PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]] || {
	echo "[faults] PostgreSQL 15 server binaries not found (set FAULTS_PG_BIN)" >&2
	exit 1
}

if [[ "${FAULTS_BUILD:-auto}" == "always" || ! -f command-side/target/command-side-$VERSION.jar \
	|| ! -f query-side/target/query-side-$VERSION.jar ]]; then
	echo "[faults] building the app jars (./mvnw -B -q -DskipTests -pl command-side,query-side,db -am package)" >&2
	./mvnw -B -q -DskipTests -pl command-side,query-side,db -am package
fi

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$ROOT/loadtest/target/faults/$STAMP"
mkdir -p "$RESULTS"
WORK="$(mktemp -d /tmp/ge-faults.XXXXXX)"
chmod 755 "$WORK"
SUITE_PID=""

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	set +e
	if [[ -n "$SUITE_PID" ]] && kill -0 "$SUITE_PID" 2>/dev/null; then
		kill -TERM "$SUITE_PID" 2>/dev/null
		for _ in $(seq 1 120); do
			kill -0 "$SUITE_PID" 2>/dev/null || break
			sleep 0.5
		done
		kill -KILL "$SUITE_PID" 2>/dev/null
	fi
	# Backstops, in case the suite itself was killed: our cluster and our Redis, by their pid files.
	if [[ -f "$WORK/pg/postmaster.pid" ]]; then
		postmaster="$(head -n 1 "$WORK/pg/postmaster.pid")"
		[[ -n "$postmaster" ]] && kill -0 "$postmaster" 2>/dev/null && kill -QUIT "$postmaster" 2>/dev/null
	fi
	if [[ -f "$WORK/redis/redis.pid" ]]; then
		redis_pid="$(cat "$WORK/redis/redis.pid")"
		[[ -n "$redis_pid" ]] && kill -0 "$redis_pid" 2>/dev/null && kill -KILL "$redis_pid" 2>/dev/null
	fi
	cp "$WORK"/*.log "$RESULTS"/ 2>/dev/null
	rm -rf "$WORK"
	echo "[faults] logs and report in $RESULTS" >&2
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The whole run is bounded: the suite stops itself well before this.
timeout --signal=TERM --kill-after=60 "${FAULTS_MAX_SECONDS:-2400}" \
	python3 -B -u loadtest/faults/suite.py --work="$WORK" --results="$RESULTS" "$@" > >(tee "$RESULTS/report.txt") 2>&1 &
SUITE_PID=$!
wait "$SUITE_PID"
