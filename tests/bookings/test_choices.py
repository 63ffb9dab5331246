"""The transition table in bookings.choices drives the services, the admin buttons and the manage page."""

import pytest
from django.urls import reverse

from bookings import services
from bookings.admin.views import STAFF_ACTIONS, actions_for
from bookings.choices import TRANSITIONS, Actor, BookingStatus, allowed, transitions_for
from bookings.errors import InvalidTransition
from programmes.choices import BookingMode

pytestmark = pytest.mark.django_db

CALLS = {
    "confirm": lambda booking, now: services.confirm_booking(booking_id=booking.pk, user=None, now=now),
    "decline": lambda booking, now: services.decline_booking(booking_id=booking.pk, user=None, now=now),
    "offer": lambda booking, now: services.offer_place(booking_id=booking.pk, user=None, now=now),
    "cancel": lambda booking, now: services.cancel_booking(booking_id=booking.pk, now=now),
    "change_places": lambda booking, now: services.change_places(booking_id=booking.pk, places=1, now=now),
    "accept_offer": lambda booking, now: services.accept_offer(booking_id=booking.pk, now=now),
}


def test_every_change_the_table_names_is_a_service_or_the_schedule():
    assert set(TRANSITIONS) == {*CALLS, "expire_offer", "allocate"}
    assert TRANSITIONS["expire_offer"].actors == (Actor.SCHEDULE,)
    assert TRANSITIONS["allocate"].actors == (Actor.SCHEDULE,)


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("status", BookingStatus.values)
def test_services_refuse_exactly_what_the_table_refuses(make_run, add_booking, now, name, status):
    booking = add_booking(make_run(capacity=10), places=2, status=status)
    if allowed(name, status):
        CALLS[name](booking, now)
    else:
        with pytest.raises(InvalidTransition):
            CALLS[name](booking, now)


def test_staff_have_a_button_for_each_change_staff_may_take():
    staff_changes = {name for name, transition in TRANSITIONS.items() if Actor.STAFF in transition.actors}
    assert set(STAFF_ACTIONS) == staff_changes


@pytest.mark.parametrize("status", BookingStatus.values)
def test_admin_buttons_follow_the_table(make_run, add_booking, admin_user, status):
    booking = add_booking(make_run(), status=status)
    urls = [action["url"] for action in actions_for(booking, admin_user)]
    assert urls == [
        reverse(f"bookings_admin:{name}", args=[booking.pk]) for name in transitions_for(Actor.STAFF, status)
    ]


@pytest.mark.parametrize("status", BookingStatus.values)
def test_manage_page_offers_the_booker_what_the_table_allows(client, make_run, add_booking, status):
    booking = add_booking(make_run(booking_mode=BookingMode.SCHOOL), status=status)
    token = booking.set_manage_token()
    booking.save()
    page = client.get(reverse("bookings:manage", args=[token])).content.decode()
    assert (reverse("bookings:manage_cancel", args=[token]) in page) == allowed("cancel", status, Actor.BOOKER)
    assert (reverse("bookings:manage_places", args=[token]) in page) == allowed("change_places", status, Actor.BOOKER)
    assert (reverse("bookings:manage_accept", args=[token]) in page) == allowed("accept_offer", status, Actor.BOOKER)
