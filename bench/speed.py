"""Issue 16's targets, before and after, from one run: `make bench` (`make bench BENCH_BEFORE=<ref>`).

"Before" is a git ref (default d8375cd, main before issue 16), checked out into a temporary detached git worktree
that is removed at the end (also on Ctrl-C or a failure); "after" is this working tree as it is. Both run the same
measurements with this checkout's bench code and virtualenv, each from its own tree (cwd and PYTHONPATH), and every
gunicorn worker reports where it imported ``portal`` from (a run stops when that is not the tree meant):

- pages: requests/s, p50 and p99 of every public page of the Westfield demo hub on SQLite, production settings,
  gunicorn 2 sync workers, wrk 2 threads / 8 connections, the two trees loaded page by page in turn; beside them
  the home page's HTML served as a static file by whitenoise from the same gunicorn (the ceiling).
- queries: the SQL queries of the programme page (warm second anonymous request), as seeded and with 20 runs.
- rush: bench/booking_load.py, 200 clients confirming at once on a 30-place run, 4 workers, PostgreSQL + Redis.
- search: bench/directory_search.py, directory searches on PostgreSQL at 2,000 / 6,000 and 20,000 / 60,000
  (organisations / services); the built databases are kept per tree between runs.

Each target prints a row (before, after, goal, met) and everything goes to bench/results/speed-<time>.json.
Exit status: 0 every target met; 1 setup failure; 2 errors under load (error answers, a search not 200, a
rush that broke its invariant); 3 ran cleanly but a target was missed.
"""

import argparse
import contextlib
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    PROJECT_DIR,
    BenchError,
    build_env,
    fetch_status,
    forget_cache,
    prepare_site,
    run_step,
    served,
    served_code,
    shell_json,
    tail,
)
from serve_and_measure import load_with_python, load_with_wrk

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
CACHE_DIR = RESULTS_DIR / "cache"
DEFAULT_BEFORE = "d8375cd"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/"
DATABASE_PREFIX = "hubportal_speed"
HUB_HOST = "westfield.localhost"
STATIC_PATH = "/static/bench/home.html"
# The public pages of the demo's Westfield hub, by what they are.
PAGES = {
    "home": "/",
    "programme index": "/programmes/",
    "programme page": "/programmes/future-pathways/",
    "standard page": "/about/",
    "directory": "/directory/",
    "organisation page": "/directory/westfield-council-asb-enforcement/",
    "search": "/search/?q=residential",
}
STATIC = "static file (home HTML)"
SECTIONS = ("pages", "queries", "rush", "search")
SEARCH_SIZES = {"2k": (2_000, 6_000, 30.0), "20k": (20_000, 60_000, 50.0)}
WRK_TIMEOUT = 30
PAGE_SPEEDUP = 3.0
STATIC_SHARE = 0.5
QUERY_BUDGET = 6
RUSH_P99_MS = 3_000.0

# Run in each tree after seeding: the SQL queries of each page (warm second request) and the home page's HTML
# written into the collected static files, for whitenoise to serve as the ceiling.
PAGES_SNIPPET = """
import json, sys
from pathlib import Path
import django
django.setup()
import portal
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

host, pages, static_path = json.loads(sys.argv[1])
client = Client(raise_request_exception=False)
report = {"portal": portal.__file__, "pages": {}}
for name, path in pages.items():
    first = client.get(path, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST=host)
    report["pages"][name] = {"status": response.status_code, "queries": len(captured.captured_queries),
                             "cache_control": response.get("Cache-Control", "")}
    if path == "/":
        target = Path(settings.STATIC_ROOT) / static_path.removeprefix(settings.STATIC_URL)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(response.content)
        report["static_bytes"] = len(response.content)
print(json.dumps(report))
"""

