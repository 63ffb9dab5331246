"""Serve the demo hub with production settings under gunicorn and measure its public pages.

Builds a throwaway site (fresh SQLite file by default, or the PostgreSQL database named by
--database-url), counts the SQL queries each page makes in-process, then loads each page with wrk
(or a Python thread pool when wrk is missing) and prints one row per page. Results also go to
bench/results/pages-<timestamp>.json.

Exit status: 0 when every page answered without errors, 1 when a page failed the pre-load check or
the site could not be built or served, 2 when errors (non-2xx/3xx or socket errors) appeared under load.
"""

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOST, PROJECT_DIR, BenchError, build_env, fetch_status, prepare_site, run_step, served, tail

RESULTS_DIR = PROJECT_DIR / "bench" / "results"
# The demo's two hubs, loaded through their own host names (the Host header picks the hub's site).
HUB_HOSTS = ("westfield.localhost", "carrick.localhost")
HUB_PATHS = ("/", "/programmes/", "/programmes/future-pathways/", "/search/?q=residential")
PAGES = tuple(f"{host}{path}" for host in HUB_HOSTS for path in HUB_PATHS)
FALLBACK_MAX_REQUESTS = 100_000

QUERY_COUNT_SNIPPET = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(raise_request_exception=False)
pages = {}
for page in json.loads(sys.argv[1]):
    host, _, path = page.partition("/")
    client.get("/" + path, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/" + path, HTTP_HOST=host)
    pages[page] = {"status": response.status_code, "queries": len(captured.captured_queries)}
database = settings.DATABASES["default"]
report = {
    "pages": pages,
    "db_vendor": connection.vendor,
    "db_version": ".".join(str(part) for part in connection.get_database_version()),
    "conn_max_age": database.get("CONN_MAX_AGE"),
    "cache_backend": settings.CACHES["default"]["BACKEND"],
    "search_backend": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
}
print(json.dumps(report))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="dj-database-url URL; default: a fresh SQLite file in a temp dir")
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per page (default 15)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--project-dir", help="the code tree to serve (default: this checkout)")
    parser.add_argument(
        "--load-generator",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="auto uses wrk when installed, else a Python thread pool",
    )
    args = parser.parse_args()
    for name in ("duration", "connections", "workers"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    return args


def count_queries(env):
    output = run_step(env, "-c", QUERY_COUNT_SNIPPET, json.dumps(PAGES))
    return json.loads(output.strip().splitlines()[-1])


def check_pages(port, query_report):
    """Every page must answer 200 both in-process and over HTTP before any load is applied."""
    failures = []
    for path in PAGES:
        in_process = query_report["pages"][path]["status"]
        try:
            served = fetch_status(port, *split_page(path))
        except OSError as error:
            served = f"{type(error).__name__}: {error}"
        if in_process != 200 or served != 200:
            failures.append(f"{path}: in-process {in_process}, gunicorn {served}")
    return failures


_TIME_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def split_page(page):
    """("/path", "host") from "host/path"."""
    host, _, path = page.partition("/")
    return "/" + path, host


def _to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(value) * _TIME_UNITS[unit]


def _search(pattern, output, default=None):
    match = re.search(pattern, output, re.MULTILINE)
    return match.groups() if match else default


def parse_wrk(output):
    socket_errors = _search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    counts = map(int, socket_errors or (0, 0, 0, 0))
    socket_detail = dict(zip(("connect", "read", "write", "timeout"), counts, strict=True))
    return {
        "requests_per_second": float(_search(r"^Requests/sec:\s+([\d.]+)", output, ("0",))[0]),
        "p50_ms": _to_ms(_search(r"^\s+50%\s+(\S+)", output)[0]),
        "p99_ms": _to_ms(_search(r"^\s+99%\s+(\S+)", output)[0]),
        "requests": int(_search(r"^\s+(\d+) requests in", output, ("0",))[0]),
        "non_2xx_3xx": int(_search(r"Non-2xx or 3xx responses: (\d+)", output, ("0",))[0]),
        "socket_errors": sum(socket_detail.values()),
        "socket_errors_by_kind": socket_detail,
    }


def load_with_wrk(port, page, duration, connections, timeout=None):
    """wrk's figures for ``page``; ``timeout`` seconds before wrk gives up on an answer (wrk's own default: 2)."""
    path, host = split_page(page)
    threads = min(2, connections)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        *([f"--timeout={timeout}s"] if timeout else []),
        "--latency",
        "-H",
        f"Host: {host}",
        f"http://{HOST}:{port}{path}",
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    if completed.returncode != 0:
        raise BenchError(f"wrk failed on {path}:\n{completed.stdout}\n{completed.stderr}")
    try:
        return parse_wrk(completed.stdout)
    except (AttributeError, TypeError) as error:
        raise BenchError(f"could not parse wrk output for {path}:\n{completed.stdout}") from error


def _python_client(port, page, deadline, max_requests):
    path, host = split_page(page)
    latencies, non_2xx_3xx, socket_errors = [], 0, 0
    connection = None
    for _ in range(max_requests):
        if time.monotonic() >= deadline:
            break
        connection = connection or http.client.HTTPConnection(HOST, port, timeout=10)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Host": host})
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            socket_errors += 1
            connection.close()
            connection = None
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        non_2xx_3xx += not 200 <= response.status < 400
    if connection:
        connection.close()
    return latencies, non_2xx_3xx, socket_errors


def _percentile(sorted_values, percent):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, round(percent / 100 * (len(sorted_values) - 1)))]


