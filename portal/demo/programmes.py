"""Demo programmes and their runs, from ``data/programmes.json``. Run dates are set from today, so the demo
always has runs open for booking, one not yet open, and sessions ahead."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from directory.models import Organisation
from programmes.models import ProgrammePage, Run, Session

from .data import load
from .images import ensure_image
from .pages import ensure_child, rich, stream
from .site import ensure_programme_index

LONDON = ZoneInfo("Europe/London")


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def next_weekday(day, weekday):
    return day + timedelta(days=(weekday - day.weekday()) % 7 or 7)


def seed_programmes(home, today, report, only=None):
    """The programme index under ``home`` and the programmes (``only`` those slugs, if given) with their runs."""
    index, created = ensure_programme_index(home)
    if created:
        report.append(f"Created the programme index of {home.title}.")
    data = load("programmes")
    entries = [entry for entry in data["programmes"] if only is None or entry["slug"] in only]
    pages = {entry["slug"]: (_programme(index, entry), entry) for entry in entries}
    for page, entry in pages.values():
        if entry.get("directory_entry"):
            _link_delivery_partner(page, entry["directory_entry"], report)
    for plan in data["runs"]:
        if plan["programme"] not in pages:
            continue
        _ensure_run(pages[plan["programme"]][0], plan, today, report, avoid=data["no_sessions_on"]["days"])
    return index


def _directory_entry(slug):
    return Organisation.objects.filter(slug=slug).first()


def _link_delivery_partner(programme, slug, report):
    """Programmes seeded before the directory existed get their partner's entry once it does."""
    if programme.delivery_partner_id is not None or (partner := _directory_entry(slug)) is None:
        return
    programme.delivery_partner = partner
    programme.save_revision().publish()
    report.append(f"Linked {programme.title} to {partner.name} in the directory.")


def _programme(index, entry):
    image = entry["image"]
    page, _ = ensure_child(
        index,
        ProgrammePage,
        entry["slug"],
        title=entry["title"],
        summary=entry["summary"],
        audience=entry["audience"],
        min_age=entry["min_age"],
        max_age=entry["max_age"],
        eligibility=rich(*entry["eligibility"]),
        what_happens=rich(*entry["what_happens"]),
        delivery_partner_name=entry["delivery_partner_name"],
        delivery_partner_url=entry.get("delivery_partner_url", ""),
        delivery_partner=_directory_entry(entry["directory_entry"]) if entry.get("directory_entry") else None,
        image=ensure_image(image["title"], tuple(tuple(colour) for colour in image["colours"])),
        body=stream(*(tuple(block) for block in entry.get("body", []))),
    )
    return page


def _ensure_run(programme, plan, today, report, avoid=()):
    if Run.objects.filter(programme=programme, title=plan["title"]).exists():
        return
    opens, first, closes = plan["booking_opens"], plan["first_day"], plan["booking_closes"]
    first_day = next_weekday(today + timedelta(days=first["after_days"]), first["weekday"])
    days = session_days(first_day, plan["sessions"], avoid)
    first_day = days[0]
    run = Run.objects.create(
        programme=programme,
        title=plan["title"],
        capacity=plan["capacity"],
        booking_mode=plan["booking_mode"],
        per_school_cap=plan.get("per_school_cap"),
        needs_approval=plan.get("needs_approval", False),
        booking_opens=at(today + timedelta(days=opens["days_from_today"]), opens["hour"]),
        booking_closes=at(first_day - timedelta(days=closes["days_before_first_day"]), closes["hour"]),
    )
    Session.objects.bulk_create(_sessions(run, days, plan["sessions"]))
    report.append(f"Created the run {run}.")


def session_days(first_day, plan, avoid):
    """The days of a run's sessions, none on a day in ``avoid`` ("12-25"): a weekly (or sparser) run skips such a
    day and adds a session at the end; a run on consecutive days (a residential) moves a week later as a whole."""
    avoid = set(avoid)
    count, every = plan["count"], plan["every_days"]

    def avoided(day):
        return day.strftime("%m-%d") in avoid

    if every < 7:
        while any(avoided(first_day + timedelta(days=n * every)) for n in range(count)):
            first_day += timedelta(days=7)
        return [first_day + timedelta(days=n * every) for n in range(count)]
    days, day = [], first_day
    while len(days) < count:
        if not avoided(day):
            days.append(day)
        day += timedelta(days=every)
    return days


def _sessions(run, days, plan):
    count = plan["count"]
    for n, day in enumerate(days):
        start_hour = plan.get("first_start_hour", plan["start_hour"]) if n == 0 else plan["start_hour"]
        end_hour = plan.get("last_end_hour", plan["end_hour"]) if n == count - 1 else plan["end_hour"]
        yield Session(
            run=run,
            title=plan["title"].format(number=n + 1),
            start=at(day, start_hour),
            end=at(day, end_hour),
            venue=plan["venue"],
            venue_address=plan["venue_address"],
        )
