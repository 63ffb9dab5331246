"""Send a corpus of hostile requests at the demo hub under gunicorn and count the answers: 4xx, never 5xx.

Builds a throwaway hub with production settings (a fresh SQLite file by default; see --database-url), seeds the
demo content with a password so the demo partner can sign in, makes one school booking to get a private manage
link, serves the site with gunicorn and sends, kind by kind: ids no table could hold (and other nonsense) in
every URL that takes an id, hostile query parameters on every listing, search and API endpoint, bad UUIDs on
the Open Referral UK API, bad tokens on manage, status and invitation links, hostile numbers of places on a real
manage link, every field of every public question page (school and participant bookings, the ASB report) with
each hostile value in turn, and, signed in as the demo partner, forged row, category and area ids, oversized
row counts, hostile text and numbers on the service, organisation and referral forms.

It prints per kind: requests tried, 2xx/3xx, 4xx and 5xx answers and the slowest answer. The 5xx column must be
0. Exit status: 0 when no answer was a 5xx, 1 on setup failure, 2 otherwise.
"""

import argparse
import secrets
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from booking_load import school_answers
from common import BenchError, Client, build_env, prepare_site, run_main, served, shell_json, tail
from report_load import answers_for

PASSWORD = secrets.token_urlsafe(16)
HUGE_INTS = [
    "2147483647",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999",
    "9" * 100,
]
NUMBERS = [*HUGE_INTS, "0", "-1", "-99999999999999999999", "1e9", "1.5", "NaN", "inf", "²", "٣", "𝟗", "0x1F"]
TEXTS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "<script>alert(1)</script>",
    "😀" * 50,
    "Ω≈ç√∫",
    "' OR 1=1 --",
    "../../etc",
]
HOSTILE = NUMBERS + TEXTS
BAD_UUIDS = ["0", "abc", "00000000-0000-0000-0000-000000000000", "g" * 36, "%00", "x" * 3000, "😀", "-1", HUGE_INTS[-1]]
BAD_TOKENS = ["x", "x" * 129, "x" * 3000, "%00", "..%2F..%2Fetc", "%F0%9F%98%80", "-" * 43, "A" * 43]
GOOD = {
    **school_answers(1),
    "participant_name": "Bench Young",
    "guardian_consent": "on",
    "emergency_contact_name": "Bench Aunt",
    "emergency_contact_phone": "07700 900123",
    **answers_for(0),
}

SETUP = """
import json
from datetime import date, timedelta
from django.utils import timezone
from bookings.services import book_places
from directory.models import Organisation, Service, TaxonomyTerm
from directory.partners.models import PartnerMembership
from programmes.models import ProgrammePage, Run
now = timezone.now()
school = Run.objects.open_for_booking(now).filter(booking_mode="school").order_by("pk").first()
participant = Run.objects.open_for_booking(now).filter(booking_mode="participant").order_by("pk").first()
details = {"contact_name": "Bench", "contact_email": "bench@example.org", "contact_phone": "01632 960000",
    "school_name": "Bench School", "terms_accepted": True}
_, token = book_places(run_id=school.pk, kind="school", places=1, details=details)
organisation = PartnerMembership.objects.get(user__email="partner@example.org").organisation
service = organisation.services.order_by("pk").first()
low = participant.programme.min_age or 12
born = Run.objects.with_dates().get(pk=participant.pk).starts_at.date() - timedelta(days=365 * low + 120)
print(json.dumps({"school_run": school.pk, "participant_run": participant.pk, "token": token,
    "programme": school.programme_id, "programme_slug": school.programme.slug, "organisation": organisation.pk,
    "service": service.pk, "term": TaxonomyTerm.objects.values_list("pk", flat=True).first(),
    "oruk_service": str(Service.objects.published().first().uuid), "born": born.isoformat(),
    "directory_slug": Organisation.objects.published().first().slug}))
"""


