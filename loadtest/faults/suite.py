"""GE-Metrics fault suite: run by loadtest/faults.sh (see loadtest/README.md and docs/reliability.md).

Starts a private PostgreSQL 15 cluster, a private Redis, a fault-injecting OSRS stub and both app
jars on loopback ports of its own, puts them under a steady write and read load, injects one kind
of fault per scenario, and checks afterwards that no acknowledged write was lost or doubled and
that the projections equal a recomputation from the events. Prints one table row per scenario.
"""

import argparse
import base64
import os
import random
import re
import secrets
import signal
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import checks  # noqa: E402
from infra import App, Postgres, Redis, log  # noqa: E402
from load import History, Load, User, call  # noqa: E402
from osrs_stub import OsrsStub  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
VERSION = "0.1.0-SNAPSHOT"
SCENARIOS = ["sigstop", "postgres", "redis", "osrs", "kill9"]
SENTINELS = [4151, 11832, 2, 561, 453, 1515]


def port_free(port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a TIME_WAIT left by an earlier run is fine
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


class Row:
    def __init__(self, name):
        self.name = name
        self.cycles = 0
        self.acked = 0
        self.lost = 0
        self.duplicated = 0
        self.phantoms = 0
        self.recovery_write = []
        self.recovery_visible = []
        self.catch_up = None
        self.reads = ""
        self.notes = []
        self.failed = False


def fmt_seconds(values):
    values = [v for v in values if v is not None]
    return f"{max(values):.1f}" if values else "-"


class Suite:
    def __init__(self, args, work: Path, results: Path):
        self.args = args
        self.work = work
        self.results = results
        self.pg = Postgres(work, args.postgres_port)
        self.redis = Redis(work, args.redis_port)
        self.stub = OsrsStub(ROOT / "devstack/src/main/resources/fixtures/osrs", args.stub_port, SENTINELS)
        self.history = History()
        self.rows = []
        self.apps = []
        self.users = []
        self.probe_user = None
        self.load = None
        self.items = []

    # --- set-up ----------------------------------------------------------------------------------
    def env(self):
        a = self.args
        return {
            "GE_DATABASE_URL": self.pg.jdbc_url, "GE_DATABASE_USERNAME": "postgres", "GE_DATABASE_PASSWORD": "",
            "GE_REDIS_URL": f"redis://127.0.0.1:{a.redis_port}", "GE_REDIS_KEY_PREFIX": "ge:",
            "GE_OSRS_BASE_URL": self.stub.base_url,
            "GE_COMMAND_SIDE_URL": f"http://127.0.0.1:{a.command_port}",
            "GE_JWKS_URL": f"http://127.0.0.1:{a.command_port}/.well-known/jwks.json",
            # Production-like: real secrets, rate limits on (high, so the load itself is never limited).
            "GE_AUTH_KEY_SECRET": base64.b64encode(secrets.token_bytes(32)).decode(),
            "GE_INTERNAL_TOKEN": secrets.token_urlsafe(32),
            # No Stripe here: billing off on purpose (its endpoints answer 503 BILLING_UNAVAILABLE).
            "GE_STRIPE_ENABLED": "false",
            "GE_RATE_LIMIT_ENABLED": "true",
            "GE_RATE_LIMIT_API_PER_MINUTE": "1000000", "GE_RATE_LIMIT_AUTH_PER_MINUTE": "10000",
            "GE_RATE_LIMIT_DATA_PER_MINUTE": "1000000", "GE_RATE_LIMIT_UPLOAD_PER_MINUTE": "100",
            # The suite outlives the default 15-minute access token; it never refreshes.
            "GE_AUTH_ACCESS_TOKEN_TTL": "2h",
            # Mails go nowhere (no SMTP listens there): verification tokens are read from the outbox.
            "SPRING_MAIL_HOST": "127.0.0.1", "SPRING_MAIL_PORT": str(a.smtp_port),
            "GE_OSRS_CIRCUIT_OPEN_FOR": "20s",
            "GE_LOG_FORMAT": os.environ.get("GE_LOG_FORMAT", "ecs"),
        }

    def setup(self):
        a = self.args
        for port in (a.postgres_port, a.redis_port, a.stub_port, a.command_port, a.query_port, a.query2_port):
            if not port_free(port):
                raise RuntimeError(f"port {port} is taken; choose others (see loadtest/README.md)")
        self.stub.start()
        log(f"OSRS stub on {self.stub.base_url}")
        self.pg.init()
        log(f"PostgreSQL 15 cluster in {self.pg.dir} on port {a.postgres_port}")
        self.redis.start()
        log(f"Redis on port {a.redis_port}")
        env = self.env()
        self.command = App("command", ROOT / f"command-side/target/command-side-{VERSION}.jar", a.command_port, env,
                           self.work, cds=a.cds)
        self.query = App("query", ROOT / f"query-side/target/query-side-{VERSION}.jar", a.query_port, env,
                         self.work)
        self.query2 = App("query2", ROOT / f"query-side/target/query-side-{VERSION}.jar", a.query2_port, env,
                          self.work)
        self.apps = [self.command, self.query, self.query2]
        started = time.time()
        self.command.start()
        self.query.start()  # all at once: Flyway's lock lets only one migrate
        self.command.await_ready(a.start_timeout)
        log(f"command side ready in {time.time() - started:.1f}s")
        self.query.await_ready(a.start_timeout)
        log(f"query side ready in {time.time() - started:.1f}s")
        if self.query2.process:
            self.query2.await_ready(a.start_timeout)
            log(f"second query side ready in {time.time() - started:.1f}s")
        deadline = time.time() + 180
        while True:
            count = int(self.pg.scalar("SELECT count(*) FROM read.item_summary WHERE high IS NOT NULL") or 0)
            if count > 3000:
                break
            if time.time() > deadline:
                raise RuntimeError(f"only {count} priced items after 180s")
            time.sleep(1)
        rows = self.pg.psql("SELECT item_id FROM read.item_summary WHERE high IS NOT NULL AND buy_limit IS NOT NULL "
                            "ORDER BY item_id")
        self.items = [int(r[0]) for r in rows][:600]
        log(f"{count} priced items; the load uses {len(self.items)} of them")
        self.users = [self.register(f"writer{n}") for n in range(a.writers)]
        self.probe_user = self.register("probe")
        self.load = Load(self.users, self.items, self.history, self.command.url, [self.query.url],
                         writer_pause=a.writer_pause, readers=a.readers)
        log(f"{len(self.users)} writers and a probe user registered and verified")

    def register(self, name):
        email = f"{name}-{secrets.token_hex(4)}@faults.example"
        password = "correct horse battery " + secrets.token_hex(8)
        answer = call(self.command.url, "POST", "/api/v1/auth/register",
                      {"email": email, "password": password, "displayName": name}, timeout=60)
        if answer.status != 201:
            raise RuntimeError(f"register answered {answer.status}: {answer.body or answer.error}")
        token = None
        deadline = time.time() + 30
        while token is None and time.time() < deadline:
            body = self.pg.scalar(f"SELECT body FROM auth.mail_outbox WHERE recipient = '{email}' AND body IS NOT NULL "
                                  "ORDER BY id DESC LIMIT 1")
            match = re.search(r"token=([A-Za-z0-9_\-%.~]+)", body or "")
            token = match.group(1) if match else None
            if token is None:
                time.sleep(0.2)
        if token is None:
            raise RuntimeError(f"no verification mail for {email} in auth.mail_outbox")
        # A verification link works only for the login it was mailed to (ADR 13): log in first.
        answer = call(self.command.url, "POST", "/api/v1/auth/login", {"email": email, "password": password},
                      timeout=60)
        if answer.status != 200 or "accessToken" not in (answer.json() or {}):
            raise RuntimeError(f"login before verification answered {answer.status}: {answer.body}")
        answer = call(self.command.url, "POST", "/api/v1/auth/verify-email", {"token": token},
                      token=answer.json()["accessToken"], timeout=60)
        if answer.status != 204:
            raise RuntimeError(f"verify-email answered {answer.status}: {answer.body}")
        answer = call(self.command.url, "POST", "/api/v1/auth/login", {"email": email, "password": password},
                      timeout=60)
        body = answer.json() or {}
        if answer.status != 200 or "accessToken" not in body:
            raise RuntimeError(f"login answered {answer.status}: {answer.body}")
        access = body["accessToken"]
        me = call(self.query.url, "GET", "/api/v1/me", token=access, timeout=30)
        deadline = time.time() + 30
        while me.status != 200 and time.time() < deadline:
            time.sleep(0.3)
            me = call(self.query.url, "GET", "/api/v1/me", token=access, timeout=30)
        user_id = (me.json() or {}).get("id") or (me.json() or {}).get("userId")
        if not user_id:
            raise RuntimeError(f"GET /api/v1/me answered {me.status}: {me.body}")
        return User(email, password, user_id, access)

    # --- recovery measurement --------------------------------------------------------------------
    def measure_recovery(self, row, t0, query_url=None, timeout=None):
        """From t0 (the fault's end): until a probe flip is acknowledged, then until it is visible."""
        timeout = timeout or self.args.recovery_timeout
        query_url = query_url or self.query.url
        started = time.time()  # the timeout counts from here: a restart may take minutes on a busy machine
        flip_id = None
        while flip_id is None:
            if time.time() - started > timeout:
                row.notes.append(f"no write acknowledged {timeout}s after the app was back")
                row.failed = True
                row.recovery_write.append(None)
                return
            flip_id = self.load.open_flip(self.probe_user, scenario=row.name)
            if flip_id is None:
                time.sleep(0.25)
        t_write = time.time() - t0
        row.recovery_write.append(t_write)
        while True:
            answer = call(query_url, "GET", f"/api/v1/flips/{flip_id}", token=self.probe_user.token, timeout=5)
            if answer.status == 200:
                row.recovery_visible.append(time.time() - t0)
                return
            if time.time() - started > timeout:
                row.notes.append(f"probe flip not visible on the query side {timeout}s after the app was back")
                row.failed = True
                row.recovery_visible.append(None)
                return
            time.sleep(0.2)

    # --- scenarios -------------------------------------------------------------------------------
    def run_scenario(self, name, body):
        row = Row(name)
        self.rows.append(row)
        log(f"=== scenario {name}")
        self.load.scenario = name
        self.load.phase = "normal"
        self.load.query_urls = [self.query.url]
        self.load.start()
        try:
            body(row)
        except Exception as ex:  # noqa: BLE001 (reported in the table, then the suite goes on)
            row.failed = True
            row.notes.append(f"aborted: {ex}")
            log(f"scenario {name} aborted: {ex}")
        finally:
            self.load.stop()
            self.load.phase = "normal"
        self.verify(row)

    def verify(self, row):
        for app in [self.command, self.query] + ([self.query2] if self.query2.process else []):
            try:
                app.await_ready(self.args.start_timeout)
            except RuntimeError as ex:
                row.notes.append(f"{app.name} not ready after the scenario ({ex}); restarted")
                row.failed = True
                app.stop()
                app.start()
                app.await_ready(self.args.start_timeout)
        waited = checks.await_projections(self.pg, self.history, self.args.catch_up_timeout)
        row.catch_up = waited
        if waited is None:
            row.notes.append(f"projections not equal to a replay after {self.args.catch_up_timeout}s")
        result = checks.check(self.pg, self.history, self.users + [self.probe_user], self.query.url)
        row.acked = self.history.acked(row.name)
        row.lost = sum(result.lost.values())
        row.duplicated = sum(result.duplicated.values())
        row.phantoms = result.phantoms
        diffs = {k: v for k, v in result.replay_diffs.items() if sum(v)}
        if diffs:
            row.failed = True
            row.notes.append("replay differs (missing, extra, differing): " + ", ".join(
                f"{k} {v}" for k, v in diffs.items()))
        if row.lost or row.duplicated or row.phantoms:
            row.failed = True
            earlier = {k: v for k, v in list(result.lost.items()) + list(result.duplicated.items()) if k != row.name}
            if earlier:
                row.notes.append(f"found among earlier writes: {earlier}")
        for detail in result.details[:10]:
            log(f"  {detail}")
        reads = self.load.reads.get((row.name, "fault"))
        if reads:
            total = sum(reads.values())
            row.reads = f"{reads['ok']}/{total}"
        log(f"  {row.name}: cycles {row.cycles}, acked {row.acked}, lost {row.lost}, duplicated {row.duplicated}, "
            f"phantom {row.phantoms}, recovery write {fmt_seconds(row.recovery_write)} s, visible "
            f"{fmt_seconds(row.recovery_visible)} s, catch-up {row.catch_up}")
        outcomes = self.history.outcomes[row.name]
        log(f"  {row.name}: writes {dict(outcomes)}")
        log(f"  {row.name}: reads {dict(self.load.reads.get((row.name, 'normal'), {}))} normal, "
            f"{dict(reads or {})} during faults")

    def scenario_kill9(self, row):
        if self.args.cds and not self.command.has_archive:
            # One graceful restart first, so that the class-data archive is written (see App.start).
            self.command.stop(timeout=120)
            self.command.start()
            self.command.await_ready(self.args.start_timeout)
            log(f"  class-data archive for the command side: {'written' if self.command.has_archive else 'MISSING'}")
        started = time.time()
        for cycle in range(self.args.kill_cycles):
            if time.time() - started > self.args.kill_budget:
                row.notes.append(f"stopped after {cycle} of {self.args.kill_cycles} cycles: the time budget "
                                 f"({self.args.kill_budget:.0f}s) ran out")
                row.failed = True
                break
            time.sleep(random.uniform(1.0, 3.0))
            self.command.kill9()
            t0 = time.time()
            self.load.phase = "fault"
            self.command.start()
            self.command.await_ready(self.args.start_timeout)
            self.load.phase = "normal"
            self.measure_recovery(row, t0)
            row.cycles += 1
            log(f"  kill -9 cycle {cycle + 1}: write after {fmt_seconds(row.recovery_write[-1:])}s, visible after "
                f"{fmt_seconds(row.recovery_visible[-1:])}s")

    def scenario_postgres(self, row):
        for cycle in range(self.args.pg_cycles):
            time.sleep(5)
            self.load.phase = "fault"
            self.pg.stop_immediate()
            time.sleep(self.args.pg_down)
            self.pg.start()
            t0 = time.time()
            self.measure_recovery(row, t0)
            self.load.phase = "normal"
            for app in (self.command, self.query):
                if app.process.poll() is not None:
                    row.notes.append(f"{app.name} exited")
                    row.failed = True
            ready = [a.name for a in (self.command, self.query) if a.ready()]
            row.cycles += 1
            log(f"  postgres cycle {cycle + 1}: write after {row.recovery_write[-1]}, visible after "
                f"{row.recovery_visible[-1] if row.recovery_visible else None}; ready: {ready}")

    def _health(self, app, component):
        answer = call(app.url, "GET", f"/actuator/health/{component}", timeout=5)
        return ((answer.json() or {}).get("status")) or str(answer.status)

    def _differing_items(self, sample):
        """Items whose API answer differs from read.item_summary twice in a row (a poll in between is not staleness)."""
        def api(item):
            body = call(self.query.url, "GET", f"/api/v1/items/{item}", timeout=5).json() or {}
            return body.get("high"), body.get("low")

        differing = []
        for item in sample:
            first = api(item)
            row = self.pg.psql(f"SELECT high, low FROM read.item_summary WHERE item_id = {item}")
            expected = tuple(int(v) if v else None for v in row[0]) if row else (None, None)
            if first != expected and api(item) != expected:
                differing.append(item)
        return differing

    def _stale_items(self):
        """(items differing from PostgreSQL now, those still differing 60 s later: stale, not just late)."""
        differing = self._differing_items(random.sample(self.items, min(40, len(self.items))) + SENTINELS)
        still = differing
        deadline = time.time() + 60
        while still and time.time() < deadline:
            time.sleep(5)
            still = self._differing_items(still)
        return len(differing), len(still)

    def scenario_redis(self, row):
        # Stop Redis just before the next /latest poll, so the poll and its projection hit the outage.
        next_poll = self.stub.last_latest_at + 60
        time.sleep(max(0.0, min(60.0, next_poll - 5 - time.time())))
        self.load.phase = "fault"
        self.redis.stop()
        polls = self.stub.count("/latest")
        time.sleep(self.args.redis_down)
        degraded = {a.name: self._health(a, "rateLimiter") for a in (self.command, self.query)}
        self.redis.start()
        t0 = time.time()
        log(f"  redis stopped {self.args.redis_down}s ({self.stub.count('/latest') - polls} /latest poll(s) during it); "
            f"rate limiter: {degraded}")
        self.measure_recovery(row, t0)
        self.load.phase = "normal"
        row.cycles += 1
        self._await_limiter(row, t0)
        time.sleep(3)
        # CLIENT PAUSE: Redis accepts connections but answers nothing.
        self.load.phase = "fault"
        self.redis.pause(self.args.redis_pause * 1000)
        time.sleep(self.args.redis_pause)
        t0 = time.time()
        self.load.phase = "normal"
        self.measure_recovery(row, t0)
        row.cycles += 1
        self._await_limiter(row, t0)
        time.sleep(8)  # one Redis repair interval (5 s) and a little
        late, stale = self._stale_items()
        row.notes.append(f"rate limiter during the outage: {degraded}; items differing from PostgreSQL 8 s after "
                         f"the pause: {late}, still differing 60 s later: {stale}")
        if stale:
            row.failed = True

    def _await_limiter(self, row, t0):
        deadline = time.time() + 60
        while time.time() < deadline:
            states = {a.name: self._health(a, "rateLimiter") for a in (self.command, self.query)}
            if all(s == "UP" for s in states.values()):
                log(f"  rate limiters UP again {time.time() - t0:.1f}s after the fault")
                return
            time.sleep(0.5)
        row.notes.append(f"rate limiter not UP 60s after the fault: {states}")
        row.failed = True

    def _owners(self):
        return self.pg.psql("SELECT processor_name, segment, coalesce(owner, '') FROM token_entry ORDER BY 1, 2")

    def scenario_sigstop(self, row):
        try:
            self._sigstop(row)
        finally:
            self.query.thaw()
            self.load.query_urls = [self.query.url]

    def _sigstop(self, row):
        if not self.query2.process or self.query2.process.poll() is not None:
            self.query2.start()
        self.query2.await_ready(self.args.start_timeout)
        self.load.query_urls = [self.query2.url]
        deadline = time.time() + 60
        pid1 = str(self.query.pid)
        while time.time() < deadline:  # wait for the balancer to give both instances segments
            owners = {o.split("@")[0] for _, _, o in self._owners() if o}
            if len(owners) >= 2:
                break
            time.sleep(1)
        held = [f"{p}/{s}" for p, s, o in self._owners() if o.split("@")[0] == pid1]
        log(f"  query side 1 (pid {pid1}) holds {len(held)} segments: {held}")
        for cycle in range(self.args.stop_cycles):
            time.sleep(3)
            self.load.phase = "fault"
            self.query.freeze()
            t0 = time.time()
            moved = None
            probe = threading.Thread(target=self.measure_recovery, args=(row, t0, self.query2.url))
            probe.start()
            while time.time() - t0 < self.args.freeze_for or moved is None:
                if moved is None and not any(o.split("@")[0] == pid1 for _, _, o in self._owners()):
                    moved = time.time() - t0
                    log(f"  every segment left the frozen instance after {moved:.1f}s")
                if time.time() - t0 > self.args.recovery_timeout:
                    break
                time.sleep(0.5)
            probe.join()
            self.query.thaw()
            self.load.phase = "normal"
            row.cycles += 1
            row.notes.append(f"segments moved after {moved:.1f}s" if moved is not None
                             else "segments never left the frozen instance")
            if moved is None:
                row.failed = True
            time.sleep(10)

    def scenario_osrs(self, row):
        def sentinel_prices():
            prices = {}
            for item in SENTINELS:
                body = call(self.query.url, "GET", f"/api/v1/items/{item}", timeout=5).json() or {}
                prices[item] = (body.get("high"), body.get("low"))
            return prices

        # The last good prices: taken once the API shows what PostgreSQL holds, after the first fault
        # began, so that a good poll still on its way to the API is not mistaken for a change.
        self.load.phase = "fault"
        self.stub.set_mode(self.args.osrs_modes[0])
        time.sleep(10)
        deadline = time.time() + 60
        while self._differing_items(SENTINELS) and time.time() < deadline:
            time.sleep(2)
        before = sentinel_prices()
        log(f"  last-good sentinel prices: {before}")
        violations = []
        for mode in self.args.osrs_modes:
            self.stub.set_mode(mode)
            polls = self.stub.count("/latest")
            t0 = time.time()
            while time.time() - t0 < self.args.osrs_window:
                time.sleep(5)
                now = sentinel_prices()
                for item, price in now.items():
                    if price != before[item]:
                        violations.append(f"{mode}: item {item} {before[item]} -> {price}")
            log(f"  osrs {mode}: {self.stub.count('/latest') - polls} /latest request(s) in {self.args.osrs_window}s")
            row.cycles += 1
        self.stub.set_mode("ok")
        self.load.phase = "normal"
        t0 = time.time()
        self.measure_recovery(row, t0)
        recovered = None
        while time.time() - t0 < 150:
            if sentinel_prices() != before:
                recovered = time.time() - t0
                break
            time.sleep(1)
        row.notes.append(f"prices stayed last-good: {'yes' if not violations else 'NO'}; moved again "
                         + (f"{recovered:.0f}s after the API healed" if recovered is not None else "never (150s)"))
        for v in sorted(set(violations))[:5]:
            row.notes.append(v)
        if violations or recovered is None:
            row.failed = True
        row.recovery_visible.append(recovered)

    # --- report ------------------------------------------------------------------------------------
    def table(self):
        header = ("scenario", "cycles", "writes acked", "lost", "duplicated", "phantom", "max recovery write s",
                  "max recovery visible s", "catch-up s", "reads ok in fault", "result")
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for r in self.rows:
            lines.append("| " + " | ".join(str(x) for x in (
                r.name, r.cycles, r.acked, r.lost, r.duplicated, r.phantoms, fmt_seconds(r.recovery_write),
                fmt_seconds(r.recovery_visible), f"{r.catch_up:.1f}" if r.catch_up is not None else "timeout",
                r.reads or "-", "FAIL" if r.failed else "ok")) + " |")
        notes = [f"- {r.name}: {n}" for r in self.rows for n in r.notes]
        return "\n".join(lines + ([""] + notes if notes else []))

    def cleanup(self):
        if self.load:
            self.load.stop()
        for app in self.apps:
            try:
                app.stop()
            except Exception as ex:  # noqa: BLE001 (keep stopping the rest)
                log(f"stopping {app.name}: {ex}")
        try:
            self.stub.close()
        except Exception:  # noqa: BLE001
            pass
        self.redis.stop()
        self.pg.stop()


def main():
    parser = argparse.ArgumentParser(prog="loadtest/faults.sh", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    env = os.environ.get
    parser.add_argument("--quick", action="store_true", help="fewer cycles and shorter windows (about 8 min)")
    parser.add_argument("--scenarios", default=env("FAULTS_SCENARIOS", ",".join(SCENARIOS)),
                        help="comma-separated subset of " + ",".join(SCENARIOS))
    parser.add_argument("--kill-cycles", type=int, default=int(env("FAULTS_KILL_CYCLES", "20")))
    parser.add_argument("--kill-budget", type=float, default=float(env("FAULTS_KILL_BUDGET", "1500")),
                        help="seconds after which no further kill -9 cycle starts")
    parser.add_argument("--cds", action=argparse.BooleanOptionalAction, default=env("FAULTS_CDS", "false") == "true",
                        help="start the command side with a class-data-sharing archive (faster restarts)")
    parser.add_argument("--pg-cycles", type=int, default=int(env("FAULTS_PG_CYCLES", "2")))
    parser.add_argument("--pg-down", type=float, default=float(env("FAULTS_PG_DOWN", "8")))
    parser.add_argument("--redis-down", type=float, default=float(env("FAULTS_REDIS_DOWN", "15")))
    parser.add_argument("--redis-pause", type=int, default=int(env("FAULTS_REDIS_PAUSE", "8")))
    parser.add_argument("--stop-cycles", type=int, default=int(env("FAULTS_STOP_CYCLES", "1")))
    parser.add_argument("--freeze-for", type=float, default=float(env("FAULTS_FREEZE_FOR", "30")))
    parser.add_argument("--osrs-window", type=float, default=float(env("FAULTS_OSRS_WINDOW", "65")))
    parser.add_argument("--osrs-modes", default=env("FAULTS_OSRS_MODES", "slow,fail,garbage,absurd"))
    parser.add_argument("--writers", type=int, default=int(env("FAULTS_WRITERS", "6")))
    parser.add_argument("--writer-pause", type=float, default=float(env("FAULTS_WRITER_PAUSE", "0.2")))
    parser.add_argument("--readers", type=int, default=int(env("FAULTS_READERS", "2")))
    parser.add_argument("--start-timeout", type=float, default=float(env("FAULTS_START_TIMEOUT", "600")))
    parser.add_argument("--recovery-timeout", type=float, default=float(env("FAULTS_RECOVERY_TIMEOUT", "150")))
    parser.add_argument("--catch-up-timeout", type=float, default=float(env("FAULTS_CATCH_UP_TIMEOUT", "120")))
    parser.add_argument("--postgres-port", type=int, default=int(env("FAULTS_POSTGRES_PORT", "55432")))
    parser.add_argument("--redis-port", type=int, default=int(env("FAULTS_REDIS_PORT", "56379")))
    parser.add_argument("--stub-port", type=int, default=int(env("FAULTS_STUB_PORT", "58089")))
    parser.add_argument("--smtp-port", type=int, default=int(env("FAULTS_SMTP_PORT", "58025")))
    parser.add_argument("--command-port", type=int, default=int(env("FAULTS_COMMAND_PORT", "18081")))
    parser.add_argument("--query-port", type=int, default=int(env("FAULTS_QUERY_PORT", "18082")))
    parser.add_argument("--query2-port", type=int, default=int(env("FAULTS_QUERY2_PORT", "18083")))
    parser.add_argument("--work", required=True)
    parser.add_argument("--results", required=True)
    args = parser.parse_args()
    if args.quick:
        args.kill_cycles = min(args.kill_cycles, 5)
        args.pg_cycles = 1
        args.redis_down = min(args.redis_down, 10)
        args.redis_pause = min(args.redis_pause, 5)
        args.freeze_for = min(args.freeze_for, 20)
        args.osrs_modes = "fail,absurd"
    args.osrs_modes = [m for m in args.osrs_modes.split(",") if m]
    scenarios = [s for s in args.scenarios.split(",") if s]
    unknown = set(scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}")

    suite = Suite(args, Path(args.work), Path(args.results))

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    started = time.time()
    status = 1
    try:
        suite.setup()
        for name in scenarios:
            suite.run_scenario(name, getattr(suite, f"scenario_{name}"))
        final = checks.check(suite.pg, suite.history, suite.users + [suite.probe_user], suite.query.url)
        total = sum(len(d) for d in (suite.history.flips, suite.history.sales, suite.history.watches))
        print()
        print(suite.table())
        print()
        print(f"all scenarios: {total} acknowledged writes ({len(suite.history.flips)} flips, "
              f"{len(suite.history.sales)} sales, {len(suite.history.watches)} watches); final check: lost "
              f"{sum(final.lost.values())}, duplicated {sum(final.duplicated.values())}, phantom {final.phantoms}, "
              f"replay differences {final.replay_diffs}")
        print(f"indeterminate answers: {sum(suite.history.indeterminate_flips.values())} flips, "
              f"{sum(suite.history.indeterminate_sales.values())} sales, {len(suite.history.indeterminate_watches)} "
              f"watches; rejections: {dict(suite.history.rejections)}; errors: {dict(suite.history.errors)}")
        print(f"reads: {dict(suite.load.read_statuses)}; 5xx: {dict(suite.load.read_5xx)}")
        print(f"total time {time.time() - started:.0f}s")
        status = 0 if final.ok() and not any(r.failed for r in suite.rows) else 1
    except KeyboardInterrupt as ex:
        log(f"interrupted ({ex})")
        if suite.rows:
            print(suite.table())
        status = 130
    except Exception as ex:  # noqa: BLE001 (reported, then cleaned up)
        log(f"failed: {ex}")
        if suite.rows:
            print(suite.table())
        status = 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        suite.cleanup()
    return status


if __name__ == "__main__":
    sys.exit(main())