# The programme page's runs (added up to a number) and queries (warm second anonymous request).
RUNS_SNIPPET = """
import json, sys
from datetime import timedelta
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site
from programmes.models import ProgrammePage, Run, Session

host, path, slug, runs_wanted = json.loads(sys.argv[1])
site = Site.objects.get(hostname=host.split(":")[0])
programme = ProgrammePage.objects.descendant_of(site.root_page).get(slug=slug)
now = timezone.now()
have = Run.objects.filter(programme=programme).count()
for number in range(have, runs_wanted or 0):
    run = Run.objects.create(
        programme=programme, title=f"Bench cohort {number}", capacity=20, booking_mode="school",
        booking_opens=now - timedelta(days=1), booking_closes=now + timedelta(days=30 + number))
    for day in (0, 1):
        start = now + timedelta(days=40 + number + day)
        Session.objects.create(run=run, start=start, end=start + timedelta(hours=2), venue="Hub")
client = Client(raise_request_exception=False)
client.get(path, HTTP_HOST=host)
with CaptureQueriesContext(connection) as captured:
    response = client.get(path, HTTP_HOST=host)
runs = Run.objects.filter(programme=programme).count()
print(json.dumps({"runs": runs, "status": response.status_code, "queries": len(captured.captured_queries)}))
"""
# Issue 16's page cache switched off, to count what rendering the page costs (the code before has no such switch).
PAGE_CACHE_OFF = {"PAGECACHE_ENABLED": "false"}
QUERY_MODES = {"cache off": PAGE_CACHE_OFF, "as served": {}}


@dataclass
class Tree:
    """One code tree under measurement."""

    label: str
    path: Path
    commit: str
    dirty: bool
    fingerprint: str
    portal: dict = field(default_factory=dict)


@dataclass
class Row:
    """One target's figures: ``met`` is None when the row has no goal (shown for information)."""

    section: str
    target: str
    before: float | None
    after: float | None
    goal: str = ""
    met: bool | None = None
    unit: str = ""


# Pure helpers (tested in tests/bench/test_speed.py).


def ratio(numerator, denominator):
    """numerator / denominator, or None when either is missing or the denominator is not positive."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def at_least(value, goal):
    return None if value is None else value >= goal


def at_most(value, goal):
    return None if value is None else value <= goal


def format_number(value, unit=""):
    """Figures as the table shows them: a ratio with an x, whole numbers from 100, one decimal from 10, else two."""
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:.2f}x"
    if isinstance(value, int) or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


def format_rows(rows):
    """The table every run prints: target, before, after, goal, met."""
    header = ("target", "before", "after", "goal", "met")
    lines = [
        (
            f"{row.section}: {row.target}" + (f" ({row.unit})" if row.unit and row.unit != "x" else ""),
            format_number(row.before, row.unit),
            format_number(row.after, row.unit),
            row.goal,
            {True: "yes", False: "NO", None: ""}[row.met],
        )
        for row in rows
    ]
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(len(header))]
    formatted = []
    for number, line in enumerate([header, *lines]):
        cells = [
            line[0].ljust(widths[0]),
            *(cell.rjust(width) for cell, width in zip(line[1:4], widths[1:4], strict=True)),
        ]
        formatted.append("  ".join([*cells, line[4]]).rstrip())
        if number == 0:
            formatted.append("-" * len(formatted[0]))
    return "\n".join(formatted)


def format_page_details(results):
    """Every page's load figures in each tree (p50/p99, errors, queries and the Cache-Control header it sent)."""
    header = ("page", "tree", "req/s", "p50 ms", "p99 ms", "errors", "queries", "Cache-Control")
    lines = []
    for name in [STATIC, *PAGES]:
        for label, figures in results.get("pages", {}).items():
            page = figures.get(name)
            if page is None:
                continue
            lines.append(
                (
                    name,
                    label,
                    format_number(page.get("requests_per_second")),
                    format_number(page.get("p50_ms")),
                    format_number(page.get("p99_ms")),
                    str(page.get("errors", "-")),
                    str(page.get("queries", "-")),
                    page.get("cache_control", "") or ("-" if name in PAGES else ""),
                )
            )
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(len(header))]
    formatted = []
    for line in [header, *lines]:
        cells = [line[0].ljust(widths[0]), line[1].ljust(widths[1])]
        cells += [cell.rjust(width) for cell, width in zip(line[2:7], widths[2:7], strict=True)]
        formatted.append("  ".join([*cells, line[7]]).rstrip())
    return "\n".join(formatted)


