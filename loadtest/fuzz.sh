#!/usr/bin/env bash
# Hostile input at scale (issue 8): the OpenAPI-driven fuzzer's full run. See loadtest/README.md.
#
#   loadtest/fuzz.sh [requests] [seed]     (defaults: 10000 requests, a random seed)
#
# Builds both apps and runs HostileInputIT: both jars as processes on a fresh database of the
# PostgreSQL on 127.0.0.1:5432 and key prefixes of their own in the Redis on 127.0.0.1:6379 (as the
# integration tests do), the OSRS fixtures over HTTP, a local mail server. It registers an owner, a
# stranger and a verified admin, sends the requests, then checks: no answer >= 500 or missing,
# every 4xx problem+json with a code, and the journal, watchlist and user projections equal a clean
# replay. It prints totals per status class, endpoint, kind and caller, and exits non-zero on any
# violation. The report is also written to loadtest/target/fuzz/report-<seed>.txt.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

REQUESTS="${1:-${FUZZ_REQUESTS:-10000}}"
SEED="${2:-${FUZZ_SEED:-$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')}}"
THREADS="${FUZZ_THREADS:-4}"

echo "[fuzz] $REQUESTS requests, seed $SEED, $THREADS threads" >&2
mkdir -p loadtest/target
started=$SECONDS
status=0
./mvnw -B -pl command-side,query-side,loadtest -am verify \
	-Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
	-Dit.test=HostileInputIT -Dfailsafe.failIfNoSpecifiedTests=false \
	-Dge.fuzz.requests="$REQUESTS" -Dge.fuzz.seed="$SEED" -Dge.fuzz.threads="$THREADS" \
	>"loadtest/target/fuzz-$SEED.log" 2>&1 || status=$?
report="loadtest/target/fuzz/report-$SEED.txt"
if [[ -f "$report" ]]; then
	cat "$report"
fi
grep -E "Tests run:|FAIL|projections|after a clean replay" "loadtest/target/fuzz-$SEED.log" | grep -v "^\[INFO\] Tests run: 0" >&2 || true
echo "[fuzz] seed $SEED: $((SECONDS - started)) s in all (build, start, fuzz, replay); exit $status; log loadtest/target/fuzz-$SEED.log" >&2
exit "$status"