class FormReader(HTMLParser):
    """What a browser would post from a page's first POST form: its action and default fields, plus every
    name it offers (radio and checkbox choices included) so a script can answer each one."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.action, self.fields, self.choices, self.in_form, self.done = None, [], defaultdict(list), False, False
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (attrs.get("method") or "").lower() == "post":
            self.in_form, self.action = True, attrs.get("action") or ""
        elif not self.in_form:
            return
        elif tag == "input" and attrs.get("name"):
            self._input(attrs)
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.fields.append([self._textarea, ""])
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select:
            self.choices[self._select].append(attrs.get("value", ""))
            if "selected" in attrs or not any(name == self._select for name, _ in self.fields):
                self.fields = [field for field in self.fields if field[0] != self._select]
                self.fields.append([self._select, attrs.get("value", "")])

    def _input(self, attrs):
        name, kind, value = attrs["name"], (attrs.get("type") or "text").lower(), attrs.get("value", "")
        if kind in {"radio", "checkbox"}:
            self.choices[name].append(value or "on")
            if "checked" in attrs:
                self.fields.append([name, value or "on"])
        elif kind not in {"submit", "button", "file", "image"}:
            self.fields.append([name, value])

    def handle_data(self, data):
        if self._textarea:
            self.fields[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def read_form(content):
    reader = FormReader()
    reader.feed(content)
    return reader


def answered(reader, answers):
    """The form's defaults, with ``answers`` for the names it has and a first choice for unanswered choices
    (text the page leaves empty stays empty: the honeypot must)."""
    data = defaultdict(list)
    for name, value in reader.fields:
        data[name].append(value)
    for name in {name for name, _ in reader.fields} | set(reader.choices):
        if name in answers:
            data[name] = [answers[name]]
        elif not any(data[name]) and reader.choices.get(name):
            data[name] = [next((choice for choice in reader.choices[name] if choice), "")]
    return {name: values for name, values in data.items() if values}


class Tally:
    def __init__(self):
        self.rows = defaultdict(lambda: {"tried": 0, "ok": 0, "4xx": 0, "5xx": 0, "slowest": 0.0, "examples": []})
        self.lock = threading.Lock()

    def add(self, kind, method, path, status, seconds):
        with self.lock:
            self._add(self.rows[kind], method, path, status, seconds)

    @staticmethod
    def _add(row, method, path, status, seconds):
        row["tried"] += 1
        row["slowest"] = max(row["slowest"], seconds)
        band = "5xx" if status >= 500 else "4xx" if status >= 400 else "ok"
        row[band] += 1
        if band == "5xx" and len(row["examples"]) < 5:
            row["examples"].append(f"{method} {path[:120]} -> {status}")


def send(tally, kind, client, method, path, fields=None):
    started = time.perf_counter()
    try:
        status, _location, content = client.request(method, path, fields)
    except OSError as error:
        status, content = 599, repr(error)
    tally.add(kind, method, path, status, time.perf_counter() - started)
    return status, content


def q(value):
    return quote(value, safe="")


def url_ids(tally, port, data):
    client = Client(port)
    paths = [
        "/programmes/calendar/{}.ics",
        "/book/{}/",
        "/book/{}/check/",
        "/book/{}/contact/",
        "/partners/organisations/{}/",
        "/api/oruk/services/{}",
        "/api/oruk/taxonomies/{}",
        "/api/oruk/taxonomy_terms/{}",
        "/api/oruk/service_at_locations/{}",
    ]
    for value in [*HUGE_INTS, "0", "-1", "00000000001", "1e9", "abc", "%00", "%C2%B2"]:
        for path in paths:
            send(tally, "ids in public URLs", client, "GET", path.format(value if "%" in value else q(value)))


def unknown_pages(tally, port, data):
    client = Client(port)
    for path in ["/directory/{}/", "/programmes/{}/", "/{}/", "/report/{}/", f"/book/{data['school_run']}/{{}}/"]:
        for value in ["no-such-thing", "x" * 300, "%00", "%F0%9F%98%80", "..%2F..", "a" * 2000]:
            send(tally, "unknown pages and steps", client, "GET", path.format(value))
    for path in ["/", "/programmes/", "/directory/", f"/book/{data['school_run']}/", "/report/", "/api/oruk/services"]:
        for method in ("PUT", "DELETE", "PATCH", "OPTIONS"):
            send(tally, "unknown pages and steps", client, method, path)


def query_parameters(tally, port, data):
    client = Client(port)
    pages = {
        "/programmes/": ["page", "age", "audience"],
        "/directory/": ["page", "age", "category", "area", "q", "postcode"],
        "/search/": ["page", "q", "query"],
        f"/programmes/{data['programme_slug']}/": ["page"],
    }
    for path, names in pages.items():
        for name in names:
            for value in HOSTILE:
                send(tally, "query parameters", client, "GET", f"{path}?{urlencode({name: value})}")
        send(tally, "query parameters", client, "GET", path + "?" + "&".join(f"{name}=1" for name in names * 50))


def oruk_api(tally, port, data):
    client = Client(port)
    endpoints = {
        "/api/oruk/services": [
            "page",
            "per_page",
            "search",
            "taxonomy_id",
            "taxonomy_term_id",
            "minimum_age",
            "maximum_age",
            "start_time",
            "end_time",
            "day",
        ],
        "/api/oruk/service_at_locations": ["page", "per_page", "postcode", "proximity", "taxonomy_term_id"],
        "/api/oruk/taxonomies": ["page", "per_page"],
        "/api/oruk/taxonomy_terms": ["page", "per_page", "taxonomy_id", "parent_id", "root_only"],
    }
    for path, names in endpoints.items():
        for name in names:
            for value in [*HOSTILE, *BAD_UUIDS]:
                send(tally, "Open Referral UK API", client, "GET", f"{path}?{urlencode({name: value})}")
    for value in BAD_UUIDS:
        for path in ["/api/oruk/services/", "/api/oruk/taxonomies/", "/api/oruk/service_at_locations/"]:
            send(tally, "Open Referral UK API", client, "GET", path + (value if "%" in value else q(value)))
    send(tally, "Open Referral UK API", client, "GET", f"/api/oruk/services/{data['oruk_service']}")


def tokens(tally, port, data):
    client = Client(port)
    for token in BAD_TOKENS:
        for path in ["/bookings/manage/{}/", "/report/status/{}/", "/accounts/invitation/{}/"]:
            send(tally, "bad private links", client, "GET", path.format(token))
        for action in ("places", "cancel", "accept"):
            send(tally, "bad private links", client, "POST", f"/bookings/manage/{token}/{action}/", {"places": "2"})


def with_csrf(client, path):
    """GET a form page (for its cookies and CSRF token) and read its form."""
    status, _location, content = client.request("GET", path)
    if status != 200:
        raise BenchError(f"{path} answered {status} before the attack")
    return read_form(content)


def manage_places(tally, port, data):
    client = Client(port)
    path = f"/bookings/manage/{data['token']}/"
    reader = with_csrf(client, path)
    for value in HOSTILE:
        send(tally, "places on a manage link", client, "POST", path + "places/", answered(reader, {"places": value}))
        send(tally, "places on a manage link", client, "POST", path + "cancel/", answered(reader, {"confirm": value}))


def walk_to(client, start, step_path, answers):
    """Answer each question page validly until ``step_path``; returns the form read there (or None)."""
    status, path, content = client.follow("GET", start)
    for _ in range(12):
        if path == step_path or status != 200:
            break
        status, path, content = client.follow("POST", path, answered(read_form(content), answers))
    return read_form(content) if path == step_path and status == 200 else None


def journey(tally, port, kind, start, steps, answers):
    for step in steps:
        client = Client(port)
        reader = walk_to(client, start, step, answers)
        if reader is None:
            raise BenchError(f"{kind}: could not reach {step}")
        names = {name for name, _ in reader.fields if not name.startswith("csrf")} | set(reader.choices)
        for name in sorted(names):
            for value in HOSTILE:
                send(tally, kind, client, "POST", step, {**answered(reader, answers), name: [value]})


def public_forms(tally, port, data):
    born = data["born"].split("-")
    answers = {**GOOD, "date_of_birth-year": born[0], "date_of_birth-month": born[1], "date_of_birth-day": born[2]}
    school, participant = f"/book/{data['school_run']}/", f"/book/{data['participant_run']}/"
    journey(tally, port, "booking questions", school, [school, school + "contact/", school + "pupils/"], answers)
    journey(
        tally,
        port,
        "booking questions",
        participant,
        [participant, participant + "guardian/", participant + "emergency/", participant + "needs/"],
        answers,
    )
    steps = ["what", "type", "where", "when", "what-happened", "about-you", "your-details", "vulnerability"]
    journey(tally, port, "report questions", "/report/what/", [f"/report/{step}/" for step in steps], answers)


def sign_in_partner(port):
    client = Client(port)
    reader = with_csrf(client, "/accounts/login/")
    status, _location, _content = client.request(
        "POST", "/accounts/login/", answered(reader, {"login": "partner@example.org", "password": PASSWORD})
    )
    if status != 302 or client.request("GET", "/partners/")[0] != 200:
        raise BenchError(f"the demo partner could not sign in ({status})")
    return client


def each_field(tally, kind, client, url, cases=()):
    """POST the form at ``url`` as the page offers it, with each field in turn given each hostile value, then with
    each of ``cases`` (extra field values) applied."""
    reader = with_csrf(client, url)
    base = answered(reader, {})
    for changes in cases:
        send(tally, kind, client, "POST", url, {**base, **changes})
    for name in sorted({name for name, _ in reader.fields if not name.startswith("csrf")} | set(reader.choices)):
        for value in HOSTILE:
            send(tally, kind, client, "POST", url, {**base, name: [value]})


def forged_service_rows(term):
    counts = ["100000", "1000", "-5", "9" * 20, "abc", ""]
    return [
        *({"locations-0-id": value} for value in ["16abc", *HOSTILE]),
        *({"taxonomy_terms": [str(term), value]} for value in HOSTILE),
        *({"areas": [value]} for value in HOSTILE),
        *(
            {f"{prefix}-{count}": value}
            for prefix in ("locations", "schedules", "contacts")
            for count in ("TOTAL_FORMS", "INITIAL_FORMS")
            for value in counts
        ),
    ]


def partner_forms(tally, port, data):
    client = sign_in_partner(port)
    organisation, service = data["organisation"], data["service"]
    for url in (
        f"/partners/organisations/{organisation}/services/{service}/",
        f"/partners/organisations/{organisation}/services/add/",
    ):
        each_field(tally, "partner service form", client, url, forged_service_rows(data["term"]))
    for url in (f"/partners/organisations/{organisation}/", "/partners/referrals/new/"):
        each_field(tally, "partner organisation and referral forms", client, url)
    for value in [*HUGE_INTS, "0", "abc"]:
        for path in (
            f"/partners/organisations/{value}/",
            f"/partners/organisations/{organisation}/services/{value}/",
            f"/partners/organisations/{organisation}/services/{value}/remove/",
            f"/partners/referrals/actions/{value}/",
        ):
            send(tally, "partner pages by id", client, "GET", path)
            send(tally, "partner pages by id", client, "POST", path, {"status": "done"})
    for value in HOSTILE:
        send(tally, "partner pages by id", client, "GET", "/partners/referrals/?" + urlencode({"page": value}))


KINDS = (url_ids, unknown_pages, query_parameters, oruk_api, tokens, manage_places, public_forms, partner_forms)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="dj-database-url URL; default: a fresh SQLite file in a temp dir")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--only", nargs="+", choices=[kind.__name__ for kind in KINDS], help="send only these kinds")
    return parser.parse_args()


def production_env(workdir, database_url):
    env = build_env(workdir, database_url)
    env.update(BOOKING_RATE_LIMIT="1000000", REPORT_RATE_LIMIT="1000000", REPORT_MIN_SECONDS="0")
    return env


def build(env):
    prepare_site(env, seed=("seed_demo", "--admin-password", PASSWORD), index=False)
    return shell_json(env, SETUP)


def attack(port, data, only):
    tally = Tally()
    kinds = [kind for kind in KINDS if not only or kind.__name__ in only]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {pool.submit(kind, tally, port, data): kind.__name__ for kind in kinds}
        for future, name in futures.items():
            try:
                future.result()
            except (BenchError, OSError) as error:
                tally.rows[name]["examples"].append(f"setup: {error}")
                tally.rows[name]["5xx"] += 1
    return tally


def report(tally, args, seconds):
    database = (args.database_url or "sqlite").split(":")[0]
    print(f"\ndb={database} workers={args.workers} settings=production elapsed={seconds:.0f}s")
    header = f"{'kind':<42} {'tried':>6} {'2xx/3xx':>8} {'4xx':>6} {'5xx':>5} {'slowest ms':>11}"
    print(header)
    print("-" * len(header))
    for kind, row in tally.rows.items():
        slowest = row["slowest"] * 1000
        print(f"{kind:<42} {row['tried']:>6} {row['ok']:>8} {row['4xx']:>6} {row['5xx']:>5} {slowest:>11.0f}")
    total = {band: sum(row[band] for row in tally.rows.values()) for band in ("tried", "ok", "4xx", "5xx")}
    print("-" * len(header))
    print(f"{'all':<42} {total['tried']:>6} {total['ok']:>8} {total['4xx']:>6} {total['5xx']:>5}")
    for kind, row in tally.rows.items():
        for example in row["examples"]:
            print(f"  5xx {kind}: {example}")
    return 2 if total["5xx"] else 0


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="hubportal-hostile-") as tmp:
        workdir = Path(tmp)
        env = production_env(workdir, args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}")
        data = build(env)
        log_path = workdir / "gunicorn.log"
        with served(env, args.workers, log_path) as port:
            started = time.monotonic()
            tally = attack(port, data, args.only)
            seconds = time.monotonic() - started
        status = report(tally, args, seconds)
        if status:
            print(tail(log_path))
    return status


if __name__ == "__main__":
    run_main(main)
