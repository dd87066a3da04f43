# Sourced by bench.sh for `bench.sh auth`, once the system is up (QUERY, COMMAND_PORT, WORK, say,
# log are set). Measures, with wrk on loopback:
#   - logins/s and their p50/p99 at the chosen password-hash cost (POST /api/v1/auth/login);
#   - GET /api/v1/items/{id} with a valid bearer token (JWT verified, revocation checked) against
#     the same request without one, alternating A B A B so drift hits both alike.
# Rate limits are off in this run (GE_RATE_LIMIT_ENABLED=false): it measures the auth path.

COMMAND="http://127.0.0.1:$COMMAND_PORT"
LOGIN_CONNECTIONS="${BENCH_LOGIN_CONNECTIONS:-8}"
ROUNDS="${BENCH_AUTH_ROUNDS:-2}"
EMAIL="bench-$(date +%s)@example.com"
PASSWORD="correct horse battery staple $RANDOM"

auth_to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n = n / 1000; else if (u == "s") n = n * 1000; else if (u == "m") n = n * 60000
		printf "%.2f", n }'
}

# auth_wrk name connections url [wrk args...]: prints and records req/s, p50, p99, non-2xx
declare -A ARPS AP50 AP99 AERR
auth_wrk() {
	local name="$1" connections="$2" url="$3" out="$WORK/wrk-$1.txt"
	shift 3
	timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$connections" -d"${DURATION}s" --latency "$@" "$url" >"$out" 2>&1 || true
	ARPS[$name]="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
	AP50[$name]="$(auth_to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
	AP99[$name]="$(auth_to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
	AERR[$name]="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
	AERR[$name]="${AERR[$name]:-0}"
	say "$(printf '%-14s c=%-3s %10s req/s  p50 %8s ms  p99 %8s ms  non-2xx %s' "$name" "$connections" "${ARPS[$name]:-n/a}" "${AP50[$name]}" "${AP99[$name]}" "${AERR[$name]}")"
}

log "registering $EMAIL"
status="$(curl -sS -o "$WORK/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
	-d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"displayName\":\"Bench\"}" "$COMMAND/api/v1/auth/register")"
if [[ "$status" != "201" ]]; then
	cat "$WORK/register.json" >&2
	log "registration answered $status"
	exit 1
fi
LOGIN_BODY="{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}"
curl -sS -o "$WORK/login.json" -H 'Content-Type: application/json' -d "$LOGIN_BODY" "$COMMAND/api/v1/auth/login"
TOKEN="$(sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p' "$WORK/login.json")"
if [[ -z "$TOKEN" ]]; then
	cat "$WORK/login.json" >&2
	log "login did not return an access token"
	exit 1
fi
status="$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$QUERY/api/v1/me")"
say "logged in; GET /api/v1/me with the token answers $status"

cat >"$WORK/login.lua" <<LUA
wrk.method = "POST"
wrk.body = '$LOGIN_BODY'
wrk.headers["Content-Type"] = "application/json"
LUA

say ""
say "Logins  POST /api/v1/auth/login (one account, $LOGIN_CONNECTIONS connections)"
auth_wrk login "$LOGIN_CONNECTIONS" "$COMMAND/api/v1/auth/login" -s "$WORK/login.lua"

say ""
say "Items   GET /api/v1/items/$ITEM_ID anonymous vs with a bearer token, $ROUNDS rounds each, alternating"
timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$QUERY/api/v1/items/$ITEM_ID" >/dev/null 2>&1 || true
ratios=()
for round in $(seq 1 "$ROUNDS"); do
	auth_wrk "anonymous-$round" "$CONNECTIONS" "$QUERY/api/v1/items/$ITEM_ID"
	auth_wrk "bearer-$round" "$CONNECTIONS" "$QUERY/api/v1/items/$ITEM_ID" -H "Authorization: Bearer $TOKEN"
	if [[ "${AERR[anonymous-$round]}" == "0" && "${AERR[bearer-$round]}" == "0" && -n "${ARPS[anonymous-$round]}" ]]; then
		ratios+=("$(awk -v a="${ARPS[bearer-$round]}" -v n="${ARPS[anonymous-$round]}" 'BEGIN { printf "%.4f", a / n }')")
	fi
done

say ""
if ((${#ratios[@]} == ROUNDS)) && [[ "${AERR[login]}" == "0" ]]; then
	say "login_per_s ${ARPS[login]}"
	say "login_ms p99 ${AP99[login]}"
	say "ratio auth_overhead $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
	log "report: $REPORT"
else
	say "login_per_s n/a"
	say "ratio auth_overhead n/a"
	exit 1
fi