def exit_status(rows, errors):
    """0 all met, 2 errors under load, 3 a target missed (errors come first: figures under errors mean little)."""
    if errors:
        return 2
    return 3 if any(row.met is False for row in rows) else 0


def database_name(kind, tree):
    """A PostgreSQL database of this kind for this tree: the tree's commit and, when it has uncommitted changes,
    their fingerprint are in the name, so a database is reused only by the code that built it."""
    return f"{DATABASE_PREFIX}_{kind}_{tree.label}_{tree.fingerprint}".lower()


def percentile(sorted_values, percent):
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, round(percent / 100 * (len(sorted_values) - 1)))]


def sections(text):
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(SECTIONS)} (got {text!r})")
    return chosen


# Trees.


def git(*args, cwd=PROJECT_DIR):
    completed = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if completed.returncode != 0:
        raise BenchError(f"git {' '.join(args)} failed: {completed.stderr.strip()}")
    return completed.stdout


def working_tree():
    """This checkout as it is: HEAD plus a fingerprint of its uncommitted changes (tracked diffs, untracked files)."""
    commit = git("rev-parse", "--short=10", "HEAD").strip()
    status = git("status", "--porcelain", "--untracked-files=all")
    digest = hashlib.sha256(git("diff", "HEAD", "--binary").encode())
    for line in sorted(status.splitlines()):
        digest.update(line.encode())
        if line.startswith("??"):
            path = PROJECT_DIR / line[3:]
            if path.is_file():
                digest.update(path.read_bytes())
    dirty = bool(status.strip())
    fingerprint = commit + (f"d{digest.hexdigest()[:6]}" if dirty else "")
    return Tree("after", PROJECT_DIR, commit, dirty, fingerprint)


@contextlib.contextmanager
def before_tree(ref, workroot):
    """``ref`` checked out into a detached worktree under ``workroot``, removed when the block ends."""
    commit = git("rev-parse", "--verify", "--short=10", f"{ref}^{{commit}}").strip()
    path = workroot / f"before-{commit}"
    git("worktree", "add", "--detach", "--quiet", str(path), commit)
    try:
        yield Tree("before", path, commit, False, commit)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=PROJECT_DIR, capture_output=True)
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=PROJECT_DIR, capture_output=True)


def verify_tree(env, tree):
    """manage.py's and python's ``portal`` is the tree's own (gunicorn's is checked by common.served)."""
    where = shell_json(env, "import json, portal; print(json.dumps(portal.__file__))")
    if not Path(where).resolve().is_relative_to(tree.path.resolve()):
        raise BenchError(f"{tree.label}: portal imported from {where}, not from {tree.path}")
    tree.portal["manage.py"] = where
    return where


# PostgreSQL databases.


def postgres_url(name):
    return POSTGRES_URL + name


def maintenance():
    import psycopg

    parts = urlsplit(POSTGRES_URL)
    url = urlunsplit(("postgresql", parts.netloc, "/postgres", "", ""))
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as error:
        raise BenchError(f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}") from error


def drop_database(name):
    from psycopg import sql

    with maintenance() as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def drop_stale_databases(kind, keep):
    """Drop this bench's databases of ``kind`` that this run did not use (older commits or changes)."""
    with maintenance() as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", (f"{DATABASE_PREFIX}_{kind}_%",)
            )
        ]
    for name in sorted(set(names) - set(keep)):
        print(f"dropping stale database {name}")
        drop_database(name)


def prepare_database(kind, tree, fresh):
    """The tree's database of ``kind`` (reused when this code built it before; dropped first with --fresh)."""
    name = database_name(kind, tree)
    if fresh:
        drop_database(name)
    return name


# Measurements.


def choose_load(requested):
    if requested == "wrk" or (requested == "auto" and shutil.which("wrk")):
        if not shutil.which("wrk"):
            raise BenchError("wrk is not installed (make bench installs it when it can)")
        return "wrk", load_with_wrk
    print("warning: wrk is missing; the Python load generator is used (its own ceiling is far below wrk's)")
    return "python", load_with_python


