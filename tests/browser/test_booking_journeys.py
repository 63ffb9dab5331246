"""Whole booking journeys in Chromium on the demo hub, with axe-core on every step, and one without JavaScript."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect

from bookings.choices import BookingStatus
from bookings.models import Booking

from .axe import assert_no_axe_violations
from .journey import continue_, error_state, heading, step

pytestmark = pytest.mark.browser

MANAGE_LINK = re.compile(r"/bookings/manage/[A-Za-z0-9_-]+/")


def manage_link(email):
    """The link in the latest email sent to ``email`` (the outbox keeps no body once an email is sent)."""
    body = [message.body for message in mail.outbox if message.to == [email]][-1]
    return MANAGE_LINK.search(body).group(0)


def test_school_booking_journey(axe_page, live_server, demo_site):
    page = axe_page
    page.goto(live_server.url + "/programmes/future-pathways/")
    assert_no_axe_violations(page, "programme page")

    page.get_by_role("button", name="Book places for Cohort 1").click()
    step(page, "About the school", "school question")
    continue_(page)
    error_state(page, "Enter the name of the school", "school question with an error")
    page.get_by_role("link", name="Enter the name of the school").click()
    expect(page.get_by_label("School name")).to_be_focused()
    page.get_by_label("School name").fill("Lakeside High School")
    page.get_by_label("School URN (optional)").fill("112233")
    continue_(page)

    step(page, "Lead contact", "contact question")
    page.get_by_label("Full name").fill("Robin Teacher")
    page.get_by_label("Role at the school").fill("Head of Year 8")
    page.get_by_label("Email address").fill("robin@lakeside.example.org")
    page.get_by_label("Telephone number").fill("01632 960555")
    continue_(page)

    step(page, "Pupils", "pupils question")
    page.get_by_label("Number of pupils").fill("8")
    page.get_by_label("Year 8", exact=True).check()
    page.get_by_label("I agree to the terms of booking").check()
    continue_(page)
    error_state(page, "There are only 7 places left on this run", "pupils question over the places left")
    expect(page.get_by_label("Year 8", exact=True)).to_be_checked()
    page.get_by_label("Number of pupils").fill("5")
    continue_(page)

    step(page, "Check your answers before sending", "check answers")
    expect(page.get_by_role("main")).to_contain_text("Lakeside High School")
    page.get_by_role("button", name="Accept and send").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Booking confirmed")
    booking = Booking.objects.get(school_name="Lakeside High School")
    expect(page.locator(".govuk-panel__body")).to_contain_text(booking.reference)
    assert_no_axe_violations(page, "confirmation")
    assert (booking.places, booking.status) == (5, BookingStatus.CONFIRMED)

    page.goto(live_server.url + manage_link("robin@lakeside.example.org"))
    step(page, f"Booking {booking.reference}", "manage booking")
    page.get_by_label("Number of places").fill("9")
    page.get_by_role("button", name="Change places").click()
    error_state(page, "There are not enough free places for that", "manage booking with an error")
    page.get_by_label("Number of places").fill("3")
    page.get_by_role("button", name="Change places").click()
    expect(page.get_by_role("alert")).to_contain_text("Your booking now has 3 places.")
    assert_no_axe_violations(page, "manage booking after a change")

    page.get_by_role("button", name="Cancel booking").click()
    step(page, "Are you sure you want to cancel this booking?", "cancel question")
    page.get_by_label("Yes, cancel it").check()
    continue_(page)
    expect(page.get_by_role("alert")).to_contain_text("Your booking has been cancelled.")
    assert_no_axe_violations(page, "manage cancelled booking")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_participant_registration_journey(axe_page, live_server, demo_site):
    page = axe_page
    page.goto(live_server.url + "/programmes/community-alcohol-partnership/")
    assert_no_axe_violations(page, "programme page")

    page.get_by_role("button", name="Register for Friday night activities").click()
    step(page, "About the young person", "young person question")
    page.get_by_label("Full name").fill("Taylor Young")
    page.get_by_label("Day", exact=True).fill("31")
    page.get_by_label("Month", exact=True).fill("2")
    page.get_by_label("Year", exact=True).fill("2012")
    continue_(page)
    error_state(page, "Date of birth must be a real date", "date of birth error")
    expect(page.get_by_label("Full name")).to_have_value("Taylor Young")
    born = date.today().replace(year=date.today().year - 14) - timedelta(days=40)
    page.get_by_label("Day", exact=True).fill(str(born.day))
    page.get_by_label("Month", exact=True).fill(str(born.month))
    page.get_by_label("Year", exact=True).fill(str(born.year))
    continue_(page)

    step(page, "Parent or guardian", "guardian question")
    page.get_by_label("Full name").fill("Jo Parent")
    page.get_by_label("Email address").fill("jo.parent@example.org")
    page.get_by_label("Telephone number").fill("07700 900982")
    continue_(page)
    error_state(page, "A parent or guardian must agree", "consent error")
    page.get_by_label("I am their parent or guardian and I agree to them taking part").check()
    continue_(page)

    step(page, "Emergency contact", "emergency contact question")
    page.get_by_label("Full name").fill("Chris Aunt")
    page.get_by_label("Telephone number").fill("07700 900123")
    continue_(page)

    step(page, "Health and support needs", "needs question")
    page.get_by_label("Medical needs (optional)").fill("Asthma: carries an inhaler")
    continue_(page)

    step(page, "Check your answers before sending", "check answers")
    page.get_by_role("link", name="Change Emergency telephone number").click()
    expect(page.get_by_label("Telephone number")).to_have_value("07700 900123")
    continue_(page)
    expect(heading(page)).to_have_text("Check your answers before sending")
    page.get_by_role("button", name="Accept and send").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Booking confirmed")
    assert_no_axe_violations(page, "confirmation")
    booking = Booking.objects.get(participant_name="Taylor Young")
    assert booking.date_of_birth == born
    assert booking.guardian_consent is True

    page.goto(live_server.url + manage_link("jo.parent@example.org"))
    step(page, f"Booking {booking.reference}", "manage registration")
    expect(page.get_by_role("main")).not_to_contain_text("Asthma")


def test_waiting_list_journey_works_without_javascript(page_without_js, live_server, demo_site):
    page = page_without_js
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(live_server.url + "/programmes/outdoor-residential/")
    assert page.evaluate("() => document.body.classList.contains('js-enabled')") is False
    expect(page.get_by_role("main")).to_contain_text("This run is full. You can join the waiting list")

    page.get_by_role("button", name="Join the waiting list for Next residential").click()
    expect(page.get_by_role("main")).to_contain_text("This run is full")
    page.get_by_label("School name").fill("Brook Lane School")
    continue_(page)
    page.get_by_label("Full name").fill("Dana Head")
    page.get_by_label("Role at the school").fill("Assistant head")
    page.get_by_label("Email address").fill("dana@brooklane.example.org")
    page.get_by_label("Telephone number").fill("not a number")
    continue_(page)
    expect(page.get_by_role("alert")).to_contain_text("Enter a telephone number")
    expect(page.get_by_label("Full name")).to_have_value("Dana Head")
    page.get_by_label("Telephone number").fill("01632 960777")
    continue_(page)
    page.get_by_label("Number of pupils").fill("6")
    page.get_by_label("Year 9", exact=True).check()
    page.get_by_label("Year 10", exact=True).check()
    page.get_by_label("Additional needs (optional)").fill("One pupil uses a wheelchair.")
    page.get_by_label("I agree to the terms of booking").check()
    continue_(page)
    expect(heading(page)).to_have_text("Check your answers before sending")
    page.get_by_role("button", name="Join the waiting list").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("You are on the waiting list")
    booking = Booking.objects.get(school_name="Brook Lane School")
    assert (booking.status, booking.places, booking.year_groups) == (BookingStatus.WAITLISTED, 6, "Year 9, Year 10")

    page.goto(live_server.url + manage_link("dana@brooklane.example.org"))
    expect(heading(page)).to_have_text(f"Booking {booking.reference}")
    expect(page.get_by_role("main")).to_contain_text("On the waiting list")
    assert not [message for message in console if "Content Security Policy" in message]
