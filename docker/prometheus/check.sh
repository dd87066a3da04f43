#!/usr/bin/env bash
# Checks the alert rules: syntax (promtool check rules), their unit tests (promtool test rules),
# that every alert has a test in which it fires, that every alert names a runbook entry
# ("See the runbook, \"...\"") and that each entry named is a heading of docs/runbook.md. Exits
# non-zero on any failure, and when promtool is missing (install it: apt-get install -y
# prometheus): it never skips.
#
#   docker/prometheus/check.sh
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RULES="$HERE/rules/ge-metrics.yml"
TESTS="$HERE/tests/ge-metrics-test.yml"
RUNBOOK="$ROOT/docs/runbook.md"

if ! command -v promtool >/dev/null 2>&1; then
	echo "promtool not found: install it (Debian: apt-get install -y prometheus) and run again" >&2
	exit 127
fi

cd "$HERE"
promtool check rules "$RULES"
promtool test rules "$TESTS"

failed=0
# An alert is covered when a test expects it to fire: its alertname followed by a non-empty
# exp_alerts (a list item on the next line).
for alert in $(sed -n 's/^ *- alert: *\([A-Za-z0-9_]*\).*/\1/p' "$RULES"); do
	if ! awk -v name="$alert" '
		$1 == "alertname:" && $2 == name { seen = 1; next }
		seen && $1 == "exp_alerts:" { if ($2 != "[]") { found = 1 } ; seen = 0 }
		END { exit found ? 0 : 1 }' "$TESTS"; then
		echo "alert $alert has no test in which it fires" >&2
		failed=1
	fi
done

# Every alert names its runbook entry: "See the runbook, \"<heading>\"" in one of its annotations.
for alert in $(awk '
	/^ *- (alert|record):/ { if (name != "" && !linked) print name; name = ""; linked = 0 }
	/^ *- name:/ { if (name != "" && !linked) print name; name = ""; linked = 0 }
	/^ *- alert:/ { name = $3 }
	/the runbook,/ { linked = 1 }
	END { if (name != "" && !linked) print name }' "$RULES"); do
	echo "alert $alert names no runbook entry (See the runbook, \"<heading>\")" >&2
	failed=1
done

while IFS= read -r entry; do
	if ! grep -qF "## $entry" "$RUNBOOK"; then
		echo "the rules name the runbook entry \"$entry\", which docs/runbook.md lacks" >&2
		failed=1
	fi
done < <(tr '\n' ' ' < "$RULES" | sed 's/  */ /g' | grep -o 'the runbook, \\\?"[^"\\]*' | sed 's/.*"//' | sort -u)

if [ "$failed" -ne 0 ]; then
	exit 1
fi
echo "alerts: every rule has a firing test and names a runbook entry, and every entry named exists"
