"""A burst of submissions from one address at gunicorn: do the hourly limits let exactly the limit through?

Builds a throwaway hub with production settings (PostgreSQL when --database-url or DATABASE_URL is given, else a
fresh SQLite file), with Redis as the shared cache under a key prefix of its own (deleted at the end), and serves
it with gunicorn (3 workers). Then --reports sessions each walk the whole public report journey (own cookies and
CSRF token) and wait at a barrier, and all post "Send report" at the same moment; then --bookings sessions do the
same with a school booking. Every request comes from 127.0.0.1: one address. The minimum time to fill a report
is off (a script answers faster than a person).

It prints, per kind: tried, accepted (redirected to the confirmation), refused (429), 5xx, other; whether
accepted == the limit; and what the database holds.

Exit status: 0 when, for both kinds, accepted == the limit == stored and nothing answered 5xx; 1 on setup
failure; 2 otherwise.
"""

import argparse
import os
import secrets
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))

from booking_load import CREATE_RUN, school_answers
from common import (
    BenchError,
    Client,
    build_env,
    forget_cache,
    prepare_site,
    run_main,
    served,
    shell_json,
    walk_to_check,
)
from report_load import CHECK_PATH, CONFIRMATION_PATH, MARKER, START_PATH, answers_for

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
BARRIER_TIMEOUT = 900

COUNT_STORED = """
import json
from bookings.models import Booking
from directory.referrals.models import Referral
print(json.dumps({"reports": Referral.objects.filter(description__startswith=%(marker)r).count(),
    "bookings": Booking.objects.filter(run_id=%(run_id)d).count()}))
"""


def session(port, barrier, start, check_path, answers, confirmation_path):
    """One person: walk the journey, wait for everyone, post the final answer; returns how it was answered."""
    client = Client(port)
    try:
        fields = walk_to_check(client, start, check_path, answers)
    except (BenchError, OSError) as error:
        barrier.abort()
        return f"failed before the burst: {error!r}"
    barrier.wait(timeout=BARRIER_TIMEOUT)
    try:
        status, location, _content = client.request("POST", check_path, fields)
    except OSError as error:
        return f"connection error: {error!r}"
    if status == 302 and urlsplit(location or "").path == confirmation_path:
        return "accepted"
    if status == 429:
        return "refused"
    return "5xx" if status >= 500 else f"other {status}"


def burst(port, count, start, check_path, answers_of, confirmation_path):
    barrier = threading.Barrier(count)
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [
            pool.submit(session, port, barrier, start, check_path, answers_of(number), confirmation_path)
            for number in range(count)
        ]
        return Counter(future.result() for future in futures)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), help="default: a fresh SQLite")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--reports", type=int, default=100, help="sessions sending a report at once")
    parser.add_argument("--bookings", type=int, default=50, help="sessions booking at once")
    parser.add_argument("--report-limit", type=int, default=10, help="REPORT_RATE_LIMIT")
    parser.add_argument("--booking-limit", type=int, default=20, help="BOOKING_RATE_LIMIT")
    parser.add_argument("--workers", type=int, default=3)
    return parser.parse_args()


def prepare(args, workdir):
    database_url = args.database_url or f"sqlite:///{workdir / 'db.sqlite3'}"
    env = build_env(workdir, database_url)
    env.update(
        REDIS_URL=args.redis_url,
        CACHE_KEY_PREFIX=f"hubportal-burst-{secrets.token_hex(6)}",
        REPORT_RATE_LIMIT=str(args.report_limit),
        BOOKING_RATE_LIMIT=str(args.booking_limit),
        REPORT_MIN_SECONDS="0",
    )
    try:
        redis.Redis.from_url(args.redis_url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        raise BenchError(f"Redis is not reachable at {args.redis_url}: {error}") from error
    prepare_site(env)
    run_id = shell_json(env, CREATE_RUN % {"capacity": args.bookings * 2, "stamp": int(time.time())})
    return env, database_url, run_id


def stored_counts(env, run_id):
    return shell_json(env, COUNT_STORED % {"marker": MARKER, "run_id": run_id})


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="hubportal-burst-bench-"))
    env, database_url, run_id = prepare(args, workdir)
    before = stored_counts(env, run_id)
    book_path, book_check = f"/book/{run_id}/", f"/book/{run_id}/check/"
    try:
        with served(env, args.workers, workdir / "gunicorn.log") as port:
            reports = burst(port, args.reports, START_PATH, CHECK_PATH, answers_for, CONFIRMATION_PATH)
            bookings = burst(port, args.bookings, book_path, book_check, school_answers, "/book/confirmation/")
    finally:
        forget_cache(env)
    after = stored_counts(env, run_id)
    stored = {kind: after[kind] - before[kind] for kind in after}
    print(f"workers={args.workers} db={database_url.split(':')[0]} cache=redis ({args.redis_url}) one address")
    results = [
        line("reports", args.reports, args.report_limit, reports, stored["reports"]),
        line("bookings", args.bookings, args.booking_limit, bookings, stored["bookings"]),
    ]
    return 0 if all(results) else 2


def line(kind, tried, limit, answered, stored):
    accepted = answered["accepted"]
    others = {outcome: count for outcome, count in answered.items() if outcome not in {"accepted", "refused", "5xx"}}
    held = accepted == limit == stored and not answered["5xx"] and not others
    print(
        f"{kind:9} tried {tried:4}  accepted {accepted:4}  refused (429) {answered['refused']:4}  "
        f"5xx {answered['5xx']:3}  stored {stored:4}  limit {limit:3}  accepted == limit: "
        f"{'yes' if accepted == limit else 'NO'}"
    )
    for outcome, count in others.items():
        print(f"          {count} x {outcome}")
    return held


if __name__ == "__main__":
    run_main(main)
