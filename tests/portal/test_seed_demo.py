import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from bookings.models import Booking, BookingStatus
from home.models import HomePage, SiteSettings
from programmes.models import BookingMode, ProgrammePage, Run, Session

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "sites": Site.objects.count(),
        "images": Image.objects.count(),
        "runs": Run.objects.count(),
        "sessions": Session.objects.count(),
        "users": get_user_model().objects.count(),
        "bookings": Booking.objects.count(),
    }


def test_seed_twice_gives_the_same_hub(capsys):
    call_command("seed_demo", admin_password="a-demo-password")
    first = counts()
    call_command("seed_demo", admin_password="a-demo-password")
    assert counts() == first
    assert first["runs"] == 4


def test_seed_builds_the_hub_from_the_facts():
    call_command("seed_demo")
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists(), "installer page removed"
    settings = SiteSettings.for_site(site)
    assert settings.privacy_page and settings.accessibility_page and settings.contact_page
    assert "999" in settings.emergency_banner

    residential = ProgrammePage.objects.get(slug="outdoor-residential")
    assert (residential.min_age, residential.max_age) == (13, 16)
    assert residential.delivery_partner_name
    nights = Run.objects.get(programme=residential).sessions.order_by("start")
    assert (nights.last().start.date() - nights.first().start.date()).days == 3, "three nights"

    pathways = ProgrammePage.objects.get(slug="future-pathways")
    assert all(run.sessions.count() == 9 for run in Run.objects.filter(programme=pathways))
    assert ProgrammePage.objects.filter(slug="community-alcohol-partnership").exists()
    assert set(Run.objects.values_list("booking_mode", flat=True)) == {BookingMode.SCHOOL, BookingMode.PARTICIPANT}
    assert HomePage.objects.get().routes and HomePage.objects.get().featured_programmes.count() == 3


def test_every_seeded_page_renders(client):
    call_command("seed_demo")
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_seed_includes_a_full_run_with_a_waiting_list():
    call_command("seed_demo")
    residential = Run.objects.with_availability().get(programme__slug="outdoor-residential")
    assert residential.places_held == residential.capacity
    assert residential.places_waiting > 0
    assert Booking.objects.filter(kind="participant", status=BookingStatus.CONFIRMED).exists()
