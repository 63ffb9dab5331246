"""Search pages while the search server hangs: per-request latency and how often the server is asked.

Builds the throwaway demo site (a fresh SQLite file, or --database-url) with its database search index, starts a
"search server" that accepts connections and never answers, serves the site with gunicorn under production
settings pointed at it (SEARCH_URL, Redis as the shared cache under a key prefix of its own, deleted at the end)
and sends --requests requests to each search URL from --clients threads. Prints per URL: requests, p50, p95 and
max latency, non-200 answers, and the connections the hung server accepted meanwhile.

    .venv/bin/python bench/search_outage.py [--timeout 2] [--requests 24] [--clients 4] [--workers 3]

--timeout sets both SEARCH_TIMEOUT and SEARCH_QUERY_TIMEOUT, so code without SEARCH_QUERY_TIMEOUT waits as long.
Exit status: 0 when every request answered 200, 1 on setup failure, 2 otherwise.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HungServer, build_env, fetch_status, forget_cache, prepare_site, run_main, served

URLS = (
    "/search/?q=residential",
    "/directory/?q=drugs",
    "/directory/?q=street+drinking",
    "/api/oruk/services?search=noise",
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--backend", default="elasticsearch9", help="SEARCH_BACKEND (default elasticsearch9)")
    parser.add_argument("--timeout", type=int, default=2, help="SEARCH_TIMEOUT and SEARCH_QUERY_TIMEOUT (default 2)")
    parser.add_argument("--retry-seconds", type=int, default=30, help="SEARCH_RETRY_SECONDS (default 30)")
    parser.add_argument("--requests", type=int, default=24, help="requests per URL (default 24)")
    parser.add_argument("--clients", type=int, default=4, help="threads sending them (default 4)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    return parser.parse_args()


def timed_get(port, path):
    started = time.perf_counter()
    try:
        status = fetch_status(port, path, timeout=120)
    except OSError:
        status = None
    return (time.perf_counter() - started) * 1000, status


def measure(port, path, requests, clients, server):
    before = server.connections
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda _: timed_get(port, path), range(requests)))
    timings = sorted(ms for ms, _ in results)
    return {
        "requests": requests,
        "p50": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
        "max": timings[-1],
        "non_200": sum(status != 200 for _, status in results),
        "connections": server.connections - before,
    }


def serve_and_measure(args, env, server):
    log_path = Path(env["STATIC_ROOT"]).parent / "gunicorn.log"
    try:
        with served(env, args.workers, log_path) as port:
            return {path: measure(port, path, args.requests, args.clients, server) for path in URLS}
    finally:
        forget_cache(env)


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="hubportal-search-outage-"))
    env = build_env(workdir, args.database_url or f"sqlite:///{workdir / 'db.sqlite3'}")
    server = HungServer()
    try:
        prepare_site(env)  # with the database index only: update_index would wait on the hung server
        env.update(
            SEARCH_BACKEND=args.backend,
            SEARCH_URL=server.url,
            SEARCH_TIMEOUT=str(args.timeout),
            SEARCH_QUERY_TIMEOUT=str(args.timeout),
            SEARCH_RETRY_SECONDS=str(args.retry_seconds),
        )
        rows = serve_and_measure(args, env, server)
    finally:
        server.stop()
    print(
        f"{args.backend} server that never answers; SEARCH_TIMEOUT={args.timeout} SEARCH_QUERY_TIMEOUT={args.timeout} "
        f"SEARCH_RETRY_SECONDS={args.retry_seconds}; {args.workers} workers, {args.clients} clients, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'url':<34} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'non-200':>8} {'asked':>6}")
    for path, row in rows.items():
        print(
            f"{path:<34} {row['requests']:>8} {row['p50']:>8.0f} {row['p95']:>8.0f} {row['max']:>8.0f} "
            f"{row['non_200']:>8} {row['connections']:>6}"
        )
    return 0 if not any(row["non_200"] for row in rows.values()) else 2


if __name__ == "__main__":
    run_main(main)
