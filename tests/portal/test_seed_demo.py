import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from bookings.choices import BookingStatus
from bookings.models import Booking
from directory.casereviews.models import CaseReview
from directory.models import Area, Organisation, Service, ServiceContact, ServiceLocation, ServiceSchedule
from directory.referrals.figures import hub_figures
from directory.referrals.models import Referral, ReferralAction, ReferralLink, ReferralNote
from directory.tasking.choices import LocationStatus, MeetingStatus
from directory.tasking.models import ForwardEvent, Meeting, PriorityLocation, TaskingAction
from home.models import HomePage, SiteSettings
from portal.hubs import default_hub, pages_q
from portal.models import Hub
from programmes.choices import BookingMode
from programmes.models import ProgrammePage, Run, Session


@pytest.fixture
def demo(demo_readonly, db):
    """The demo hub, seeded once for the tests that only read it (tests/demo.py)."""
    return demo_readonly


def westfield_programme(slug):
    return ProgrammePage.objects.filter(pages_q([default_hub()])).get(slug=slug)


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
        "organisations": Organisation.objects.count(),
        "services": Service.objects.count(),
        "areas": Area.objects.count(),
        "locations": ServiceLocation.objects.count(),
        "schedules": ServiceSchedule.objects.count(),
        "contacts": ServiceContact.objects.count(),
    }


@pytest.mark.django_db
def test_seed_twice_gives_the_same_hub(capsys):
    call_command("seed_demo", admin_password="a-demo-password")
    first = counts()
    call_command("seed_demo", admin_password="a-demo-password")
    assert counts() == first
    assert first["runs"] == 7, "four in Westfield, three in Carrick"
    assert first["sites"] == 2
    assert first["organisations"] >= 15
    assert first["services"] > first["organisations"]


