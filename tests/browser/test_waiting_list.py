"""The waiting list in Chromium with axe on every page: a school asking for 6 when 5 are left books 5 and waits for
1 on the same page, its waiting booking's page says where it stands, and the same link shows and accepts the offer
once a place frees. Then a coordinator's allocation report. Screenshots go to SHOTS when it is set."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from bookings import services, waiting
from bookings.choices import BookingStatus
from bookings.models import Booking
from programmes.choices import Allocation as AllocationMethod
from programmes.choices import BookingMode
from tests.factories import BookingFactory, ProgrammeIndexPageFactory, ProgrammePageFactory, RunFactory, SessionFactory
from tests.factories.bookings import SCHOOL_DETAILS
from tests.factories.users import hub_coordinator

from .axe import assert_no_axe_violations
from .journey import continue_, error_state, step
from .partners import sign_in

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SHOTS")
MANAGE_LINK = re.compile(r"/bookings/manage/[A-Za-z0-9_-]+/")


def shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def link_in(subject_start):
    body = [message.body for message in mail.outbox if message.subject.startswith(subject_start)][-1]
    return MANAGE_LINK.search(body).group(0)


@pytest.fixture
def runs(transactional_db, home_page):
    from tests.support import restore_wagtail_roots

    restore_wagtail_roots()
    index = ProgrammeIndexPageFactory(parent=home_page)
    programme = ProgrammePageFactory(parent=index, title="Future Pathways", image=None)
    now = timezone.now()
    window = {"booking_opens": now - timedelta(days=7), "booking_closes": now + timedelta(days=14)}
    first_come = RunFactory(programme=programme, title="Cohort 1", capacity=10, per_school_cap=8, **window)
    allocating = RunFactory(
        programme=programme,
        title="Cohort 2",
        capacity=8,
        per_school_cap=6,
        allocation=AllocationMethod.AFTER_WINDOW,
        priority_rules=["priority_school", "not_placed_last_run"],
        priority_school_urns="100001",
        booking_opens=now - timedelta(days=10),
        booking_closes=now - timedelta(days=1),
    )
    for run in (first_come, allocating):
        SessionFactory(run=run, start=now + timedelta(days=30), end=now + timedelta(days=30, hours=3))
    other, _ = services.book_places(
        run_id=first_come.pk,
        kind=BookingMode.SCHOOL,
        places=5,
        details=SCHOOL_DETAILS | {"school_name": "Harbour School", "contact_email": "harbour@example.org"},
    )
    for name, urn, places in (("Hillside", "100001", 4), ("Moor School", "", 5), ("Westfield", "100004", 3)):
        BookingFactory(
            run=allocating,
            places=places,
            status=BookingStatus.REQUESTED,
            **(SCHOOL_DETAILS | {"school_name": name, "school_urn": urn}),
        )
    return first_come, allocating, other


def test_part_now_the_rest_waiting_then_the_offer_by_the_same_link(axe_page, live_server, runs):
    first_come, _allocating, other = runs
    page = axe_page
    page.goto(f"{live_server.url}/book/{first_come.pk}/")
    step(page, "About the school", "school question")
    page.get_by_label("School name").fill("Lakeside High School")
    continue_(page)
    page.get_by_label("Full name").fill("Robin Teacher")
    page.get_by_label("Role at the school").fill("Head of Year 8")
    page.get_by_label("Email address").fill("robin@lakeside.example.org")
    page.get_by_label("Telephone number").fill("01632 960555")
    continue_(page)

    page.get_by_label("Number of pupils").fill("6")
    page.get_by_label("Year 8", exact=True).check()
    page.get_by_label("I agree to the terms of booking").check()
    continue_(page)
    error_state(page, "Enter 5 or fewer, or choose below how to wait for more", "pupils: more than are left")
    shoot(page, "pupils-more-than-left")
    page.get_by_label("Book 5 places now and put 1 on the waiting list").check()
    continue_(page)

    step(page, "Check your answers before sending", "check answers with the split")
    expect(page.get_by_role("main")).to_contain_text("Book 5 places now and put 1 on the waiting list")
    page.get_by_role("button", name=re.compile("send", re.I)).click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Booking confirmed")
    expect(page.get_by_role("main")).to_contain_text("You also asked for 1 more place.")
    assert_no_axe_violations(page, "confirmation with a waiting part")
    shoot(page, "confirmation-split")
    held = Booking.objects.get(school_name="Lakeside High School", status=BookingStatus.CONFIRMED)
    part = held.waiting_parts.get()
    assert (held.places, part.places, part.status) == (5, 1, BookingStatus.WAITLISTED)

    waiting_link = link_in("On the waiting list")
    page.goto(live_server.url + waiting_link)
    step(page, f"Booking {part.reference}", "waiting booking")
    expect(page.get_by_role("main")).to_contain_text("Your booking is 1st on the waiting list for this cohort.")
    shoot(page, "manage-waiting-position")
    page.goto(live_server.url + link_in("Booking confirmed"))
    expect(page.get_by_role("main")).to_contain_text(f"It is booking {part.reference}, 1st on the waiting list")
    shoot(page, "manage-held-with-waiting-part")

    services.cancel_booking(booking_id=other.pk)
    page.goto(live_server.url + waiting_link)
    step(page, f"Booking {part.reference}", "offer on the first link")
    expect(page.get_by_role("heading", name="A place is offered to you")).to_be_visible()
    shoot(page, "manage-offer-same-link")
    page.get_by_role("button", name="Accept the place").click()
    expect(page.get_by_role("alert")).to_contain_text("You have accepted the place.")
    assert_no_axe_violations(page, "offer accepted")
    part.refresh_from_db()
    assert part.status == BookingStatus.CONFIRMED


def test_a_coordinator_allocates_and_reads_the_report(axe_page, live_server, runs, hub):
    _first_come, allocating, _other = runs
    page = axe_page
    sign_in(page, live_server, hub_coordinator(hubs=[hub]))
    page.goto(f"{live_server.url}/admin/bookings/runs/{allocating.pk}/allocation/")
    expect(page.get_by_role("main")).to_contain_text("3 requests are waiting for the allocation.")
    shoot(page, "admin-allocation-before")
    page.get_by_role("button", name="Allocate places and email everyone").click()
    expect(page.get_by_role("main")).to_contain_text("Allocation report")
    shoot(page, "admin-allocation-report")
    assert waiting.verify_allocation(run_id=allocating.pk)
    rows = page.locator("tr[data-outcome]")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Hillside")

    page.goto(f"{live_server.url}/admin/programmes/run/edit/{allocating.pk}/")
    expect(page.get_by_label("Schools in the hub's priority areas (by URN)")).to_be_checked()
    shoot(page, "admin-run-allocation-settings")
