# Sourced by bench.sh for `bench.sh seed [--quick]`, once the system is up and the catalogue is
# synced (QUERY, COMMAND_PORT, WORK, PROBE_CP, JAVA, DEVSTACK_PID, GE_DATABASE_* from the dev
# stack, say and log are set). The seed's load test as a Gatling simulation
# (com.gemetrics.loadtest.gatling.SeedSimulation, this module's test sources; see
# loadtest/README.md):
#   - registers and verifies BENCH_SEED_USERS users first (com.gemetrics.loadtest.seed.SeedUsers;
#     not counted in the run);
#   - runs the seed's profile (warm-up 10/s 60 s, ramp 10->50/s 120 s, peak 100/s 60 s; --quick:
#     every phase / 6), 70 % user sessions and 30 % browsing, HTML report under
#     loadtest/target/gatling/;
#   - samples the whole stack's memory (the dev stack JVM, both apps, Redis, PostgreSQL: the sum
#     of VmRSS, and of Pss, from /proc) and the machine's CPU every BENCH_SEED_SAMPLE_S seconds;
#   - prints per phase and request: requests, failed, p50/p95/p99, and per phase CPU and the
#     largest memory sample, and whether the simulation's assertions held.
# Rate limits: on with the production values; bench.sh raises only the per-IP limits (one load
# generator on 127.0.0.1 stands for many clients); the per-user limits stay as in production.

COMMAND="http://127.0.0.1:$COMMAND_PORT"
SEED_QUICK=false
[[ "${2:-}" == --quick || "${BENCH_SEED_QUICK:-}" == true ]] && SEED_QUICK=true
if [[ "$SEED_QUICK" == true ]]; then
	SEED_USERS="${BENCH_SEED_USERS:-300}"
else
	SEED_USERS="${BENCH_SEED_USERS:-1000}"
fi
SEED_SAMPLE_S="${BENCH_SEED_SAMPLE_S:-2}"
SEED_RESULTS="$ROOT/loadtest/target/gatling"
mkdir -p "$SEED_RESULTS"

log "compiling the simulation (loadtest test sources)"
if ! ./mvnw -q -B -o -pl loadtest test-compile >"$WORK/seed-mvn.log" 2>&1; then
	./mvnw -q -B -pl loadtest test-compile >"$WORK/seed-mvn.log" 2>&1 || { cat "$WORK/seed-mvn.log" >&2; exit 1; }
fi
# The freshly compiled classes first: the module jar bench.sh checks may predate SeedUsers.
SEED_CP="loadtest/target/test-classes:loadtest/target/classes:$PROBE_CP"

say ""
say "Seed load  $([[ "$SEED_QUICK" == true ]] && echo "--quick (every phase / 6)" || echo "full profile"); $SEED_USERS users; machine load before: $(cut -d' ' -f1-3 /proc/loadavg)"
say "rate limits: production per-user limits; per-IP (api, auth) raised to ${RATE_LIMIT_PER_MINUTE}/min (one load generator stands for many clients)"
log "registering and verifying $SEED_USERS users"
timeout $((120 + SEED_USERS)) "$JAVA" -cp "$SEED_CP" com.gemetrics.loadtest.seed.SeedUsers \
	--command-url="$COMMAND" --jdbc-url="$GE_DATABASE_URL" --user="$GE_DATABASE_USERNAME" \
	--password="${GE_DATABASE_PASSWORD:-}" --users="$SEED_USERS" --out="$WORK/users.csv" 2>&1 | tee -a "$REPORT" >&2

