"""The private processes of the fault suite: a PostgreSQL 15 cluster, a Redis, and the app jars.

Nothing here touches the machine's shared PostgreSQL (5432) or Redis (6379): the cluster lives in
the suite's temporary directory on its own port, Redis too, and every process is stopped on exit.
"""

import csv
import io
import os
import pwd
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

PG_BIN = Path(os.environ.get("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"))


def log(message):
    print(f"[faults {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Postgres:
    """A throw-away cluster, run as the `postgres` OS user when we are root (initdb refuses root)."""

    def __init__(self, work: Path, port: int):
        self.dir = work / "pg"
        self.port = port
        self.log = work / "postgres.log"
        self.database = "gemetrics"
        self._user = None
        if os.geteuid() == 0:
            self._user = os.environ.get("FAULTS_PG_OS_USER", "postgres")

    def _run(self, *args, check=True, timeout=120):
        command = [str(a) for a in args]
        if self._user:
            command = ["runuser", "-u", self._user, "--"] + command
        return subprocess.run(command, check=check, timeout=timeout, capture_output=True, text=True)

    def init(self):
        self.dir.mkdir(parents=True)
        self.log.touch()
        if self._user:
            info = pwd.getpwnam(self._user)
            os.chown(self.dir, info.pw_uid, info.pw_gid)
            os.chown(self.log, info.pw_uid, info.pw_gid)
        self._run(PG_BIN / "initdb", "-D", self.dir, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        with open(self.dir / "postgresql.conf", "a") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
                       "max_connections = 200\nshared_buffers = 128MB\nfsync = on\nsynchronous_commit = on\n")
        self.start()
        self.psql("CREATE DATABASE gemetrics", database="postgres")

    def start(self):
        self._run(PG_BIN / "pg_ctl", "-D", self.dir, "-l", self.log, "-w", "-t", "60", "start")

    def stop_immediate(self):
        self._run(PG_BIN / "pg_ctl", "-D", self.dir, "-m", "immediate", "-w", "stop", check=False)

    def stop(self):
        if (self.dir / "postmaster.pid").exists():
            self._run(PG_BIN / "pg_ctl", "-D", self.dir, "-m", "fast", "-w", "-t", "30", "stop", check=False)

    @property
    def jdbc_url(self):
        return f"jdbc:postgresql://127.0.0.1:{self.port}/{self.database}"

    def psql(self, sql, database=None):
        """Runs one statement; returns the rows as lists of strings (CSV, no header)."""
        result = subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "-d", database or self.database, "--csv", "-t", "-c", sql],
            capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr.strip()} in: {sql[:200]}")
        return list(csv.reader(io.StringIO(result.stdout)))

    def scalar(self, sql):
        rows = self.psql(sql)
        return rows[0][0] if rows and rows[0] else None


class Redis:
    def __init__(self, work: Path, port: int):
        self.dir = work / "redis"
        self.port = port
        self.log = work / "redis.log"

    def start(self):
        self.dir.mkdir(exist_ok=True)
        subprocess.run(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                        "--appendonly", "no", "--daemonize", "yes", "--dir", str(self.dir),
                        "--pidfile", str(self.dir / "redis.pid"), "--logfile", str(self.log)], check=True)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.cli("PING", check=False) == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis did not start")

    def cli(self, *args, check=True):
        result = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(self.port)] + list(args),
                                capture_output=True, text=True, timeout=30)
        if check and result.returncode != 0:
            raise RuntimeError(result.stderr)
        return result.stdout.strip()

    def stop(self):
        self.cli("SHUTDOWN", "NOSAVE", check=False)
        pid_file = self.dir / "redis.pid"
        deadline = time.time() + 10
        while pid_file.exists() and time.time() < deadline:
            time.sleep(0.1)
        if pid_file.exists():
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
            except (ValueError, ProcessLookupError):
                pass
            pid_file.unlink(missing_ok=True)

    def pause(self, millis):
        return self.cli("CLIENT", "PAUSE", str(millis), "ALL")


class App:
    """One app jar as a process of ours, restartable; its output is appended to one log file."""

    def __init__(self, name, jar: Path, port: int, env: dict, work: Path, heap="384m", cds=False):
        self.name = name
        self.jar = jar
        self.cds_dir = work / f"{name}-cds" if cds else None
        self.port = port
        self.env = env
        self.log = work / f"{name}.log"
        self.heap = heap
        self.process = None
        self.starts = 0

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def start(self):
        env = dict(os.environ)
        env.update(self.env)
        env["SERVER_PORT"] = str(self.port)
        env["SERVER_ADDRESS"] = "127.0.0.1"
        env["AXONIQ_UPDATE_CHECKER_DISABLED"] = "true"
        java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
        jar, cds = self.jar, []
        if self.cds_dir:
            # Class data sharing (a start-up aid, nothing else changes): the jar extracted so the
            # JVM's own class loader sees its classes, and a dynamic archive written when the
            # first process exits normally, used by every later start.
            jar = self.cds_dir / self.jar.name
            if not jar.exists():
                subprocess.run([java, "-Djarmode=tools", "-jar", str(self.jar), "extract", "--destination",
                                str(self.cds_dir)], check=True, capture_output=True, timeout=600)
            archive = self.cds_dir / "app.jsa"
            cds = [f"-XX:SharedArchiveFile={archive}"] if archive.exists() else [f"-XX:ArchiveClassesAtExit={archive}"]
        out = open(self.log, "ab")
        out.write(f"\n==== faults: start #{self.starts + 1} at {time.strftime('%H:%M:%S')} ====\n".encode())
        out.flush()
        self.process = subprocess.Popen(
            [java, f"-Xmx{self.heap}", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
             *cds, "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true", "-jar", str(jar)],
            stdout=out, stderr=subprocess.STDOUT, env=env, stdin=subprocess.DEVNULL)
        out.close()
        self.starts += 1
        return self

    def ready(self, timeout=2.0):
        try:
            with urllib.request.urlopen(self.url + "/health/ready", timeout=timeout) as response:
                return response.status == 200
        except Exception:  # noqa: BLE001 (any failure means: not ready)
            return False

    def await_ready(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log}")
            if self.ready():
                return
            time.sleep(0.25)
        raise RuntimeError(f"{self.name} not ready after {timeout}s; see {self.log}")

    def kill9(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    @property
    def has_archive(self):
        return self.cds_dir is not None and (self.cds_dir / "app.jsa").exists()

    def stop(self, timeout=30):
        if not self.process or self.process.poll() is not None:
            return
        try:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