def load_with_python(port, path, duration, connections):
    """Same outputs as wrk, bounded by both time and FALLBACK_MAX_REQUESTS."""
    per_client = max(1, FALLBACK_MAX_REQUESTS // connections)
    started = time.monotonic()
    deadline = started + duration
    with ThreadPoolExecutor(max_workers=connections) as pool:
        futures = [pool.submit(_python_client, port, path, deadline, per_client) for _ in range(connections)]
        outcomes = [future.result() for future in futures]
    elapsed = time.monotonic() - started
    latencies = sorted(value for outcome in outcomes for value in outcome[0])
    return {
        "requests_per_second": len(latencies) / elapsed,
        "p50_ms": _percentile(latencies, 50),
        "p99_ms": _percentile(latencies, 99),
        "requests": len(latencies),
        "non_2xx_3xx": sum(outcome[1] for outcome in outcomes),
        "socket_errors": sum(outcome[2] for outcome in outcomes),
    }


def machine_info(args, query_report, generator):
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=PROJECT_DIR, capture_output=True, text=True)
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "db_engine": f"{query_report['db_vendor']} {query_report['db_version']}",
        "workers": args.workers,
        "connections": args.connections,
        "duration_s": args.duration,
        "load_generator": generator,
        "conn_max_age": query_report["conn_max_age"],
        "cache_backend": query_report["cache_backend"],
        "search_backend": query_report["search_backend"],
        "git_commit": git.stdout.strip(),
        "git_dirty_files": len(dirty.stdout.splitlines()),
        "loadavg_before": os.getloadavg(),
    }


def print_report(info, rows):
    print()
    print(
        f"nproc={info['nproc']}  python={info['python']}  db={info['db_engine']}  workers={info['workers']}  "
        f"connections={info['connections']}  duration={info['duration_s']}s  load={info['load_generator']}"
    )
    print(
        f"conn_max_age={info['conn_max_age']}  cache={info['cache_backend'].rsplit('.', 1)[-1]}  "
        f"search={info['search_backend']}  commit={info['git_commit']} (+{info['git_dirty_files']} uncommitted)"
    )
    header = f"{'page':<60} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['page']:<60} {row['requests_per_second']:>9.1f} {row['p50_ms']:>9.2f} {row['p99_ms']:>9.2f} "
            f"{row['errors']:>7} {row['queries']:>8}"
        )


def write_results(info, rows):
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"pages-{stamp}.json"
    path.write_text(json.dumps({"generated_at": stamp, "machine": info, "pages": rows}, indent=2) + "\n")
    return path


def choose_generator(requested):
    if requested == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    return requested


def measure(args, env, workdir):
    query_report = count_queries(env)
    generator = choose_generator(args.load_generator)
    load = load_with_wrk if generator == "wrk" else load_with_python
    log_path = workdir / "gunicorn.log"
    with served(env, args.workers, log_path) as port:
        failures = check_pages(port, query_report)
        if failures:
            raise BenchError("pages failed before load:\n" + "\n".join(failures) + f"\n{tail(log_path)}")
        rows = []
        for path in PAGES:
            print(f"loading {path} for {args.duration}s ...", flush=True)
            result = load(port, path, args.duration, args.connections)
            errors = result["non_2xx_3xx"] + result["socket_errors"]
            rows.append({"page": path, **result, "errors": errors, **query_report["pages"][path]})
        rows.extend(load_hubs_at_once(load, port, args, query_report))
    return machine_info(args, query_report, generator), rows


def load_hubs_at_once(load, port, args, query_report):
    """Each hub page loaded on both hubs at the same moment (half the connections each): one row per hub,
    marked "(at once)", so a hub's figures beside the other's load can be read against its own alone."""
    rows = []
    half = max(1, args.connections // len(HUB_HOSTS))
    for path in HUB_PATHS:
        pages = [f"{host}{path}" for host in HUB_HOSTS]
        print(f"loading {' and '.join(pages)} at once for {args.duration}s ...", flush=True)
        with ThreadPoolExecutor(max_workers=len(pages)) as pool:
            results = list(pool.map(lambda page: load(port, page, args.duration, half), pages))
        for page, result in zip(pages, results, strict=True):
            errors = result["non_2xx_3xx"] + result["socket_errors"]
            rows.append({"page": f"{page} (at once)", **result, "errors": errors, **query_report["pages"][page]})
    return rows


def _raise_system_exit(signum, _frame):
    raise SystemExit(128 + signum)


def main():
    args = parse_args()
    signal.signal(signal.SIGTERM, _raise_system_exit)
    with tempfile.TemporaryDirectory(prefix="hubportal-bench-") as tmp:
        workdir = Path(tmp)
        database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
        try:
            env = build_env(workdir, database_url, args.project_dir)
            prepare_site(env)
            info, rows = measure(args, env, workdir)
        except BenchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("interrupted; gunicorn stopped", file=sys.stderr)
            return 130
    print_report(info, rows)
    print(f"\nresults written to {write_results(info, rows).relative_to(PROJECT_DIR)}")
    return 2 if any(row["errors"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
