"""After booking (issue 14), in Chromium with axe: a 16-year-old registers with their own contact details, and a
school's manage page shows the sessions as they are now, a calendar download and the booking's history, and takes
a change of contact details."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from bookings import changes
from bookings.models import Booking
from bookings.services import book_places
from programmes.models import Run

from .axe import assert_no_axe_violations
from .journey import continue_, error_state, step

pytestmark = pytest.mark.browser

SHOTS = Path("/work/shots/changes")


def shot(page, name):
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_16_year_old_registers_and_a_school_manages_its_booking(axe_page, live_server, demo_site):
    page = axe_page
    run = Run.objects.filter(title="Friday night activities").order_by("pk").first()
    first_day = timezone.localdate(run.sessions.order_by("start").first().start)
    born = first_day.replace(year=first_day.year - 16) - timedelta(days=30)

    page.goto(f"{live_server.url}/book/{run.pk}/")
    page.get_by_label("Full name").fill("Sam Young")
    page.get_by_label("Day").fill(str(born.day))
    page.get_by_label("Month").fill(str(born.month))
    page.get_by_label("Year").fill(str(born.year))
    continue_(page)
    step(page, "Your contact details", "16-year-old's contact details")
    expect(page.get_by_role("main")).to_contain_text("you can register yourself")
    shot(page, "register-16-contact")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("Telephone number").fill("07700 900111")
    continue_(page)
    page.get_by_label("Full name").fill("Pat Neighbour")
    page.get_by_label("Telephone number").fill("07700 900222")
    continue_(page)
    continue_(page)
    step(page, "Check your answers before sending", "16-year-old's check answers")
    page.get_by_role("button", name="Accept and send").click()
    expect(page.locator(".govuk-panel__title")).to_be_visible()
    booking = Booking.objects.get(participant_name="Sam Young")
    assert (booking.contact_name, booking.contact_email, booking.guardian_consent) == (
        "Sam Young",
        "sam@example.org",
        False,
    )

    school_run = Run.objects.filter(title="Cohort 1").order_by("pk").first()
    details = {
        "school_name": "Lakeside High School",
        "contact_name": "Robin Teacher",
        "contact_role": "Head of Year 8",
        "contact_email": "robin@lakeside.example.org",
        "contact_phone": "01632 960555",
        "year_groups": "Year 8",
        "terms_accepted": True,
    }
    school, token = book_places(run_id=school_run.pk, kind="school", places=4, details=details)
    session = school_run.sessions.order_by("start").first()
    before = changes.snapshot_run(school_run.pk)
    session.venue = "Lakeside Sports Hall"
    session.save()
    changes.record_run_change(run_id=school_run.pk, before=before, now=timezone.now() - timedelta(minutes=10))
    changes.send_run_changes()

    page.goto(f"{live_server.url}/bookings/manage/{token}/")
    step(page, f"Booking {school.reference}", "manage page after a change")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Lakeside Sports Hall")
    expect(main).to_contain_text("The hub changed the run")
    shot(page, "manage-history")
    link = page.get_by_role("link", name="Download the sessions for your calendar (.ics)")
    calendar = page.request.get(live_server.url + link.get_attribute("href"))
    events = {str(event["UID"]): event for event in Calendar.from_ical(calendar.body()).walk("VEVENT")}
    assert events[next(uid for uid in events if uid.startswith(f"session-{session.pk}@"))]["SEQUENCE"] == 1

    page.get_by_role("link", name="Change your details").click()
    step(page, "Change your details", "change details")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Save changes").click()
    error_state(page, "Enter an email address in the correct format", "change details with an error")
    page.get_by_label("Email address").fill("sam.head@lakeside.example.org")
    page.get_by_label("Year 9", exact=True).check()
    shot(page, "manage-change-details")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert")).to_contain_text("Your details have been changed.")
    expect(main).to_contain_text("Details changed")
    assert_no_axe_violations(page, "manage page after a change of details")
    school.refresh_from_db()
    assert (school.contact_email, school.year_groups) == ("sam.head@lakeside.example.org", "Year 8, Year 9")
