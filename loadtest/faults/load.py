"""Steady write and read load, and the history of every answer (Jepsen's method).

Every write is one of: `ok` (acknowledged: 201 with an id), `rejected` (a 4xx: the API refused it,
so it must not exist), `refused` (the connection was refused: nothing was sent), or `indeterminate`
(a timeout, a connection cut after the request was sent, or a 5xx: it may or may not exist).
Writes are never retried by the client, so an id acknowledged twice or an event found twice is
the system's doing.
"""

import http.client
import json
import random
import socket
import threading
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

CLIENT_TIMEOUT = 15.0


class Answer:
    __slots__ = ("status", "body", "outcome", "error")

    def __init__(self, status, body, outcome, error=None):
        self.status = status
        self.body = body
        self.outcome = outcome
        self.error = error

    def json(self):
        try:
            return json.loads(self.body)
        except (ValueError, TypeError):
            return None


def call(base_url, method, path, body=None, token=None, timeout=CLIENT_TIMEOUT, headers=None):
    """One request on a fresh loopback connection, classified."""
    host, port = base_url.replace("http://", "").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    sent = False
    try:
        try:
            connection.connect()
        except ConnectionRefusedError as ex:
            return Answer(None, None, "refused", repr(ex))
        except (socket.timeout, OSError) as ex:
            return Answer(None, None, "refused", repr(ex))
        all_headers = {"Accept": "application/json"}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        if token:
            all_headers["Authorization"] = "Bearer " + token
        if headers:
            all_headers.update(headers)
        payload = json.dumps(body) if body is not None else None
        connection.request(method, path, body=payload, headers=all_headers)
        sent = True
        response = connection.getresponse()
        data = response.read()
        status = response.status
        if 200 <= status < 300:
            outcome = "ok"
        elif 400 <= status < 500:
            outcome = "rejected"
        else:
            outcome = "indeterminate"
        return Answer(status, data, outcome)
    except (socket.timeout, TimeoutError) as ex:
        return Answer(None, None, "indeterminate" if sent else "refused", repr(ex))
    except (ConnectionError, http.client.HTTPException, OSError) as ex:
        return Answer(None, None, "indeterminate" if sent else "refused", repr(ex))
    finally:
        connection.close()


def utc(seconds_ago=0.0):
    moment = datetime.now(timezone.utc) - timedelta(seconds=seconds_ago)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class User:
    def __init__(self, email, password, user_id, token):
        self.email = email
        self.password = password
        self.user_id = user_id
        self.token = token
        self.lock = threading.Lock()
        self.open_flips = {}  # flip id -> quantity still safe to sell
        self.watched = set()


class History:
    """Every write answer, tagged with the scenario it was made in."""

    def __init__(self):
        self.lock = threading.Lock()
        self.flips = {}  # flip id -> (user id, scenario)
        self.sales = {}  # sale id -> (flip id, scenario)
        self.watches = {}  # (user id, item id) -> scenario
        self.flip_ids_acked_twice = 0
        self.sale_ids_acked_twice = 0
        self.indeterminate_flips = Counter()  # user id -> count
        self.indeterminate_sales = Counter()  # flip id -> count
        self.indeterminate_watches = set()  # (user id, item id)
        self.outcomes = defaultdict(Counter)  # scenario -> Counter of "kind:outcome"
        self.rejections = Counter()  # "kind:status:code"
        self.errors = Counter()

    def record(self, scenario, kind, answer):
        with self.lock:
            self.outcomes[scenario][f"{kind}:{answer.outcome}"] += 1
            if answer.outcome == "rejected":
                body = answer.json() or {}
                self.rejections[f"{kind}:{answer.status}:{body.get('code')}"] += 1
            elif answer.outcome == "indeterminate" and answer.status:
                self.errors[f"{kind}:{answer.status}"] += 1
            elif answer.error:
                self.errors[f"{kind}:{answer.error.split('(')[0]}"] += 1

    def acked(self, scenario):
        with self.lock:
            return sum(n for key, n in self.outcomes[scenario].items()
                       if key.endswith(":ok") and key.split(":")[0] in ("flip", "sale", "watch"))


