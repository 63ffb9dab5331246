"""Fire many complete school bookings at once over HTTP at gunicorn and check the capacity invariant.

Builds a throwaway hub with production settings (PostgreSQL by default; see --database-url), adds a
school-mode run of --capacity places, then starts --clients threads. Each walks the real booking
journey (question pages, check answers) with its own cookies and CSRF token, waits at a barrier, and
then all post the final "Confirm booking" at the same moment. Afterwards it reads the database and
prints throughput, latency and the invariant: places held <= capacity, exactly the free places
confirmed, one stored booking per confirmation page, no error responses. On Linux it also prints the CPU time
the gunicorn workers and the database's server processes spent on the final posts (from /proc), per
confirmation: with N cores, no schedule answers them all sooner than that total divided by N.

Exit status: 0 when the invariant held and no request failed, 1 on setup failure, 2 otherwise.
"""

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

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

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/hubportal_bench_bookings"
REFERENCE = re.compile(r"BK-[0-9A-Z]{8}")
ANSWERS = {
    "school_name": "Bench School {n}",
    "school_urn": "",
    "contact_name": "Bench Teacher {n}",
    "contact_role": "Head of Year 9",
    "contact_email": "bench{n}@school.example.org",
    "contact_phone": "01632 960{n:03d}",
    "places": "1",
    "year_groups": "9",
    "additional_needs": "",
    "terms_accepted": "on",
}

CREATE_RUN = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Site
from programmes.models import ProgrammePage, Run, Session
now = timezone.now()
# The clients send no hub host name: the default site's programme (the demo has one per hub).
site = Site.objects.get(is_default_site=True)
programme = ProgrammePage.objects.descendant_of(site.root_page).get(slug="future-pathways")
run = Run.objects.create(
    programme=programme, title="Bench cohort %(stamp)s",
    capacity=%(capacity)d, booking_mode="school", booking_opens=now - timedelta(days=1),
    booking_closes=now + timedelta(days=10))
Session.objects.create(run=run, start=now + timedelta(days=20), end=now + timedelta(days=20, hours=2), venue="Hub")
print(run.pk)
"""

COUNT_RUN = """
import json
from bookings.models import Booking
bookings = Booking.objects.filter(run_id=%(run_id)d)
print(json.dumps({"held": bookings.places_held(), "total": bookings.count(),
    "confirmed": bookings.filter(status="confirmed").count(), "waiting": bookings.filter(status="waitlisted").count(),
    "references": list(bookings.values_list("reference", flat=True))}))
"""


def cpu_by_process(*needles):
    """{pid: CPU seconds (user and system) used so far} of the processes whose command line holds every one of
    ``needles``, read from /proc; None where there is no /proc."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    used = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if not all(needle in command for needle in needles):
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[entry.name] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def cpu_between(before, after):
    """CPU seconds the processes alive at the end used since ``before`` (a process gone by then is not counted)."""
    return sum(seconds - before.get(pid, 0) for pid, seconds in after.items())


def school_answers(number):
    """A whole school booking's answers by field name, the contact details made distinct by ``number``."""
    return {name: value.format(n=number) for name, value in ANSWERS.items()}


def book(client, run_id, number, barrier):
    check_path = f"/book/{run_id}/check/"
    fields = walk_to_check(client, f"/book/{run_id}/", check_path, school_answers(number))
    barrier.wait(timeout=600)
    started = time.perf_counter()
    status, path, content = client.follow("POST", check_path, fields)
    elapsed = time.perf_counter() - started
    reference = REFERENCE.search(content)
    return {
        "status": status,
        "final_path": path,
        "reference": reference.group(0) if reference else None,
        "seconds": elapsed,
    }


def attempt(port, run_id, number, barrier):
    client = Client(port)
    try:
        return book(client, run_id, number, barrier) | {"errors": client.errors}
    except (BenchError, OSError, threading.BrokenBarrierError) as error:
        barrier.abort()
        return {"status": None, "reference": None, "seconds": 0, "errors": [*client.errors, repr(error)]}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--project-dir", help="the code tree to serve (default: this checkout)")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args()


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="hubportal-booking-bench-") as tmp:
        return rush(args, Path(tmp))