# --- the stack's memory and the machine's CPU, sampled -------------------------------------------
seed_descendants() { # pid: the pid and all its descendants
	local pid="$1" child
	echo "$pid"
	for child in $(pgrep -P "$pid" 2>/dev/null); do
		seed_descendants "$child"
	done
}
seed_stack_pids() {
	{
		seed_descendants "$DEVSTACK_PID"
		[[ -f "$WORK/pg/postmaster.pid" ]] && seed_descendants "$(head -n 1 "$WORK/pg/postmaster.pid")"
	} | sort -un
}
seed_sampler() { # every SEED_SAMPLE_S: epoch_ms rss_kib pss_kib cpu_busy_percent processes
	set +e # a process that ends between listing and reading is not an error
	local prev_total=0 prev_idle=0
	while kill -0 $$ 2>/dev/null; do # ends with bench.sh, however it ends
		local rss=0 pss=0 n=0 pid value
		for pid in $(seed_stack_pids); do
			value="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null)"
			[[ -n "$value" ]] || continue
			rss=$((rss + value))
			n=$((n + 1))
			value="$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null)"
			pss=$((pss + ${value:-0}))
		done
		local cpu total idle busy=""
		read -r -a cpu </proc/stat
		total=$((cpu[1] + cpu[2] + cpu[3] + cpu[4] + cpu[5] + cpu[6] + cpu[7] + cpu[8]))
		idle=$((cpu[4] + cpu[5]))
		if ((prev_total > 0 && total > prev_total)); then
			busy=$((100 * ((total - prev_total) - (idle - prev_idle)) / (total - prev_total)))
		fi
		prev_total=$total
		prev_idle=$idle
		echo "$(date +%s%3N) $rss $pss ${busy:--} $n"
		sleep "$SEED_SAMPLE_S"
	done
}
seed_sampler >"$WORK/samples.txt" 2>/dev/null &
SEED_SAMPLER_PID=$!

# --- the simulation ------------------------------------------------------------------------------
log "running the simulation (report under $SEED_RESULTS)"
seed_status=0
# Bounded: the profile (4 min, or 40 s quick) plus sessions still thinking, start-up and the report.
# --add-opens: Gatling's log writer reads String internals (its Maven plugin passes the same).
timeout 900 "$JAVA" -Xms256m -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$SEED_CP" \
	-Dge.commandUrl="$COMMAND" -Dge.queryUrl="$QUERY" -Dge.users="$WORK/users.csv" \
	-Dge.quick="$SEED_QUICK" -Dge.startFile="$WORK/start.txt" -Dgatling.data.enableAnalytics=false \
	io.gatling.app.Gatling --simulation com.gemetrics.loadtest.gatling.SeedSimulation \
	--results-folder "$SEED_RESULTS" --run-description "bench.sh seed $STAMP" \
	>"$WORK/gatling.txt" 2>&1 &
PROBE_PID=$!
wait "$PROBE_PID" || seed_status=$?
PROBE_PID=""
kill "$SEED_SAMPLER_PID" 2>/dev/null || true
wait "$SEED_SAMPLER_PID" 2>/dev/null || true
cp "$WORK/gatling.txt" "$RESULTS_DIR/seed-$STAMP-gatling.txt"

SEED_REPORT_DIR="$(ls -1dt "$SEED_RESULTS"/*/ 2>/dev/null | head -n 1)"
if [[ -z "$SEED_REPORT_DIR" || ! -f "$SEED_REPORT_DIR/js/stats.js" || ! -f "$WORK/start.txt" ]]; then
	tail -n 40 "$WORK/gatling.txt" >&2
	log "the simulation left no report (exit $seed_status)"
	exit 1
fi
say ""
python3 - "$SEED_REPORT_DIR/js/stats.js" "$WORK/samples.txt" "$WORK/start.txt" <<'PY' | tee -a "$REPORT"
import re, sys

stats = open(sys.argv[1]).read()
start, *lengths = (int(v) for v in open(sys.argv[3]).read().split())
phases = ["warm-up", "ramp", "peak"]
bounds, t = {}, start
for name, length in zip(phases, lengths):
    bounds[name] = (t, t + length)
    t += length
bounds["drain"] = (t, float("inf"))

def phase_of(ms):
    for name, (lo, hi) in bounds.items():
        if lo <= ms < hi:
            return name
    return None

