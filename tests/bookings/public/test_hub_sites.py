"""Each hub's public site books its own runs: a booking's private link works on its own hub's site and is sent
there from another's; the journey refuses another hub's run; emails come from the run's hub (issue 11)."""

from datetime import timedelta

import pytest

from bookings.choices import BookingStatus
from bookings.models import Booking
from bookings.services import book_places
from home.models import SiteSettings
from portal.models import OutboundEmail
from programmes.choices import BookingMode
from tests.factories import ProgrammeIndexPageFactory, ProgrammePageFactory, RunFactory, SessionFactory
from tests.support import render_queued_emails

pytestmark = pytest.mark.django_db

OTHER_HOST = "other.localhost"


def manage_url(token, action=""):
    return f"/bookings/manage/{token}/" + (f"{action}/" if action else "")


@pytest.fixture
def other_run(other_hub, now):
    """An open run of a programme on the other hub's site, whose settings name it "Farside hub"."""
    site_settings = SiteSettings.for_site(other_hub.site)
    site_settings.hub_name = "Farside hub"
    site_settings.save()
    index = ProgrammeIndexPageFactory(parent=other_hub.site.root_page)
    programme = ProgrammePageFactory(parent=index, title="Farside Programme", image=None)
    run = RunFactory(
        programme=programme,
        capacity=10,
        booking_mode=BookingMode.SCHOOL,
        booking_opens=now - timedelta(days=7),
        booking_closes=now + timedelta(days=14),
    )
    SessionFactory(run=run, start=now + timedelta(days=30), end=now + timedelta(days=30, hours=3))
    return run


@pytest.fixture
def our_run(hub, make_run):
    return make_run(capacity=10)


def test_private_link_on_another_hubs_host_goes_to_the_bookings_own_site(client, our_run, other_hub, school_details):
    booking, token = book_places(run_id=our_run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)

    response = client.get(manage_url(token), HTTP_HOST=OTHER_HOST)

    assert response.status_code == 302
    assert response["Location"] == f"http://localhost{manage_url(token)}"
    assert booking.reference not in response.content.decode()
    assert response["Referrer-Policy"] == "strict-origin"
    assert client.get(manage_url(token)).status_code == 200


def test_other_hubs_booking_is_managed_on_its_own_host_only(client, other_run, school_details):
    booking, token = book_places(run_id=other_run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)

    own = client.get(manage_url(token), HTTP_HOST=OTHER_HOST)
    elsewhere = client.get(manage_url(token, "cancel"))

    assert own.status_code == 200 and booking.reference in own.content.decode()
    assert elsewhere.status_code == 302
    assert elsewhere["Location"] == f"http://{OTHER_HOST}{manage_url(token, 'cancel')}"


def test_a_form_posted_on_another_hubs_host_changes_nothing(client, other_run, school_details):
    booking, token = book_places(run_id=other_run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)

    cancel = client.post(manage_url(token, "cancel"), {"confirm": "yes"})
    places = client.post(manage_url(token, "places"), {"places": "5"})

    for response in (cancel, places):
        assert response.status_code == 302
        assert response["Location"] == f"http://{OTHER_HOST}{manage_url(token)}"
    booking.refresh_from_db()
    assert (booking.status, booking.places) == (BookingStatus.CONFIRMED, 2)


def test_unknown_token_on_another_host_is_still_not_found(client, other_hub):
    assert client.get(manage_url("no-such-token"), HTTP_HOST=OTHER_HOST).status_code == 404


@pytest.mark.parametrize("path", ["/book/{pk}/", "/book/{pk}/check/", "/book/{pk}/contact/"])
def test_booking_journey_refuses_another_hubs_run(client, our_run, other_run, path):
    assert client.get(path.format(pk=other_run.pk)).status_code == 404
    assert client.get(path.format(pk=our_run.pk), HTTP_HOST=OTHER_HOST).status_code == 404
    assert client.post(path.format(pk=other_run.pk), {"school_name": "X"}).status_code == 404
    assert client.get(f"/book/{other_run.pk}/", HTTP_HOST=OTHER_HOST).status_code == 200


def test_emails_come_from_the_runs_hub_with_links_to_its_site(client, other_run, school_details, now):
    OutboundEmail.objects.all().delete()
    _booking, token = book_places(run_id=other_run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)
    render_queued_emails()

    (email,) = OutboundEmail.objects.all()
    assert f"http://{OTHER_HOST}/bookings/manage/{token}/" in email.body
    assert "Farside hub" in email.body
    assert "http://localhost/" not in email.body and "testserver" not in email.body


def test_staff_action_emails_come_from_the_runs_hub(other_run, school_details, admin_user):
    from bookings.services import cancel_booking

    booking, _token = book_places(run_id=other_run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)
    OutboundEmail.objects.all().delete()
    cancel_booking(booking_id=booking.pk, user=admin_user)

    (email,) = OutboundEmail.objects.all()
    assert "Farside hub" in email.body
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED


def test_default_hubs_emails_link_to_its_own_site(our_run, school_details):
    OutboundEmail.objects.all().delete()
    _booking, token = book_places(run_id=our_run.pk, kind=BookingMode.SCHOOL, places=2, details=school_details)
    render_queued_emails()

    (email,) = OutboundEmail.objects.all()
    assert f"http://localhost/bookings/manage/{token}/" in email.body
