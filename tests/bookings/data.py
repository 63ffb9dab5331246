"""Booking answers and admin form data shared by the booking tests."""

from datetime import date

from django.utils import timezone

MEDICAL_NEEDS = "Carries an asthma inhaler"
EMERGENCY_PHONE = "07700 900123"

PARTICIPANT_DETAILS = {
    "contact_name": "Alex Parent",
    "contact_email": "alex@example.org",
    "contact_phone": "01632 960456",
    "participant_name": "Jamie Young",
    "date_of_birth": date(2012, 5, 1),
    "guardian_consent": True,
    "emergency_contact_name": "Robin Parent",
    "emergency_contact_phone": EMERGENCY_PHONE,
    "medical_needs": MEDICAL_NEEDS,
    "dietary_needs": "Vegetarian",
    "access_needs": "Step-free access",
    "photo_consent": False,
}

ADMIN_DATETIME = "%Y-%m-%d %H:%M"


def run_form_data(run, **changes):
    """The runs admin's edit form as a browser posts it, unchanged except for ``changes``."""
    data = {
        "programme": run.programme_id,
        "title": run.title,
        "capacity": str(run.capacity),
        "booking_mode": run.booking_mode,
        "per_school_cap": "" if run.per_school_cap is None else str(run.per_school_cap),
        "booking_opens": timezone.localtime(run.booking_opens).strftime(ADMIN_DATETIME),
        "booking_closes": timezone.localtime(run.booking_closes).strftime(ADMIN_DATETIME),
        "needs_approval": "",
        "notes": run.notes,
        "allocation": run.allocation,
        "priority_school_urns": run.priority_school_urns,
    }
    sessions = list(run.sessions.order_by("start", "pk"))
    data |= {
        "sessions-TOTAL_FORMS": str(len(sessions)),
        "sessions-INITIAL_FORMS": str(len(sessions)),
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    for index, session in enumerate(sessions):
        data |= {
            f"sessions-{index}-id": str(session.pk),
            f"sessions-{index}-title": session.title,
            f"sessions-{index}-start": timezone.localtime(session.start).strftime(ADMIN_DATETIME),
            f"sessions-{index}-end": timezone.localtime(session.end).strftime(ADMIN_DATETIME),
            f"sessions-{index}-venue": session.venue,
            f"sessions-{index}-venue_address": session.venue_address,
            f"sessions-{index}-ORDER": str(index + 1),
            f"sessions-{index}-DELETE": "",
        }
    return data | {name: str(value) for name, value in changes.items()}
