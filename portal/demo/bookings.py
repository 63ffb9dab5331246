"""Demo bookings: a full residential with a waiting list, a part-filled Future Pathways cohort and Friday-night
registrations, from ``data/bookings.json``. Made through the booking services with the clock set ten days back,
so the demo shows only states the rules can produce. The emails the services queue are discarded
by ``seed_all``, since the demo's addresses are made up."""

from datetime import timedelta

from django.utils import timezone

from bookings import services
from bookings.models import Booking
from portal.hubs import default_hub, pages_q
from programmes.models import Run

from .data import load

BOOKED_DAYS_AGO = 10
STAFF_CHANGES = {"confirm": services.confirm_booking}


def seed_bookings(today, report, hub=None):
    """``hub``'s bookings (default: the default hub's), once: nothing is added if its runs have any."""
    hub = hub or default_hub()
    if Booking.objects.filter(pages_q([hub], prefix="run__programme__")).exists():
        return
    data = load("bookings")
    booked_at = timezone.now() - timedelta(days=BOOKED_DAYS_AGO)
    runs = []
    for plan in data["school_runs"]:
        if run := _first_run(plan["programme"], hub):
            _book_schools(run, plan["bookings"], data, booked_at)
            runs.append(run)
    plan = data["participant_run"]
    if run := _first_run(plan["programme"], hub):
        _book_young_people(run, plan, booked_at, today)
        runs.append(run)
    for run in runs:
        assert run.bookings.places_held() <= run.capacity, f"demo data would overbook {run}"
    count = Booking.objects.filter(pages_q([hub], prefix="run__programme__")).count()
    report.append(f"Created {count} demo bookings for {hub.name}.")


def _first_run(programme_slug, hub):
    runs = Run.objects.filter(pages_q([hub], prefix="programme__"), programme__slug=programme_slug)
    return runs.order_by("booking_opens", "pk").first()


def _book_schools(run, bookings, data, booked_at):
    schools, contacts = data["schools"], data["school_contacts"]
    for index, planned in enumerate(bookings):
        details = {
            **schools[index % len(schools)],
            "contact_name": contacts[index % len(contacts)],
            "contact_email": f"bookings{index + 1}@school.example.org",
            "contact_phone": _phone(100 + index),
            "terms_accepted": True,
        }
        booking = _book(run, planned["places"], details, booked_at + timedelta(hours=index))
        if change := planned.get("then"):
            STAFF_CHANGES[change](booking_id=booking.pk, user=None, now=booked_at + timedelta(days=1, hours=index))


def _book_young_people(run, plan, booked_at, today):
    for index, person in enumerate(plan["young_people"]):
        name = person["name"]
        details = {
            "participant_name": name,
            "date_of_birth": today - timedelta(days=round(365.25 * person["age"]) + 30),
            "contact_name": f"Parent of {name.split()[0]}",
            "contact_email": f"family{index + 1}@example.org",
            "contact_phone": _phone(200 + index),
            "guardian_consent": True,
            "emergency_contact_name": plan["emergency_contact_name"],
            "emergency_contact_phone": _phone(300 + index),
            "dietary_needs": person.get("dietary_needs", ""),
            "photo_consent": person["photo_consent"],
        }
        _book(run, 1, details, booked_at + timedelta(hours=index))


def _book(run, places, details, now):
    booking, _token = services.book_places(
        run_id=run.pk, kind=run.booking_mode, places=places, details=details, now=now
    )
    return booking


def _phone(number):
    return f"01632 960{number:03d}"
