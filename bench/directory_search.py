"""Time the site search, directory search and Open Referral UK API pages on a large directory (PostgreSQL by default).

Builds (once; reused on later runs) a directory of --organisations organisations and --services services
with bench/directory_data.py beside the demo content, indexes it for Wagtail search, then requests each URL
in-process through Django's test client --repeat times under production settings and prints p50 and p95
latency (server time, no network) and the SQL queries of one request. Results also go to
bench/results/directory-<timestamp>.json.

    .venv/bin/python bench/directory_search.py [--database-url URL] [--repeat 30] [--rebuild]

Exit status: 0 when every URL answered 200, 1 on setup failure, 2 when a URL answered otherwise.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = PROJECT_DIR / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hubportal_bench_directory"
SEARCHES = ["noise", "street drinking", "drugs", "housing", "fire safety", "graffiti", "lonely older person"]
FORGIVEN = ["alchohol", "grafitti", "homelessness", "flytipping", "ASB"]


def urls(term_id):
    pages = [f"/directory/?q={query.replace(' ', '+')}" for query in SEARCHES + FORGIVEN]
    pages += [f"/search/?q={query.replace(' ', '+')}" for query in SEARCHES + FORGIVEN]
    pages += [
        "/directory/",
        "/directory/?category=drugs-and-alcohol",
        "/directory/?q=advice&category=housing&age=15",
        "/directory/?q=support&page=3",
        "/api/oruk/services?search=noise",
        "/api/oruk/services?page=10&per_page=50",
        f"/api/oruk/services?taxonomy_term_id={term_id}&per_page=50",
        "/api/oruk/services?minimum_age=16&day=MO&start_time=10:00",
        "/api/oruk/service_at_locations?per_page=50",
        "/api/oruk/taxonomy_terms",
    ]
    return pages


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--services", type=int, default=6000)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per URL (default 30)")
    parser.add_argument("--rebuild", action="store_true", help="drop the generated directory and build it again")
    return parser.parse_args()


def configure(database_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(Path(tempfile.mkdtemp(prefix="hubportal-bench-static-"))),
        REDIS_URL=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/6",
        CACHE_KEY_PREFIX=f"hubportal-bench-{secrets.token_hex(4)}",
        WAGTAILADMIN_BASE_URL="https://hub.example.org",
        MFA_ENCRYPTION_KEY=secrets.token_urlsafe(40),
    )
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()


def build(args):
    from directory_data import generate
    from django.core.management import call_command

    from directory.models import Organisation

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("seed_demo", verbosity=0)
    generated = Organisation.objects.filter(slug__startswith="bench-")
    if args.rebuild or generated.count() != args.organisations:
        generated.delete()
        started = time.perf_counter()
        made = generate(organisations=args.organisations, services=args.services)
        print(f"generated {made[0]} organisations and {made[1]} services in {time.perf_counter() - started:.1f}s")
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        print(f"update_index in {time.perf_counter() - started:.1f}s")
    analyse()


def analyse():
    """Refresh PostgreSQL's planner statistics, as autovacuum does some time after a bulk import: without them it
    takes the thousands of new index entries for a handful and plans nested loops over them (seconds a search)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(path, repeat):
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)
    queries = []
    # Django clears its query log when a request starts, so count through a wrapper instead.
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = client.get(path)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {
        "status": response.status_code,
        "queries": len(queries),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(p95, 1),
    }


def main():
    args = parse_args()
    if args.database_url.startswith("postgres"):
        sys.path.insert(0, str(Path(__file__).parent))
        from common import BenchError, ensure_postgres_database

        try:
            ensure_postgres_database(args.database_url)
        except BenchError as error:
            print(error, file=sys.stderr)
            return 1
    configure(args.database_url)
    build(args)

    from django.conf import settings
    from django.db import connection

    from directory.models import Organisation, Service, TaxonomyTerm

    term_id = TaxonomyTerm.objects.get(slug="drugs-and-alcohol").uuid
    print(
        f"db={connection.vendor} search={settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']} "
        f"organisations={Organisation.objects.published().count()} services={Service.objects.published().count()} "
        f"repeat={args.repeat}"
    )
    print(f"{'url':<60} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    results = {}
    for path in urls(term_id):
        results[path] = row = measure(path, args.repeat)
        print(f"{path[:60]:<60} {row['status']:>6} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['queries']:>8}")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"directory-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps({"args": vars(args), "results": results}, indent=2))
    print(f"results written to {out.relative_to(PROJECT_DIR)}")
    return 0 if all(row["status"] == 200 for row in results.values()) else 2


if __name__ == "__main__":
    sys.exit(main())