def site_cache(tree):
    """Where the tree's built SQLite demo hub (database, media, collected static files) is kept between runs: one
    per code (commit and uncommitted changes) and day (the demo's dates are relative to the day it was seeded)."""
    return CACHE_DIR / f"pages-{tree.label}-{tree.fingerprint}-{datetime.now(UTC):%Y%m%d}"


def build_pages_site(tree, workroot, args):
    """The tree's SQLite demo hub in a work directory of its own (a copy of the kept one when there is one), and
    its in-process report: each page's status, queries and Cache-Control; the home page written as a static file."""
    workdir = workroot / f"pages-{tree.label}"
    env = build_env(workdir, f"sqlite:///{workdir / 'bench.sqlite3'}", tree.path)
    kept = site_cache(tree)
    started = time.perf_counter()
    if kept.is_dir() and not args.fresh:
        shutil.copytree(kept, workdir)
        print(f"[{tree.label}] SQLite demo hub copied from {kept.relative_to(PROJECT_DIR)}", flush=True)
    else:
        workdir.mkdir()
        print(f"[{tree.label}] building the SQLite demo hub ...", flush=True)
        prepare_site(env)
        partial = kept.with_name(kept.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(workdir, partial)
        shutil.rmtree(kept, ignore_errors=True)
        partial.rename(kept)
        print(f"[{tree.label}] built in {time.perf_counter() - started:.0f}s (kept for later runs today)", flush=True)
    verify_tree(env, tree)
    report = shell_json_args(env, PAGES_SNIPPET, [HUB_HOST, PAGES, STATIC_PATH])
    return env, workdir, report


def drop_stale_sites(trees):
    """Forget kept SQLite hubs of other code or other days."""
    keep = {site_cache(tree).name for tree in trees}
    for path in CACHE_DIR.glob("pages-*") if CACHE_DIR.is_dir() else []:
        if path.name not in keep:
            print(f"removing stale kept site {path.relative_to(PROJECT_DIR)}")
            shutil.rmtree(path, ignore_errors=True)


def shell_json_args(env, code, argument):
    output = run_step(env, "-c", code, json.dumps(argument))
    return json.loads(output.strip().splitlines()[-1])


def load_page(load, port, path, args):
    page = f"{HUB_HOST}{path}"
    if load is load_with_wrk:
        # A slow answer on a busy machine is counted as slow (p99), not as a wrk timeout (its default is 2 s).
        result = load(port, page, args.duration, args.connections, timeout=WRK_TIMEOUT)
    else:
        result = load(port, page, args.duration, args.connections)
    return result | {"errors": result["non_2xx_3xx"] + result["socket_errors"]}


def measure_pages(trees, args, workroot, results):
    """Both trees served at once (each its own gunicorn), every page loaded on one then the other, in turn."""
    generator, load = choose_load(args.load_generator)
    results["load_generator"] = generator
    with ThreadPoolExecutor(max_workers=len(trees)) as pool:
        built = list(pool.map(lambda tree: build_pages_site(tree, workroot, args), trees))
    sites = {tree.label: site for tree, site in zip(trees, built, strict=True)}
    if not args.keep_stale:
        drop_stale_sites(trees)
    figures = results["pages"] = {tree.label: {} for tree in trees}
    errors = []
    try:
        with contextlib.ExitStack() as stack:
            ports = {}
            for tree in trees:
                env, workdir, report = sites[tree.label]
                ports[tree.label] = stack.enter_context(served(env, args.workers, workdir / "gunicorn.log"))
                tree.portal["gunicorn"] = served_code(env, workdir / "gunicorn.log", args.workers)
                print(f"[{tree.label}] gunicorn on port {ports[tree.label]} serves {tree.portal['gunicorn']}")
                for name, path in [*PAGES.items(), (STATIC, STATIC_PATH)]:
                    status = fetch_status(ports[tree.label], path, HUB_HOST)
                    in_process = report["pages"].get(name, {}).get("status", 200)
                    if status != 200 or in_process != 200:
                        raise BenchError(
                            f"[{tree.label}] {name} {path}: in-process {in_process}, gunicorn {status}\n"
                            f"{tail(workdir / 'gunicorn.log')}"
                        )
            for number, (name, path) in enumerate([(STATIC, STATIC_PATH), *PAGES.items()]):
                # Alternate which tree goes first, so that a drift in the machine's load favours neither.
                for tree in trees if number % 2 == 0 else trees[::-1]:
                    print(f"[{tree.label}] loading {name} ({path}) for {args.duration}s ...", flush=True)
                    result = load_page(load, ports[tree.label], path, args)
                    if name in PAGES:
                        result |= sites[tree.label][2]["pages"][name]
                    figures[tree.label][name] = result
                    if result["errors"]:
                        errors.append(f"[{tree.label}] {name}: {result['errors']} errors under load")
    finally:
        for env, _workdir, _report in sites.values():
            forget_cache(env)
    return sites, errors


def page_rows(results):
    before, after = results["pages"].get("before", {}), results["pages"].get("after", {})
    rows = []
    for name in [*PAGES, STATIC]:
        b, a = before.get(name, {}).get("requests_per_second"), after.get(name, {}).get("requests_per_second")
        rows.append(Row("pages", f"{name} req/s", b, a, "", None))
        if name in PAGES:
            speedup = ratio(a, b)
            rows.append(
                Row(
                    "pages",
                    f"{name} after/before",
                    None,
                    speedup,
                    f">= {PAGE_SPEEDUP:g}x",
                    at_least(speedup, PAGE_SPEEDUP),
                    "x",
                )
            )
    static_before = before.get(STATIC, {}).get("requests_per_second")
    static_after = after.get(STATIC, {}).get("requests_per_second")
    for name in PAGES:
        b = ratio(before.get(name, {}).get("requests_per_second"), static_before)
        a = ratio(after.get(name, {}).get("requests_per_second"), static_after)
        rows.append(Row("pages", f"{name} / static", b, a, f">= {STATIC_SHARE:g}x", at_least(a, STATIC_SHARE), "x"))
    return rows


def measure_queries(trees, sites, workroot, results, args):
    """The programme page's queries in each tree (after the page load, in its database), as seeded and with
    ``--runs`` runs: with the page cache off (what rendering costs) and as served (a warm second request)."""
    figures = results["queries"] = {}
    for tree in trees:
        if sites and tree.label in sites:
            env = dict(sites[tree.label][0])
        else:
            env, _workdir, _report = build_pages_site(tree, workroot, args)
        # A key prefix of its own: nothing the load left in the cache answers these requests.
        env["CACHE_KEY_PREFIX"] += "-queries"
        counts = figures[tree.label] = {mode: {} for mode in QUERY_MODES}
        try:
            for wanted in (None, args.runs):
                for mode, overrides in QUERY_MODES.items():
                    count = shell_json_args(
                        env | overrides, RUNS_SNIPPET, [HUB_HOST, PAGES["programme page"], "future-pathways", wanted]
                    )
                    counts[mode][str(count["runs"])] = count
                    wanted = None  # added once
        except BenchError as error:
            counts["error"] = str(error)[-500:]
            print(f"[{tree.label}] could not count the programme page's queries with runs: {str(error)[-300:]}")
        finally:
            forget_cache(env)
        print(f"[{tree.label}] programme page queries by runs: {json.dumps(counts)}")


def query_rows(results):
    """The programme page's queries: as loaded (information), then by runs with the page cache off (goal) and as
    served (information)."""
    rows = []
    before = results.get("pages", {}).get("before", {}).get("programme page", {}).get("queries")
    after = results.get("pages", {}).get("after", {}).get("programme page", {}).get("queries")
    if before is not None or after is not None:
        rows.append(Row("queries", "programme page, as loaded", before, after))
    by_tree = results.get("queries", {})
    for mode in QUERY_MODES:
        counts = sorted({int(runs) for figures in by_tree.values() for runs in figures.get(mode, {})})
        for runs in counts:
            b = by_tree.get("before", {}).get(mode, {}).get(str(runs), {}).get("queries")
            a = by_tree.get("after", {}).get(mode, {}).get(str(runs), {}).get("queries")
            goal = mode == "cache off"
            label = f"programme page, {runs} run{'' if runs == 1 else 's'}, {mode}"
            rows.append(
                Row(
                    "queries",
                    label,
                    b,
                    a,
                    f"<= {QUERY_BUDGET}" if goal else "",
                    at_most(a, QUERY_BUDGET) if goal else None,
                )
            )
    return rows


def run_bench(script, arguments, log_path, label):
    """Run another bench of this checkout; its output goes to ``log_path``; returns (status, seconds)."""
    command = [sys.executable, str(BENCH_DIR / script), *arguments]
    started = time.perf_counter()
    with open(log_path, "w") as log:
        completed = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    print(f"[{label}] {script} exited {completed.returncode} after {seconds:.0f}s (log {log_path})", flush=True)
    if completed.returncode == 1:
        raise BenchError(f"[{label}] {script} could not set up:\n{tail(log_path)}")
    return completed.returncode, seconds


def measure_rush(trees, args, workroot, results):
    figures = results["rush"] = {}
    errors = []
    used = []
    for tree in trees:
        name = prepare_database("rush", tree, args.fresh)
        used.append(name)
        out = workroot / f"rush-{tree.label}.json"
        print(
            f"[{tree.label}] booking rush: {args.rush_clients} clients, {args.rush_capacity} places, "
            f"{args.rush_workers} workers, database {name} ...",
            flush=True,
        )
        status, seconds = run_bench(
            "booking_load.py",
            [
                "--project-dir",
                str(tree.path),
                "--database-url",
                postgres_url(name),
                "--json",
                str(out),
                "--clients",
                str(args.rush_clients),
                "--capacity",
                str(args.rush_capacity),
                "--workers",
                str(args.rush_workers),
            ],
            workroot / f"rush-{tree.label}.log",
            tree.label,
        )
        figures[tree.label] = json.loads(out.read_text()) if out.exists() else {}
        figures[tree.label] |= {"exit_status": status, "seconds": seconds}
        if status != 0:
            errors.append(
                f"[{tree.label}] booking rush exited {status}: {tail(workroot / f'rush-{tree.label}.log', 800)}"
            )
    if not args.keep_stale:
        drop_stale_databases("rush", used)
    return errors


def rush_rows(results):
    before, after = results.get("rush", {}).get("before", {}), results.get("rush", {}).get("after", {})
    return [
        Row("rush", "final POST p50", before.get("p50_ms"), after.get("p50_ms"), "", None, "ms"),
        Row(
            "rush",
            "final POST p99",
            before.get("p99_ms"),
            after.get("p99_ms"),
            f"<= {RUSH_P99_MS:,.0f} ms",
            at_most(after.get("p99_ms"), RUSH_P99_MS),
            "ms",
        ),
        Row(
            "rush",
            "overbooked places",
            before.get("overbooked"),
            after.get("overbooked"),
            "0",
            at_most(after.get("overbooked"), 0),
        ),
        Row("rush", "lost confirmations", before.get("lost"), after.get("lost"), "0", at_most(after.get("lost"), 0)),
        Row("rush", "error answers", before.get("errors"), after.get("errors"), "0", at_most(after.get("errors"), 0)),
    ]


def search_summary(report):
    """p50 and p95 over every timed request of each search page kind (/directory/, /search/)."""
    summary = {}
    for kind in ("/directory/", "/search/"):
        timings = sorted(
            timing
            for path, row in report.get("results", {}).items()
            if path.startswith(kind + "?q=")
            for timing in row.get("timings_ms", [])
        )
        summary[kind] = {"p50_ms": percentile(timings, 50), "p95_ms": percentile(timings, 95), "requests": len(timings)}
    summary["non_200"] = sorted(path for path, row in report.get("results", {}).items() if row.get("status") != 200)
    return summary


def measure_search(trees, args, workroot, results):
    figures = results["search"] = {}
    errors = []
    sizes = [size for size in SEARCH_SIZES if size in args.search_sizes]
    for size in sizes:
        organisations, services, _goal = SEARCH_SIZES[size]
        used = []
        for tree in trees:
            name = prepare_database(f"dir{size}", tree, args.fresh)
            used.append(name)
            out = workroot / f"search-{size}-{tree.label}.json"
            print(
                f"[{tree.label}] directory search at {organisations:,} / {services:,}, database {name} "
                "(built once per tree; the first build is slow) ...",
                flush=True,
            )
            try:
                status, seconds = run_bench(
                    "directory_search.py",
                    [
                        *("--project-dir", str(tree.path), "--database-url", postgres_url(name)),
                        *("--json", str(out), "--organisations", str(organisations), "--services", str(services)),
                        *("--repeat", str(args.search_repeat), "--searches-only", "--unique-query"),
                    ],
                    workroot / f"search-{size}-{tree.label}.log",
                    tree.label,
                )
            finally:
                if not out.exists():
                    # Stopped before the end: the directory may be generated but not yet indexed, which a later
                    # run could not tell, so it starts again.
                    drop_database(name)
            report = json.loads(out.read_text()) if out.exists() else {}
            summary = search_summary(report)
            figures.setdefault(size, {})[tree.label] = summary | {
                "exit_status": status,
                "seconds": seconds,
                "portal": report.get("portal"),
                "organisations": report.get("organisations"),
                "services": report.get("services"),
            }
            tree.portal[f"directory_search.py ({size})"] = report.get("portal")
            if report.get("portal") and not Path(report["portal"]).resolve().is_relative_to(tree.path.resolve()):
                raise BenchError(f"[{tree.label}] directory search imported portal from {report['portal']}")
            if status != 0 or summary["non_200"]:
                errors.append(
                    f"[{tree.label}] directory search ({size}) exited {status}; not 200: {summary['non_200']}"
                )
        if not args.keep_stale:
            drop_stale_databases(f"dir{size}", used)
    return errors


def search_rows(results):
    rows = []
    for size, by_tree in results.get("search", {}).items():
        organisations, services, goal = SEARCH_SIZES[size]
        label = f"{organisations:,}/{services:,}"
        before, after = by_tree.get("before", {}), by_tree.get("after", {})
        for kind, name in (("/directory/", "directory search"), ("/search/", "site search")):
            for key, percent in (("p50_ms", "p50"), ("p95_ms", "p95")):
                b = before.get(kind, {}).get(key)
                a = after.get(kind, {}).get(key)
                has_goal = kind == "/directory/" and key == "p50_ms"
                rows.append(
                    Row(
                        "search",
                        f"{name} {percent} at {label}",
                        b,
                        a,
                        f"<= {goal:g} ms" if has_goal else "",
                        at_most(a, goal) if has_goal else None,
                        "ms",
                    )
                )
    return rows


# The run.


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--before",
        default=os.environ.get("BENCH_BEFORE") or DEFAULT_BEFORE,
        help=f"git ref of the code before (default {DEFAULT_BEFORE})",
    )
    parser.add_argument(
        "--only",
        type=sections,
        default=list(SECTIONS),
        help=f"comma-separated subset of {','.join(SECTIONS)} (default all)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page and tree (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8; 2 threads)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers for the pages (default 2)")
    parser.add_argument("--load-generator", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--runs", type=int, default=20, help="runs on the programme page for the queries (20)")
    parser.add_argument("--rush-clients", type=int, default=200)
    parser.add_argument("--rush-capacity", type=int, default=30)
    parser.add_argument("--rush-workers", type=int, default=4)
    parser.add_argument("--search-repeat", type=int, default=30, help="timed requests per search URL (default 30)")
    parser.add_argument(
        "--search-sizes",
        type=lambda text: [part for part in text.split(",") if part],
        default=list(SEARCH_SIZES),
        help="2k,20k (default both)",
    )
    parser.add_argument("--skip-large", action="store_true", help="leave out the 20,000-organisation directory")
    parser.add_argument(
        "--fresh", action="store_true", help="build the sites and databases again (they are kept between runs)"
    )
    parser.add_argument(
        "--keep-stale",
        action="store_true",
        help="keep databases of other commits (by default those of the kinds run are dropped)",
    )
    args = parser.parse_args(argv)
    if args.skip_large:
        args.search_sizes = [size for size in args.search_sizes if size != "20k"]
    if unknown := set(args.search_sizes) - set(SEARCH_SIZES):
        parser.error(f"--search-sizes: unknown {sorted(unknown)}")
    return args


def header(trees, args, results):
    info = {
        "nproc": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "loadavg_start": os.getloadavg(),
        "trees": {
            tree.label: {
                "path": str(tree.path),
                "commit": tree.commit,
                "dirty": tree.dirty,
                "fingerprint": tree.fingerprint,
                "portal": tree.portal,
            }
            for tree in trees
        },
        "args": {name: value for name, value in vars(args).items()},
    }
    results["machine"] = info
    return info


def print_summary(trees, args, results, rows, started):
    print()
    for tree in trees:
        dirty = " + uncommitted changes" if tree.dirty else ""
        print(f"{tree.label}: {tree.commit}{dirty} at {tree.path}")
        for where, paths in tree.portal.items():
            print(f"  portal imported by {where} from {paths}")
    print(
        f"nproc={results['machine']['nproc']}  python={results['machine']['python']}  "
        f"load average at start {'/'.join(f'{value:.1f}' for value in results['machine']['loadavg_start'])}, "
        f"at end {'/'.join(f'{value:.1f}' for value in os.getloadavg())}  total {time.monotonic() - started:.0f}s"
    )
    if "pages" in args.only:
        print(
            f"pages: SQLite, {args.workers} workers, {results.get('load_generator', '-')} 2 threads / "
            f"{args.connections} connections, {args.duration}s each"
        )
    if results.get("pages"):
        print()
        print(format_page_details(results))
    print()
    print(format_rows(rows))


def write_results(results, rows):
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"speed-{stamp}.json"
    results["rows"] = [row.__dict__ for row in rows]
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")
    return path


def _raise_system_exit(signum, _frame):
    raise SystemExit(128 + signum)


ROWS = {"pages": page_rows, "queries": query_rows, "rush": rush_rows, "search": search_rows}


def measure_all(trees, args, workroot, results):
    """Each chosen section in turn on both trees; the errors under load."""
    errors = []
    sites = None
    if "pages" in args.only:
        sites, page_errors = measure_pages(trees, args, workroot, results)
        errors += page_errors
    if "queries" in args.only:
        measure_queries(trees, sites, workroot, results, args)
    if "rush" in args.only:
        errors += measure_rush(trees, args, workroot, results)
    if "search" in args.only:
        errors += measure_search(trees, args, workroot, results)
    return errors


def run(args):
    started = time.monotonic()
    results = {"generated_at": datetime.now(UTC).isoformat(), "only": args.only}
    with tempfile.TemporaryDirectory(prefix="hubportal-speed-") as tmp:
        workroot = Path(tmp)
        after = working_tree()
        with before_tree(args.before, workroot) as before:
            trees = [before, after]
            header(trees, args, results)
            for tree in trees:
                print(f"{tree.label}: {tree.commit}{' (+ uncommitted changes)' if tree.dirty else ''} at {tree.path}")
            errors = measure_all(trees, args, workroot, results)
    rows = [row for section in SECTIONS if section in args.only for row in ROWS[section](results)]
    results["errors"] = errors
    results["seconds"] = time.monotonic() - started
    print_summary(trees, args, results, rows, started)
    for error in errors:
        print(f"error: {error}")
    print(f"\nresults written to {write_results(results, rows).relative_to(PROJECT_DIR)}")
    status = exit_status(rows, errors)
    print({0: "every target met", 2: "errors under load", 3: "some targets missed (met: NO)"}[status])
    return status


def main(argv=None):
    try:
        args = parse_args(argv)
    except SystemExit as exit:
        # argparse's usage errors exit 2, which here means errors under load: a wrong option is a setup failure.
        return 1 if exit.code == 2 else exit.code
    signal.signal(signal.SIGTERM, _raise_system_exit)
    try:
        return run(args)
    except BenchError as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; gunicorn stopped and the worktree removed", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