def test_seed_builds_the_hub_from_the_facts(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    hub_homes = Site.objects.values_list("root_page_id", flat=True)
    assert not Page.objects.filter(depth=2).exclude(pk__in=hub_homes).exists(), "installer page removed"
    settings = SiteSettings.for_site(site)
    assert settings.privacy_page and settings.accessibility_page and settings.contact_page
    assert "999" in settings.emergency_banner

    residential = westfield_programme("outdoor-residential")
    assert (residential.min_age, residential.max_age) == (13, 16)
    assert residential.delivery_partner_name
    nights = Run.objects.get(programme=residential).sessions.order_by("start")
    assert (nights.last().start.date() - nights.first().start.date()).days == 3, "three nights"

    pathways = westfield_programme("future-pathways")
    assert all(run.sessions.count() == 9 for run in Run.objects.filter(programme=pathways))
    assert ProgrammePage.objects.filter(slug="community-alcohol-partnership").exists()
    assert set(Run.objects.values_list("booking_mode", flat=True)) == {BookingMode.SCHOOL, BookingMode.PARTICIPANT}
    home = HomePage.objects.get(pk=site.root_page_id)
    assert home.routes and home.featured_programmes.count() == 3


def test_every_seeded_page_renders(client, demo):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_seed_includes_a_full_run_with_a_waiting_list(demo):
    residential = Run.objects.with_availability().get(programme__slug="outdoor-residential")
    assert residential.places_held == residential.capacity
    assert residential.places_waiting > 0
    assert Booking.objects.filter(kind="participant", status=BookingStatus.CONFIRMED).exists()


def test_seed_publishes_the_partner_directory(demo):
    organisations = Organisation.objects.all()
    assert all(organisation.live and organisation.latest_revision_id for organisation in organisations)
    assert not Service.objects.exclude(live=True).exists()
    assert all(organisation.services.exists() for organisation in organisations)
    stale = {organisation.slug for organisation in Organisation.objects.review_due()}
    assert 1 <= len(stale) <= 2, "one or two entries show the out-of-date marker"
    for organisation in organisations:
        assert "example.org" in organisation.email and "example.org" in organisation.website
        assert organisation.phone.startswith("01632 960")
        assert organisation.keywords
    for location in ServiceLocation.objects.filter(location_type="physical"):
        assert 54 < location.latitude < 55 and -4 < location.longitude < -3
    assert Area.objects.filter(name="All of Westfield borough").exists()


def test_seed_links_programmes_and_the_home_page_to_the_directory(client, demo):
    residential = westfield_programme("outdoor-residential")
    cap = westfield_programme("community-alcohol-partnership")
    assert residential.delivery_partner.slug == "fellside-outdoor-trust"
    assert cap.delivery_partner.slug == "westfield-community-alcohol-partnership"
    routes = {
        block.value["title"]: block.value for block in HomePage.objects.get(pk=default_hub().site.root_page_id).routes
    }
    assert routes["Find a partner agency"]["url"] == "/directory/"
    home = client.get("/").content.decode()
    assert 'href="/directory/"' in home
    assert 'href="/directory/fellside-outdoor-trust/"' in client.get(residential.url).content.decode()


def test_every_seeded_directory_entry_renders(client, demo):
    assert client.get("/directory/").status_code == 200
    for slug in Organisation.objects.values_list("slug", flat=True):
        assert client.get(f"/directory/{slug}/").status_code == 200, slug


@pytest.mark.django_db
def test_seed_adds_a_year_of_referrals_once():
    def referral_counts():
        return {
            "referrals": Referral.objects.count(),
            "actions": ReferralAction.objects.count(),
            "notes": ReferralNote.objects.count(),
            "links": ReferralLink.objects.count(),
            "priority locations": PriorityLocation.objects.count(),
            "meetings": Meeting.objects.count(),
            "tasking actions": TaskingAction.objects.count(),
            "events": ForwardEvent.objects.count(),
        }

    call_command("seed_demo")
    first = referral_counts()
    call_command("seed_demo")
    assert referral_counts() == first
    assert first["referrals"] >= 150 and first["actions"] and first["notes"] and first["links"]
    assert not Referral.objects.exclude(reference__startswith="DEMO-").exists()
    assert {hub.slug: hub.referrals.count() for hub in Hub.objects.all()} == {"westfield": 163, "carrick": 80}
    assert set(Referral.objects.values_list("status", flat=True)) == {
        "submitted",
        "accepted",
        "in_progress",
        "declined",
        "resolved",
        "closed",
    }
    assert set(Referral.objects.values_list("category", flat=True)) == {"personal", "nuisance", "environmental"}
    assert set(Referral.objects.values_list("source", flat=True)) == {"public", "partner"}
    assert Referral.objects.values("area").distinct().count() >= 5
    assert Referral.objects.filter(case_review_flag=True).count() >= 3
    reviews = {review.status: review for review in CaseReview.objects.all()}
    assert set(reviews) == {"closed", "not_met"}
    assert reviews["closed"].recommendations_made and reviews["closed"].linked_referrals.count() >= 2
    figures = hub_figures(hubs=list(Hub.objects.all()))
    assert all(month["received"] > 0 for month in figures.monthly), "a year of activity"
    assert figures.actions["overdue"] > 0 and figures.median_days_to_close
    # The tasking demo: a closed location with fewer reports while it was a priority than a year before, an
    # active one, three meetings with issued minutes and actions, the next one planned, and events ahead.
    closed = PriorityLocation.objects.get(status=LocationStatus.CLOSED)
    assert closed.count_before > closed.count_after > 0
    assert PriorityLocation.objects.filter(status=LocationStatus.ACTIVE).count() == 1
    assert Meeting.objects.filter(status=MeetingStatus.ISSUED).count() == 3
    assert Meeting.objects.filter(status=MeetingStatus.PLANNED).count() == 1
    assert TaskingAction.objects.filter(item__meeting__status=MeetingStatus.ISSUED).count() >= 3
    assert ForwardEvent.objects.count() == 3


def test_seed_builds_two_hubs_on_their_own_hosts(client, demo):
    westfield, carrick = Hub.objects.get(slug="westfield"), Hub.objects.get(slug="carrick")
    assert (westfield.site.hostname, westfield.site.port, westfield.site.is_default_site) == (
        "westfield.localhost",
        8000,
        True,
    )
    assert (carrick.site.hostname, carrick.site.port) == ("carrick.localhost", 8000)
    for hub, other in ((westfield, carrick), (carrick, westfield)):
        assert SiteSettings.for_site(hub.site).hub_name == f"{hub.name} Local Focus Hub"
        assert Area.objects.filter(hub=hub).exists()
        assert hub.partnerships.exists()
        assert Run.objects.filter(pages_q([hub], prefix="programme__")).exists()
        assert Booking.objects.filter(pages_q([hub], prefix="run__programme__")).exists()
        assert not hub.referrals.filter(area__hub=other).exists(), "a hub's referrals are in its own areas"
        coordinator = get_user_model().objects.get(groups=hub.staff_group)
        assert not coordinator.groups.filter(pk=other.staff_group_id).exists()
        page = client.get("/", HTTP_HOST=f"{hub.site.hostname}:8000").content.decode()
        assert f"{hub.name} Local Focus Hub" in page and f"{other.name} Local Focus Hub" not in page
    assert "Westfield Local Focus Hub" in client.get("/", HTTP_HOST="127.0.0.1:8000").content.decode()
    shared = {p.organisation_id for p in carrick.partnerships.all()} & {
        p.organisation_id for p in westfield.partnerships.all()
    }
    assert shared, "some partners serve both hubs"
