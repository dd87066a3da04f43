"""Invariants checked after each scenario, against the event store, the read tables and the API.

- In the event store (domain_event_entry): every acknowledged flip, sale and watch is there exactly
  once; writes nobody acknowledged are allowed only up to the number of indeterminate answers of
  that user (flips), that flip (sales) or that user and item (watches); more is a "phantom".
- In the query side's answers (GET /api/v1/flips, GET /api/v1/watchlist with each user's token):
  every acknowledged flip and watch is listed exactly once; each flip's soldQuantity lies between
  its acknowledged sales and those plus its indeterminate ones (every sale is of quantity 1).
- Projection equals a clean replay: read.flips, read.user_transactions and read.watchlist_items are
  recomputed from the events in SQL and compared row by row (sales count, sold quantity, revenue,
  version). The load only opens flips, records sales and watches items, so the recomputation is
  short and exact.
"""

import time
from collections import Counter

from load import call

EVENTS = """
SELECT payload_type, aggregate_identifier, sequence_number, global_index,
       convert_from(payload, 'UTF8')::jsonb AS p
FROM domain_event_entry
WHERE payload_type IN ('com.gemetrics.api.flip.FlipOpenedEvent', 'com.gemetrics.api.flip.FlipSaleRecordedEvent',
                       'com.gemetrics.api.watchlist.ItemWatchedEvent')
"""


def _id(field):
    return f"coalesce(p->'{field}'->>'value', p->>'{field}')"


REPLAY_FLIPS = f"""
WITH ev AS ({EVENTS}),
opened AS (SELECT aggregate_identifier AS agg FROM ev WHERE payload_type LIKE '%.FlipOpenedEvent'),
sold AS (SELECT aggregate_identifier AS agg, count(*) AS n, sum((p->>'quantity')::bigint) AS q,
                sum((p->>'quantity')::bigint * (p->>'pricePerItem')::bigint) AS rev
         FROM ev WHERE payload_type LIKE '%.FlipSaleRecordedEvent' GROUP BY 1),
ver AS (SELECT aggregate_identifier AS agg, max(sequence_number) AS v
        FROM domain_event_entry WHERE payload_type LIKE 'com.gemetrics.api.flip.%' GROUP BY 1),
expected AS (SELECT o.agg::uuid AS flip_id, coalesce(s.n, 0) AS n, coalesce(s.q, 0) AS q,
                    coalesce(s.rev, 0) AS rev, v.v
             FROM opened o LEFT JOIN sold s USING (agg) JOIN ver v USING (agg))
SELECT count(*) FILTER (WHERE f.flip_id IS NULL),
       count(*) FILTER (WHERE e.flip_id IS NULL),
       count(*) FILTER (WHERE f.flip_id IS NOT NULL AND e.flip_id IS NOT NULL
                        AND (f.sales_count <> e.n OR f.sold_quantity <> e.q OR f.revenue <> e.rev OR f.version <> e.v))
FROM expected e FULL JOIN read.flips f USING (flip_id)
"""

REPLAY_SALES = f"""
WITH ev AS ({EVENTS}),
expected AS (SELECT {_id('flipId')}::uuid AS flip_id, p->>'saleId' AS sale_id FROM ev
             WHERE payload_type LIKE '%.FlipSaleRecordedEvent'),
actual AS (SELECT flip_id, sale_id, count(*) OVER (PARTITION BY flip_id, sale_id) AS copies
           FROM read.user_transactions WHERE kind = 'sale')
SELECT count(*) FILTER (WHERE a.flip_id IS NULL),
       count(*) FILTER (WHERE e.flip_id IS NULL),
       count(*) FILTER (WHERE a.copies > 1)
FROM expected e FULL JOIN actual a USING (flip_id, sale_id)
"""

