"""Demo bookings: a full residential with a waiting list, a part-filled Future Pathways cohort and
Friday-night registrations. Written directly (no emails), checked against the capacity rule."""

from datetime import timedelta

from django.utils import timezone

from bookings.choices import BookingStatus
from bookings.models import Booking
from portal import tokens
from programmes.models import Run

SCHOOLS = [
    ("Westfield Academy", "Head of Year 9", "Year 9"),
    ("St Bega's Catholic High School", "Pastoral lead", "Year 10"),
    ("Fellside Community School", "Assistant head", "Year 9, Year 10"),
    ("Harbour View School", "Youth engagement officer", "Year 11"),
    ("Millbeck College", "Head of Year 10", "Year 10"),
    ("Oakfield School", "SENCO", "Year 9"),
]
CONTACTS = ["Sam Ahmed", "Chris Walker", "Priya Patel", "Jordan Lee", "Morgan Hughes", "Ali Khan"]
YOUNG_PEOPLE = ["Alex Taylor", "Jamie Robinson", "Casey Wright", "Riley Thompson", "Charlie Green", "Drew Hall"]

RESIDENTIAL = [
    (6, BookingStatus.CONFIRMED),
    (6, BookingStatus.CONFIRMED),
    (6, BookingStatus.PENDING),
    (6, BookingStatus.CONFIRMED),
    (4, BookingStatus.WAITLISTED),
    (3, BookingStatus.WAITLISTED),
]
PATHWAYS = [(10, BookingStatus.CONFIRMED), (8, BookingStatus.CONFIRMED), (5, BookingStatus.CONFIRMED)]


def seed_bookings(today, report):
    if Booking.objects.exists():
        return
    created = timezone.now() - timedelta(days=10)
    residential = Run.objects.filter(programme__slug="outdoor-residential").first()
    pathways = Run.objects.filter(programme__slug="future-pathways").order_by("booking_opens").first()
    friday = Run.objects.filter(programme__slug="community-alcohol-partnership").first()
    for run, plan in ((residential, RESIDENTIAL), (pathways, PATHWAYS)):
        if run:
            for index, (places, status) in enumerate(plan):
                _school_booking(run, index, places, status, created + timedelta(hours=index))
    if friday:
        for index, name in enumerate(YOUNG_PEOPLE):
            _participant_booking(friday, index, name, created + timedelta(hours=index), today)
    for run in filter(None, (residential, pathways, friday)):
        held = run.bookings.places_held()
        assert held <= run.capacity, f"demo data would overbook {run}"
    report.append(f"Created {Booking.objects.count()} demo bookings.")


def _base(run, index, places, status, created):
    return Booking(
        run=run,
        kind=run.booking_mode,
        places=places,
        status=status,
        created_at=created,
        manage_token_hash=tokens.hash_token(f"demo-{run.pk}-{index}"),
        contact_phone=f"01632 960{100 + index:03d}",
    )


def _school_booking(run, index, places, status, created):
    school, role, years = SCHOOLS[index % len(SCHOOLS)]
    booking = _base(run, index, places, status, created)
    booking.school_name = school
    booking.contact_name = CONTACTS[index % len(CONTACTS)]
    booking.contact_email = f"bookings{index + 1}@school.example.org"
    booking.contact_role = role
    booking.year_groups = years
    booking.terms_accepted = True
    booking.save()


def _participant_booking(run, index, name, created, today):
    booking = _base(run, 100 + index, 1, BookingStatus.CONFIRMED, created)
    booking.participant_name = name
    booking.date_of_birth = today - timedelta(days=round(365.25 * (13 + index % 4)) + 30)
    booking.contact_name = f"Parent of {name.split()[0]}"
    booking.contact_email = f"family{index + 1}@example.org"
    booking.guardian_consent = True
    booking.emergency_contact_name = "Grandparent"
    booking.emergency_contact_phone = f"01632 960{200 + index:03d}"
    booking.dietary_needs = "Vegetarian" if index == 2 else ""
    booking.photo_consent = index % 2 == 0
    booking.save()