class Load:
    """Writers (one user each) and readers, running until stopped."""

    def __init__(self, users, items, history, command_url, query_urls, writer_pause=0.25, readers=2):
        self.users = users
        self.items = items
        self.history = history
        self.command_url = command_url
        self.query_urls = list(query_urls)
        self.writer_pause = writer_pause
        self.reader_count = readers
        self.scenario = "setup"
        self.phase = "normal"
        self.reads = defaultdict(Counter)  # (scenario, phase) -> Counter of outcomes
        self.read_statuses = Counter()
        self.read_5xx = Counter()  # "scenario:endpoint:status"
        self._stop = threading.Event()
        self._threads = []

    # --- writes --------------------------------------------------------------------------------
    def open_flip(self, user, scenario=None):
        scenario = scenario or self.scenario
        quantity = random.randint(200, 2000)
        body = {"itemId": random.choice(self.items), "quantity": quantity, "price": random.randint(100, 50_000),
                "boughtAt": utc(120)}
        answer = call(self.command_url, "POST", "/api/v1/flips", body, user.token)
        self.history.record(scenario, "flip", answer)
        flip_id = None
        if answer.outcome == "ok":
            flip_id = (answer.json() or {}).get("id")
            with self.history.lock:
                if flip_id in self.history.flips:
                    self.history.flip_ids_acked_twice += 1
                self.history.flips[flip_id] = (user.user_id, scenario)
            with user.lock:
                user.open_flips[flip_id] = quantity
        elif answer.outcome == "indeterminate":
            with self.history.lock:
                self.history.indeterminate_flips[user.user_id] += 1
        return flip_id

    def record_sale(self, user, flip_id, scenario=None):
        scenario = scenario or self.scenario
        with user.lock:
            user.open_flips[flip_id] -= 1
            if user.open_flips[flip_id] <= 0:
                del user.open_flips[flip_id]
        body = {"quantity": 1, "price": random.randint(100, 60_000), "soldAt": utc(1)}
        answer = call(self.command_url, "POST", f"/api/v1/flips/{flip_id}/sales", body, user.token)
        self.history.record(scenario, "sale", answer)
        if answer.outcome == "ok":
            sale_id = (answer.json() or {}).get("id")
            with self.history.lock:
                if sale_id in self.history.sales:
                    self.history.sale_ids_acked_twice += 1
                self.history.sales[sale_id] = (flip_id, scenario)
        elif answer.outcome == "indeterminate":
            with self.history.lock:
                self.history.indeterminate_sales[flip_id] += 1

    def watch(self, user, scenario=None):
        scenario = scenario or self.scenario
        with user.lock:
            candidates = [i for i in random.sample(self.items, min(20, len(self.items))) if i not in user.watched]
            if not candidates:
                return
            item = candidates[0]
            user.watched.add(item)
        answer = call(self.command_url, "PUT", f"/api/v1/watchlist/items/{item}", {"alerts": []}, user.token)
        self.history.record(scenario, "watch", answer)
        if answer.outcome == "ok":
            with self.history.lock:
                self.history.watches[(user.user_id, item)] = scenario
        elif answer.outcome == "indeterminate":
            with self.history.lock:
                self.history.indeterminate_watches.add((user.user_id, item))

    def _writer(self, user):
        while not self._stop.is_set():
            roll = random.random()
            with user.lock:
                sellable = list(user.open_flips)
            if roll < 0.35 or not sellable:
                self.open_flip(user)
            elif roll < 0.85:
                self.record_sale(user, random.choice(sellable))
            elif len(user.watched) < 20:  # the free plan's watched items (Entitlements.FREE)
                self.watch(user)
            self._stop.wait(self.writer_pause)

    # --- reads ---------------------------------------------------------------------------------
    def _reader(self, n):
        rng = random.Random(n)
        while not self._stop.is_set():
            user = rng.choice(self.users)
            base = rng.choice(self.query_urls)
            roll = rng.random()
            if roll < 0.4:
                kind, answer = "items", call(base, "GET", f"/api/v1/items/{rng.choice(self.items)}", timeout=5)
            elif roll < 0.8:
                kind, answer = "flips", call(base, "GET", "/api/v1/flips?limit=20", token=user.token, timeout=5)
            else:
                kind, answer = "watchlist", call(base, "GET", "/api/v1/watchlist", token=user.token, timeout=5)
            if answer.status and answer.status >= 500:
                self.read_5xx[f"{self.scenario}:{kind}:{answer.status}"] += 1
            key = (self.scenario, self.phase)
            outcome = answer.outcome if answer.outcome != "indeterminate" else (
                "5xx" if answer.status else "timeout")
            self.reads[key][outcome] += 1
            self.read_statuses[answer.status or answer.outcome] += 1
            self._stop.wait(0.1)

    def start(self):
        self._stop.clear()
        self._threads = [threading.Thread(target=self._writer, args=(u,), daemon=True, name=f"writer-{i}")
                         for i, u in enumerate(self.users)]
        self._threads += [threading.Thread(target=self._reader, args=(i,), daemon=True, name=f"reader-{i}")
                          for i in range(self.reader_count)]
        for thread in self._threads:
            thread.start()

    def stop(self):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=CLIENT_TIMEOUT + 5)
        self._threads = []