REPLAY_WATCHES = f"""
WITH ev AS ({EVENTS}),
expected AS (SELECT DISTINCT {_id('userId')}::uuid AS user_id, (p->>'itemId')::int AS item_id FROM ev
             WHERE payload_type LIKE '%.ItemWatchedEvent')
SELECT count(*) FILTER (WHERE a.user_id IS NULL), count(*) FILTER (WHERE e.user_id IS NULL), 0
FROM expected e FULL JOIN read.watchlist_items a USING (user_id, item_id)
"""


class Result:
    def __init__(self):
        self.lost = Counter()  # scenario -> acknowledged writes missing (store or API)
        self.duplicated = Counter()  # scenario -> acknowledged writes found more than once
        self.phantoms = 0
        self.replay_diffs = {}
        self.details = []

    def ok(self):
        return not sum(self.lost.values()) and not sum(self.duplicated.values()) and not self.phantoms and not any(
            sum(v) for v in self.replay_diffs.values())


def replay_differences(pg):
    diffs = {}
    for name, sql in (("flips", REPLAY_FLIPS), ("sales", REPLAY_SALES), ("watches", REPLAY_WATCHES)):
        row = pg.psql(sql)[0]
        diffs[name] = tuple(int(x) for x in row)  # (missing in read model, extra in read model, differing)
    return diffs


def await_projections(pg, history, timeout):
    """Waits until the read tables equal the recomputation; returns seconds waited, or None."""
    start = time.time()
    while True:
        diffs = replay_differences(pg)
        if not any(sum(v) for v in diffs.values()):
            return time.time() - start
        if time.time() - start > timeout:
            return None
        time.sleep(1.0)