def rush(args, workdir):
    env = build_env(workdir, args.database_url, args.project_dir)
    env["BOOKING_RATE_LIMIT"] = str(args.clients * 10)
    try:
        prepare_site(env)
        run_id = shell_json(env, CREATE_RUN % {"capacity": args.capacity, "stamp": int(time.time())})
        database_name = args.database_url.rsplit("/", 1)[-1]
        with served(env, args.workers, workdir / "gunicorn.log") as port:
            # The CPU the workers and the database's processes use from the moment every client waits at the
            # barrier (the journeys walked) until the last confirmation page: the final posts alone.
            meters = {
                "gunicorn": ("gunicorn", f"--bind=127.0.0.1:{port}"),
                "postgres": ("postgres: ", f" {database_name} "),
            }
            cpu = {}
            barrier = threading.Barrier(
                args.clients,
                action=lambda: cpu.update(before={name: cpu_by_process(*m) for name, m in meters.items()}),
            )
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.clients) as pool:
                results = list(pool.map(lambda n: attempt(port, run_id, n, barrier), range(args.clients)))
            wall = time.perf_counter() - started
            cpu["after"] = {name: cpu_by_process(*m) for name, m in meters.items()}
        counts = shell_json(env, COUNT_RUN % {"run_id": run_id})
    finally:
        forget_cache(env)
    return report(args, results, counts, wall, cpu)


def figures(args, results, counts, wall):
    """The rush in numbers: latency of the answered final posts, overbooked places and lost confirmations
    (clients whose final post did not end in a stored booking), errors."""
    final = sorted(result["seconds"] for result in results if result["status"] == 200)
    references = {result["reference"] for result in results if result["reference"]}
    stored = set(counts["references"])
    return {
        "clients": args.clients,
        "capacity": args.capacity,
        "workers": args.workers,
        "answered": len(final),
        "p50_ms": statistics.median(final) * 1000 if final else None,
        "p99_ms": final[min(len(final) - 1, int(len(final) * 0.99))] * 1000 if final else None,
        "wall_s": wall,
        "held": counts["held"],
        "confirmed": counts["confirmed"],
        "waiting": counts["waiting"],
        "stored": counts["total"],
        "overbooked": max(0, counts["held"] - args.capacity),
        "lost": args.clients - len(references & stored),
        "errors": sum(len(result["errors"]) for result in results),
    }


def report_cpu(cpu, confirmations):
    """The CPU the final posts cost, in all and per confirmation (its POST and its confirmation page)."""
    if "before" not in cpu or None in cpu["before"].values() or not confirmations:
        return
    spent = {name: cpu_between(cpu["before"][name], cpu["after"][name]) for name in cpu["before"]}
    parts = ", ".join(
        f"{name} {seconds:.1f} s ({seconds * 1000 / confirmations:.0f} ms each)" for name, seconds in spent.items()
    )
    total = sum(spent.values())
    print(
        f"CPU of the final posts: {parts}; together {total:.1f} s, so at least {total / os.cpu_count():.1f} s on "
        f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}"
    )


def report(args, results, counts, wall, cpu):
    final = sorted(result["seconds"] for result in results if result["status"] == 200)
    references = [result["reference"] for result in results if result["reference"]]
    errors = [error for result in results for error in result["errors"]]
    invariant = {
        "held <= capacity": counts["held"] <= args.capacity,
        "free places all confirmed": counts["confirmed"] == min(args.capacity, args.clients),
        "the rest waiting": counts["waiting"] == args.clients - counts["confirmed"],
        "one booking per confirmation": sorted(references) == sorted(counts["references"]),
    }
    print(
        f"clients={args.clients} capacity={args.capacity} workers={args.workers} db={args.database_url.split(':')[0]}"
    )
    print(
        f"final POSTs: {len(final)} answered in {final[-1] if final else 0:.2f}s, "
        f"{len(final) / final[-1] if final else 0:.1f} bookings/s at once; whole run {wall:.1f}s"
    )
    if final:
        print(
            f"final POST latency: p50 {statistics.median(final) * 1000:.0f} ms, "
            f"p99 {final[min(len(final) - 1, int(len(final) * 0.99))] * 1000:.0f} ms"
        )
    report_cpu(cpu, len(final))
    print(
        f"stored: {counts['total']} bookings, {counts['confirmed']} confirmed, {counts['waiting']} waiting, "
        f"{counts['held']} places held; confirmation pages: {len(references)}; error responses: {len(errors)}"
    )
    for name, ok in invariant.items():
        print(f"  {'ok ' if ok else 'FAIL'} {name}")
    for error in errors[:10]:
        print(f"  error: {error}")
    if args.json:
        result = figures(args, results, counts, wall) | {"invariant": invariant}
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0 if all(invariant.values()) and not errors else 2


if __name__ == "__main__":
    run_main(main)
