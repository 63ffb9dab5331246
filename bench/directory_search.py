"""Time the site search, directory search and Open Referral UK API pages on a large directory (PostgreSQL by default).

Builds (once; reused on later runs) a directory of --organisations organisations and --services services
with bench/directory_data.py beside the demo content, indexes it for Wagtail search, then, in a fresh process (as a
server's: not the one that built the directory), requests each URL through Django's test client --repeat times
under production settings and prints p50 and p95
latency (server time, no network) and the SQL queries of one request. Results also go to
bench/results/directory-<timestamp>.json.

    .venv/bin/python bench/directory_search.py [--database-url URL] [--repeat 30] [--rebuild]
        [--project-dir DIR] [--searches-only] [--unique-query] [--json FILE]

Exit status: 0 when every URL answered 200, 1 on setup failure, 2 when a URL answered otherwise.
"""

import argparse
import importlib
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BenchError, ensure_postgres_database, forget_cache

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = PROJECT_DIR / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hubportal_bench_directory"
SEARCHES = ["noise", "street drinking", "drugs", "housing", "fire safety", "graffiti", "lonely older person"]
FORGIVEN = ["alchohol", "grafitti", "homelessness", "flytipping", "ASB"]


def urls(term_id, searches_only=False):
    pages = [f"/directory/?q={query.replace(' ', '+')}" for query in SEARCHES + FORGIVEN]
    pages += [f"/search/?q={query.replace(' ', '+')}" for query in SEARCHES + FORGIVEN]
    if searches_only:
        return pages
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
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR, help="the code tree to measure")
    parser.add_argument("--searches-only", action="store_true", help="only the /directory/ and /search/ searches")
    parser.add_argument(
        "--unique-query",
        action="store_true",
        help="add a parameter of its own to every timed request, so that no page cache can answer it",
    )
    parser.add_argument("--json", type=Path, help="also write the figures (with every timing) to this file")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)  # the measuring process
    return parser.parse_args()


def configure(database_url, project_dir, measure_only=False):
    """Production settings for a throwaway hub. The measuring process (``measure_only``) inherits the building one's
    secrets, cache prefix and collected static files."""
    made = {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "STATIC_ROOT": str(Path(tempfile.mkdtemp(prefix="hubportal-bench-static-"))) if not measure_only else "",
        "CACHE_KEY_PREFIX": f"hubportal-bench-{secrets.token_hex(4)}",
        "MFA_ENCRYPTION_KEY": secrets.token_urlsafe(40),
    }
    if measure_only:
        made = {name: os.environ[name] for name in made}
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        REDIS_URL=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/6",
        WAGTAILADMIN_BASE_URL="https://hub.example.org",
        **made,
    )
    # The measured tree's code, and its own directory_data.py when it has one (the data made as that code makes it).
    os.chdir(project_dir)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(project_dir / "bench"))
    sys.path.insert(0, str(project_dir))
    import django

    django.setup()
    # The application as gunicorn loads it (whatever the tree does on loading, as its server would).
    importlib.import_module("portal.wsgi")
    import portal

    if not Path(portal.__file__).resolve().is_relative_to(project_dir.resolve()):
        raise SystemExit(f"portal was imported from {portal.__file__}, not from {project_dir}")


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
    """Bring PostgreSQL to where autovacuum brings it shortly after a bulk import: planner statistics refreshed (without
    them it takes the thousands of new index entries for a handful and plans nested loops over them: seconds a
    search) and the search index's GIN pending list merged into the index (until then every search reads the
    thousands of entries added since the last vacuum one by one: several milliseconds a search)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def measure(path, repeat, unique_query=False):
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)
    queries = []
    # Django clears its query log when a request starts, so count through a wrapper instead.
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = client.get(path)
    timings = []
    for number in range(repeat):
        timed = f"{path}{'&' if '?' in path else '?'}bench={number}" if unique_query else path
        started = time.perf_counter()
        client.get(timed)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {
        "status": response.status_code,
        "queries": len(queries),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(p95, 1),
        "timings_ms": [round(timing, 2) for timing in timings],
    }


def main():
    args = parse_args()
    if args.database_url.startswith("postgres"):
        try:
            ensure_postgres_database(args.database_url)
        except BenchError as error:
            print(error, file=sys.stderr)
            return 1
    args.project_dir = args.project_dir.resolve()
    configure(args.database_url, args.project_dir, measure_only=args.measure_only)
    if args.measure_only:
        return measure_all(args)
    try:
        build(args)
        # Measured in a process of its own, as a server's would be: the process that has just generated and indexed
        # tens of thousands of rows answered the same searches up to twice as slowly.
        return subprocess.call([sys.executable, str(Path(__file__).resolve()), *sys.argv[1:], "--measure-only"])
    finally:
        forget_cache(os.environ)


def measure_all(args):
    from django.conf import settings
    from django.db import connection

    import portal
    from directory.models import Organisation, Service, TaxonomyTerm

    term_id = TaxonomyTerm.objects.get(slug="drugs-and-alcohol").uuid
    print(
        f"db={connection.vendor} search={settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']} "
        f"organisations={Organisation.objects.published().count()} services={Service.objects.published().count()} "
        f"repeat={args.repeat} portal={Path(portal.__file__).parent}"
    )
    print(f"{'url':<60} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    results = {}
    for path in urls(term_id, args.searches_only):
        results[path] = row = measure(path, args.repeat, args.unique_query)
        print(f"{path[:60]:<60} {row['status']:>6} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['queries']:>8}")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"directory-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    report = {
        "args": {name: str(value) if isinstance(value, Path) else value for name, value in vars(args).items()},
        "portal": portal.__file__,
        "organisations": Organisation.objects.published().count(),
        "services": Service.objects.published().count(),
        "results": results,
    }
    out.write_text(json.dumps(report, indent=2))
    print(f"results written to {out.relative_to(PROJECT_DIR)}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0 if all(row["status"] == 200 for row in results.values()) else 2


if __name__ == "__main__":
    sys.exit(main())
