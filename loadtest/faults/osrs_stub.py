"""A stand-in for the OSRS Wiki prices API on loopback that can be told to misbehave.

It serves the recorded fixtures of devstack/src/main/resources/fixtures/osrs (never edited). Like the dev
stack's OsrsStub with --perturb-prices, the n-th /latest answer moves every price up by n gp and
every trade time by n minutes, so each good poll changes every priced item and a price that stops
moving is visible. The mode, switched by the suite, decides how every answer goes:

  ok       the fixtures
  slow     waits `slow_seconds` (longer than the poller's read timeout) before answering
  fail     503 with a small JSON body
  garbage  200 with a body that is not JSON
  absurd   200 with valid JSON whose prices are impossible for the sentinel items (negative or
           zero, above the in-game cap, of the wrong type); the rest as usual
"""

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

BASE_PATH = "/api/v1/osrs"
LATEST_FIELD = re.compile(rb'"(high|low|highTime|lowTime)":(\d+)')
MAX_PRICE = 2_147_483_647


class OsrsStub:
    def __init__(self, fixtures: Path, port: int, sentinels):
        self.port = port
        self.sentinels = [str(s) for s in sentinels]
        self.mode = "ok"
        self.slow_seconds = 25.0
        self.latest_answers = 0
        self.last_latest_at = 0.0
        self.requests = {}
        self._lock = threading.Lock()
        self.mapping = (fixtures / "mapping_2025-05-23.json").read_bytes()
        self.latest = (fixtures / "latest_2025-05-26.json").read_bytes()
        self.five_minute = (fixtures / "5m_latest_2025-05-26.json").read_bytes()
        self.one_hour = (fixtures / "1h_1748242800.json").read_bytes()
        self.timeseries = (fixtures / "timeseries_v1_1h_item8778_2022-06.json").read_bytes()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's naming)
                stub._handle(self)

            def log_message(self, *args):
                pass

        self._handler = Handler
        self.server = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}{BASE_PATH}"

    def start(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, name="osrs-stub", daemon=True).start()
        return self

    def close(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def set_mode(self, mode):
        self.mode = mode

    def count(self, path):
        with self._lock:
            return self.requests.get(path, 0)

    def _handle(self, handler):
        url = urlparse(handler.path)
        path = url.path[len(BASE_PATH):] if url.path.startswith(BASE_PATH) else url.path
        with self._lock:
            self.requests[path] = self.requests.get(path, 0) + 1
        mode = self.mode
        try:
            if mode == "slow":
                time.sleep(self.slow_seconds)
            if mode == "fail":
                return self._send(handler, 503, b'{"error":"service unavailable"}')
            if mode == "garbage":
                return self._send(handler, 200, b"<html><body>502 Bad Gateway</body></html>\x00\xff{]")
            query = parse_qs(url.query)
            if path == "/mapping":
                return self._send(handler, 200, self.mapping)
            if path == "/latest":
                with self._lock:
                    answer = self.latest_answers
                    self.latest_answers += 1
                    self.last_latest_at = time.time()
                body = self._latest(answer)
                if mode == "absurd":
                    body = self._absurd(body)
                return self._send(handler, 200, body)
            if path == "/5m":
                return self._send(handler, 200, self._bucket(self.five_minute, query))
            if path == "/1h":
                return self._send(handler, 200, self._bucket(self.one_hour, query))
            if path == "/timeseries":
                item = query.get("id", [""])[0]
                step = query.get("timestep", ["1h"])[0]
                if item == "8778" and step == "1h":
                    return self._send(handler, 200, self.timeseries)
                return self._send(handler, 200, b'{"data":[]}')
            return self._send(handler, 404, b'{"error":"not found"}')
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _latest(self, answer):
        if answer == 0:
            return self.latest

        def shift(match):
            name, value = match.group(1), int(match.group(2))
            if name.endswith(b"Time"):
                shifted = value + 60 * answer
            else:
                shifted = value + answer if value + answer <= MAX_PRICE else max(1, value - answer)
            return b'"' + name + b'":' + str(shifted).encode()

        return LATEST_FIELD.sub(shift, self.latest)

    def _absurd(self, body):
        data = json.loads(body)
        for n, item in enumerate(self.sentinels):
            entry = data["data"].setdefault(item, {})
            if n % 3 == 0:
                entry["high"], entry["low"] = -5, 0
            elif n % 3 == 1:
                entry["high"], entry["low"] = MAX_PRICE * 4, MAX_PRICE * 8
            else:
                entry["high"], entry["low"] = "lots", {"gp": 1}
        return json.dumps(data).encode()

    @staticmethod
    def _bucket(recorded, query):
        asked = query.get("timestamp", [None])[0]
        recorded_ts = re.search(rb'"timestamp":(\d+)\}\s*$', recorded)
        if asked is None or (recorded_ts and asked.encode() == recorded_ts.group(1)):
            return recorded
        if not asked.isdigit():
            return b'{"data":{},"timestamp":null}'
        return ('{"data":{},"timestamp":%s}' % asked).encode()

    @staticmethod
    def _send(handler, status, body):
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
