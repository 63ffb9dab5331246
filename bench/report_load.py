"""Sustained complete public reports over HTTP at gunicorn, and a check that every confirmation is stored.

Builds a throwaway hub with production settings (PostgreSQL by default; see --database-url), raises the
hourly report limit and turns the minimum time to fill off (environment variables: every report comes from
127.0.0.1, and a script answers faster than a person), serves it with gunicorn and starts --clients threads.
Each thread, until --duration seconds have passed, sends whole reports as a new resident would: its own
cookies and CSRF token, every question page (GET and POST), check answers, "Send report", the confirmation.
Half report anonymously, half give a name and email. Places vary, as real reports' do.

It prints throughput (reports/s), the latency of the "Send report" POST (p50, p99) and of a whole report, and
checks: stored reports == confirmation pages seen (the same references), no error responses.

With --silent-mail-server the emails go by SMTP to a local server that accepts connections and never answers
(a hung mail relay), instead of to memory: "Send report" must not wait on it.

Exit status: 0 when every confirmation was stored and nothing failed, 1 on setup failure, 2 otherwise.
"""

import argparse
import re
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BenchError, Client, HungServer, build_env, prepare_site, run_main, served, shell_json, walk_to_check

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/hubportal_bench_reports"
MARKER = "Bench report"
REFERENCE = re.compile(r"HUB-[0-9A-Z]{4}-[0-9A-Z]{4}")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
START_PATH = "/report/what/"
CHECK_PATH = "/report/check/"
CONFIRMATION_PATH = "/report/confirmation/"

COUNT_REPORTS = """
import json
from directory.referrals.models import Referral
reports = Referral.objects.filter(description__startswith=%(marker)r)
print(json.dumps({"references": list(reports.values_list("reference", flat=True)),
    "anonymous": reports.filter(reporter_anonymous=True).count()}))
"""


def answers_for(number):
    """A whole report's answers by field name; every other one anonymous, places spread over many postcodes."""
    letters = INWARD_LETTERS[number % 20] + INWARD_LETTERS[(number // 20) % 20]
    answers = {
        "report_type": ["noise", "rowdy", "street_drinking", "vehicles"][number % 4],
        "aimed": "no",
        "location_description": f"Bench street {number}, outside the shops",
        "postcode": f"WF{1 + number % 9} {number % 10}{letters}",
        "area": "",
        "timing": "ongoing",
        "description": f"{MARKER} {number}: loud music and shouting most evenings after 11pm.",
        "people_involved": "A group of four or five",
        "impact": "Hard to sleep.",
        "identity": "anonymous" if number % 2 else "named",
        "reporter_name": f"Bench Resident {number}",
        "reporter_email": f"resident{number}@example.org",
        "reporter_phone": "",
        "contact_preference": "email",
        "vulnerable": "no",
        "vulnerability_details": "",
    }
    return answers


def send_report(client, number):
    """One whole report; returns (reference, seconds for the "Send report" POST)."""
    fields = walk_to_check(client, START_PATH, CHECK_PATH, answers_for(number))
    started = time.perf_counter()
    status, location, _content = client.request("POST", CHECK_PATH, fields)
    seconds = time.perf_counter() - started
    if status != 302 or urlsplit(location or "").path != CONFIRMATION_PATH:
        raise BenchError(f"sending answered {status} {location}")
    status, _path, content = client.follow("GET", CONFIRMATION_PATH)
    reference = REFERENCE.search(content) if status == 200 else None
    if reference is None:
        raise BenchError(f"no reference on the confirmation page ({status})")
    return reference.group(0), seconds


def resident_loop(port, deadline, counter, lock):
    """Send reports one after another, each as a new resident, until the deadline."""
    result = {"references": [], "submits": [], "reports": [], "errors": []}
    while time.monotonic() < deadline:
        with lock:
            number = next(counter)
        client = Client(port)
        started = time.perf_counter()
        try:
            reference, seconds = send_report(client, number)
        except (BenchError, OSError) as error:
            result["errors"].extend([*client.errors, repr(error)])
            continue
        result["errors"].extend(client.errors)
        result["references"].append(reference)
        result["submits"].append(seconds)
        result["reports"].append(time.perf_counter() - started)
    return result


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=int, default=30, help="seconds of sustained reports")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--silent-mail-server", action="store_true", help="SMTP to a server that never answers")
    return parser.parse_args()


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="hubportal-report-bench-"))
    env = build_env(workdir, args.database_url)
    env["REPORT_RATE_LIMIT"] = "1000000"
    env["REPORT_MIN_SECONDS"] = "0"
    if args.silent_mail_server:
        env.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(HungServer().port),
            EMAIL_USE_TLS="false",
        )
    prepare_site(env)
    before = stored_reports(env)
    with served(env, args.workers, workdir / "gunicorn.log") as port:
        counter, lock = iter(range(10**9)), threading.Lock()
        started = time.perf_counter()
        deadline = time.monotonic() + args.duration
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            futures = [pool.submit(resident_loop, port, deadline, counter, lock) for _ in range(args.clients)]
            results = [future.result() for future in futures]
        wall = time.perf_counter() - started
    after = stored_reports(env)
    new = sorted(set(after["references"]) - set(before["references"]))
    return report(args, results, new, wall)


def stored_reports(env):
    return shell_json(env, COUNT_REPORTS % {"marker": MARKER})


def percentile(values, fraction):
    return values[min(len(values) - 1, int(len(values) * fraction))] if values else 0


def report(args, results, stored, wall):
    references = sorted(reference for result in results for reference in result["references"])
    submits = sorted(seconds for result in results for seconds in result["submits"])
    whole = sorted(seconds for result in results for seconds in result["reports"])
    errors = [error for result in results for error in result["errors"]]
    checks = {
        "stored reports == confirmation pages": len(stored) == len(references),
        "the same references": stored == references,
        "no error responses": not errors,
    }
    mail = "silent SMTP server" if args.silent_mail_server else "memory"
    print(
        f"clients={args.clients} duration={args.duration}s workers={args.workers} db={args.database_url.split(':')[0]} "
        f"mail={mail}"
    )
    print(f"reports: {len(references)} confirmed in {wall:.1f}s = {len(references) / wall:.1f} reports/s")
    print(
        f"'Send report' POST: p50 {statistics.median(submits) * 1000 if submits else 0:.0f} ms, "
        f"p99 {percentile(submits, 0.99) * 1000:.0f} ms; whole report: "
        f"p50 {statistics.median(whole) * 1000 if whole else 0:.0f} ms, p99 {percentile(whole, 0.99) * 1000:.0f} ms"
    )
    print(f"stored: {len(stored)} reports; confirmation pages: {len(references)}; error responses: {len(errors)}")
    for name, ok in checks.items():
        print(f"  {'ok ' if ok else 'FAIL'} {name}")
    for error in errors[:10]:
        print(f"  error: {error}")
    return 0 if all(checks.values()) else 2


if __name__ == "__main__":
    run_main(main)
