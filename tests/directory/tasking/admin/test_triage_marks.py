"""A referral at a live priority location of its own hub is marked so in the triage queue and on its inspect
page; one elsewhere, at a closed or proposed location, or at another hub's location is not."""

import pytest
from django.test import Client
from django.urls import reverse

from directory.referrals.models import Referral
from directory.tasking.choices import LocationStatus
from directory.tasking.models import PlaceKind, PriorityPlace, in_priority_location, live_locations_at
from tests.factories import ReferralFactory
from tests.factories.tasking import PriorityLocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(hub, carrick, area):
    active = PriorityLocationFactory(hub=hub, name="Market Square", postcode="WF1 1AA")
    PriorityPlace.objects.create(
        location=active, kind=PlaceKind.STREET, label="Market Street", key=f"area:{area.pk}:market street"
    )
    PriorityLocationFactory(hub=hub, name="Closed one", postcode="WF2 2BB", status=LocationStatus.CLOSED)
    PriorityLocationFactory(hub=hub, name="Proposed one", postcode="WF3 3CC", status=LocationStatus.PROPOSED)
    PriorityLocationFactory(hub=carrick, name="Carrick's", postcode="WF4 4DD")
    return active


def test_which_referrals_are_marked(hub, carrick, area, places):
    marked = {
        ReferralFactory(hub=hub, place_key="pc:WF11AA").pk,
        ReferralFactory(hub=hub, place_key=f"area:{area.pk}:market street near the bus station").pk,
    }
    for key in ("pc:WF22BB", "pc:WF33CC", "pc:WF44DD", f"area:{area.pk}:high street", ""):
        ReferralFactory(hub=hub, place_key=key)
    ReferralFactory(hub=carrick, place_key="pc:WF11AA")
    found = Referral.objects.annotate(there=in_priority_location()).filter(there=True)
    assert set(found.values_list("pk", flat=True)) == marked
    for referral in Referral.objects.all():
        assert bool(live_locations_at(referral)) == (referral.pk in marked)


def test_the_queue_and_the_inspect_page_show_the_mark(hub, coordinator, places):
    referral = ReferralFactory(hub=hub, place_key="pc:WF11AA")
    elsewhere = ReferralFactory(hub=hub, place_key="pc:WF99ZZ")
    client = Client()
    client.force_login(coordinator)
    queue = client.get(reverse("referrals_referral_modeladmin_index")).content.decode()
    assert queue.count("Priority location</span>") == 1
    page = client.get(reverse("referrals_referral_modeladmin_inspect", args=[referral.pk])).content.decode()
    assert 'data-flag="priority-location"' in page and "Market Square" in page
    page = client.get(reverse("referrals_referral_modeladmin_inspect", args=[elsewhere.pk])).content.decode()
    assert 'data-flag="priority-location"' not in page