def check(pg, history, users, query_url):
    result = Result()
    with history.lock:
        flips = dict(history.flips)
        sales = dict(history.sales)
        watches = dict(history.watches)
        ind_flips = Counter(history.indeterminate_flips)
        ind_sales = Counter(history.indeterminate_sales)
        ind_watches = set(history.indeterminate_watches)
        result.duplicated["(acked twice)"] += history.flip_ids_acked_twice + history.sale_ids_acked_twice

    # --- the event store ---------------------------------------------------------------------------
    store_flips = Counter()
    flip_owner = {}
    for flip_id, user_id, n in pg.psql(
            f"SELECT {_id('flipId')}, {_id('userId')}, count(*) FROM ({EVENTS}) e "
            "WHERE payload_type LIKE '%.FlipOpenedEvent' GROUP BY 1, 2"):
        store_flips[flip_id] += int(n)
        flip_owner[flip_id] = user_id
    store_sales = Counter()
    sale_flip = {}
    for sale_id, flip_id, n in pg.psql(
            f"SELECT p->>'saleId', {_id('flipId')}, count(*) FROM ({EVENTS}) e "
            "WHERE payload_type LIKE '%.FlipSaleRecordedEvent' GROUP BY 1, 2"):
        store_sales[sale_id] += int(n)
        sale_flip[sale_id] = flip_id
    store_watches = Counter()
    for user_id, item_id, n in pg.psql(
            f"SELECT {_id('userId')}, p->>'itemId', count(*) FROM ({EVENTS}) e "
            "WHERE payload_type LIKE '%.ItemWatchedEvent' GROUP BY 1, 2"):
        store_watches[(user_id, int(item_id))] += int(n)

    def lost(scenario, what):
        result.lost[scenario] += 1
        if len(result.details) < 30:
            result.details.append(f"lost {what}")

    def dup(scenario, what):
        result.duplicated[scenario] += 1
        if len(result.details) < 30:
            result.details.append(f"duplicated {what}")

    for flip_id, (user_id, scenario) in flips.items():
        if store_flips[flip_id] == 0:
            lost(scenario, f"flip {flip_id} (not in the event store)")
        elif store_flips[flip_id] > 1:
            dup(scenario, f"flip {flip_id} ({store_flips[flip_id]} FlipOpenedEvents)")
    for sale_id, (flip_id, scenario) in sales.items():
        if store_sales[sale_id] == 0:
            lost(scenario, f"sale {sale_id} of flip {flip_id} (not in the event store)")
        elif store_sales[sale_id] > 1:
            dup(scenario, f"sale {sale_id} ({store_sales[sale_id]} FlipSaleRecordedEvents)")
    for key, scenario in watches.items():
        if store_watches[key] == 0:
            lost(scenario, f"watch {key} (not in the event store)")
        elif store_watches[key] > 1:
            dup(scenario, f"watch {key} ({store_watches[key]} ItemWatchedEvents)")

    unacked_flips = Counter(flip_owner[f] for f in store_flips if f not in flips)
    for user_id, n in unacked_flips.items():
        result.phantoms += max(0, n - ind_flips[user_id])
    unacked_sales = Counter(sale_flip[s] for s in store_sales if s not in sales)
    for flip_id, n in unacked_sales.items():
        result.phantoms += max(0, n - ind_sales[flip_id])
    for key in store_watches:
        if key not in watches and key not in ind_watches:
            result.phantoms += 1

    # --- the query side's answers ------------------------------------------------------------------
    acked_sales_per_flip = Counter(flip_id for flip_id, _ in sales.values())
    flips_by_user = {}
    for flip_id, (user_id, scenario) in flips.items():
        flips_by_user.setdefault(user_id, {})[flip_id] = scenario
    watches_by_user = {}
    for (user_id, item_id), scenario in watches.items():
        watches_by_user.setdefault(user_id, {})[item_id] = scenario
    api_errors = 0
    for user in users:
        listed = Counter()
        sold = {}
        cursor = None
        while True:
            path = "/api/v1/flips?limit=100" + (f"&cursor={cursor}" if cursor else "")
            answer = call(query_url, "GET", path, token=user.token, timeout=30)
            page = answer.json() if answer.status == 200 else None
            if page is None:
                api_errors += 1
                result.details.append(f"GET /api/v1/flips answered {answer.status} {answer.error or ''}")
                break
            for view in page.get("items", []):
                listed[view["id"]] += 1
                sold[view["id"]] = view.get("soldQuantity", 0)
            cursor = page.get("nextCursor")
            if not cursor:
                break
        for flip_id, scenario in flips_by_user.get(user.user_id, {}).items():
            if listed[flip_id] == 0:
                lost(scenario, f"flip {flip_id} (not listed by the query side)")
            elif listed[flip_id] > 1:
                dup(scenario, f"flip {flip_id} (listed {listed[flip_id]} times)")
            else:
                acked = acked_sales_per_flip[flip_id]
                if sold[flip_id] < acked:
                    lost(scenario, f"{acked - sold[flip_id]} sale(s) of flip {flip_id} (soldQuantity {sold[flip_id]})")
                elif sold[flip_id] > acked + ind_sales[flip_id]:
                    dup(scenario, f"sale(s) of flip {flip_id} (soldQuantity {sold[flip_id]} > acked {acked}"
                                  f" + indeterminate {ind_sales[flip_id]})")
        answer = call(query_url, "GET", "/api/v1/watchlist", token=user.token, timeout=30)
        body = answer.json() if answer.status == 200 else None
        if body is None:
            api_errors += 1
            result.details.append(f"GET /api/v1/watchlist answered {answer.status} {answer.error or ''}")
            continue
        watched = Counter(item["itemId"] for item in body.get("items", []))
        for item_id, scenario in watches_by_user.get(user.user_id, {}).items():
            if watched[item_id] == 0:
                lost(scenario, f"watch of {item_id} by {user.user_id} (not in GET /api/v1/watchlist)")
            elif watched[item_id] > 1:
                dup(scenario, f"watch of {item_id} by {user.user_id} (listed {watched[item_id]} times)")
    if api_errors:
        result.lost["(api unreadable)"] += api_errors

    result.replay_diffs = replay_differences(pg)
    return result