samples = {}
for line in open(sys.argv[2]):
    parts = line.split()
    if len(parts) != 5:
        continue
    name = phase_of(int(parts[0]))
    if name:
        samples.setdefault(name, []).append((int(parts[1]), int(parts[2]), None if parts[3] == "-" else int(parts[3]), int(parts[4])))

# js/stats.js is JavaScript, not JSON: one `path: "<request>"` entry per request, its figures as strings.
def figure(chunk, key):
    m = re.search(r'"%s":\s*\{\s*"total":\s*"([^"]*)",\s*"ok":\s*"([^"]*)",\s*"ko":\s*"([^"]*)"' % key, chunk)
    return [int(v) if v.lstrip("-").isdigit() else 0 for v in m.groups()] if m else [0, 0, 0]

rows = []
for chunk in stats.split('path: "')[1:]:
    name = chunk[:chunk.index('"')]
    if not name:
        continue
    count = figure(chunk, "numberOfRequests")
    rows.append((name, count[0], count[2], figure(chunk, "percentiles1")[0], figure(chunk, "percentiles3")[0],
                 figure(chunk, "percentiles4")[0]))
arrivals = {"warm-up": "10/s", "ramp": "10->50/s", "peak": "100/s", "drain": "-"}
held = True
print("%-8s %-9s %-16s %8s %7s %7s %7s %7s  %s" % ("phase", "arrivals", "request", "requests", "failed", "p50 ms", "p95 ms", "p99 ms", "held (p99 < 500 ms, failed < 0.1 %)"))
for name in phases + ["drain"]:
    mine = sorted((r for r in rows if r[0].startswith(name + " ")), key=lambda r: r[0])
    for r in mine:
        ok = r[5] < 500 and r[2] * 1000 < r[1]
        held = held and ok
        print("%-8s %-9s %-16s %8d %7d %7d %7d %7d  %s" % (name, arrivals[name], r[0][len(name) + 1:], r[1], r[2], r[3], r[4], r[5], "yes" if ok else "NO"))
    total = sum(r[1] for r in mine)
    failed = sum(r[2] for r in mine)
    got = samples.get(name, [])
    cpu = [c for (_, _, c, _) in got if c is not None]
    print("%-8s %-9s %-16s %8d %7d   CPU %s %%, stack RSS max %s MiB (Pss max %s MiB, %s processes)" % (
        name, arrivals[name], "all", total, failed,
        round(sum(cpu) / len(cpu)) if cpu else "n/a",
        round(max(g[0] for g in got) / 1024) if got else "n/a",
        round(max(g[1] for g in got) / 1024) if got else "n/a",
        max(g[3] for g in got) if got else "n/a"))
every = [g for v in samples.values() for g in v]
peak = samples.get("peak", [])
print("")
print("stack_rss_mib peak_max %s" % (round(max(g[0] for g in peak) / 1024) if peak else "n/a"))
print("stack_pss_mib peak_max %s" % (round(max(g[1] for g in peak) / 1024) if peak else "n/a"))
print("stack_rss_mib run_max %s" % (round(max(g[0] for g in every) / 1024) if every else "n/a"))
print("every request held in every phase: %s" % ("yes" if held else "no"))
PY
say ""
# Gatling prints one line per assertion: "<request>: <assertion> : true|false (actual : <value>)".
say "assertions failed: $(grep -c ' : false (actual' "$WORK/gatling.txt" || true) of $(grep -cE ' : (true|false) \(actual' "$WORK/gatling.txt" || true)"
grep ' : false (actual' "$WORK/gatling.txt" | sed 's/^/  /' | tee -a "$REPORT" || true
say "assertions (p99 < 500 ms, failed < 0.1 %, every request of every phase): $([[ $seed_status -eq 0 ]] && echo held || echo "failed (gatling exit $seed_status; see $RESULTS_DIR/seed-$STAMP-gatling.txt)")"
say "HTML report: ${SEED_REPORT_DIR}index.html"
log "report: $REPORT"
# The figures are the result; failed assertions are one of them (exit 0 unless the run broke).
exit 0
