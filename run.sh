#!/usr/bin/env bash
# Builds GE-Metrics and starts the whole system with nothing but a JDK: an embedded PostgreSQL
# (data kept in ./run/postgres), an embedded Redis, a loopback stub of the OSRS prices API serving
# the recorded responses (demo mode), and both apps (command side :8081, query side :8082).
#
#   ./run.sh                  demo mode (recorded prices of 2025-05-26)
#   ./run.sh --live           poll the real OSRS Wiki prices API instead
#   ./run.sh --fresh          start from an empty database
#   ./run.sh --infra-only     PostgreSQL, Redis and the stub only
#   ./run.sh --help           every option (ports, data directory, jars)
#
# The apps run with the devstack profile (plain console lines); their mail goes to a local catcher that
# prints each mail's links and lists them at http://127.0.0.1:8025/messages.
# GE_DATABASE_URL / GE_REDIS_URL, when set, replace the embedded servers. GE_SKIP_BUILD=true skips
# the Maven build. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${GE_SKIP_BUILD:-false}" != "true" ]]; then
	echo "Building (./mvnw -q -B -DskipTests install) ..."
	./mvnw -q -B -DskipTests install
fi

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
	JAVA="${JAVA_HOME}/bin/java"
else
	JAVA="java"
fi

export GE_DEMO="${GE_DEMO:-true}"
# exec: Ctrl-C and SIGTERM reach the dev stack directly, whose shutdown hook stops the apps,
# Redis and PostgreSQL in that order.
# shellcheck disable=SC2086
exec "${JAVA}" ${GE_DEVSTACK_LAUNCHER_OPTS:-} -jar devstack/target/devstack-0.1.0-SNAPSHOT-launcher.jar "$@"
