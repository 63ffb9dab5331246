"""The admin's history reports show each member of staff only their hubs' referrals, runs and bookings."""

import pytest
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry

from portal.models import HubLogEntry
from tests.factories import (
    BookingFactory,
    ProgrammePageFactory,
    ReferralFactory,
    RunFactory,
    hub_coordinator,
    hub_editor,
)

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/results/"


@pytest.fixture
def referrals(hub, other_hub):
    ours, theirs = ReferralFactory(hub=hub), ReferralFactory(hub=other_hub)
    log(ours, "referrals.accept", data={"reference": ours.reference})
    log(theirs, "referrals.accept", data={"reference": theirs.reference})
    return ours, theirs


def test_a_referral_logs_to_the_hub_log_with_its_hub(referrals, hub):
    ours, _theirs = referrals
    entry = log_registry.get_logs_for_instance(ours).get()
    assert isinstance(entry, HubLogEntry)
    assert (entry.hub, entry.object_id, entry.label) == (hub, str(ours.pk), ours.reference)


def test_site_history_shows_a_coordinator_only_their_hubs_referrals(client, referrals, hub, other_hub):
    ours, theirs = referrals
    client.force_login(hub_coordinator(hubs=[hub]))
    page = client.get(SITE_HISTORY).content.decode()
    assert ours.reference in page
    assert theirs.reference not in page

    client.force_login(hub_coordinator(hubs=[other_hub], username="other", email="other@example.org"))
    page = client.get(SITE_HISTORY).content.decode()
    assert theirs.reference in page
    assert ours.reference not in page


def test_a_coordinator_of_both_hubs_and_a_superuser_see_both(client, referrals, hub, other_hub, admin_user):
    for user in (hub_coordinator(hubs=[hub, other_hub]), admin_user):
        client.force_login(user)
        page = client.get(SITE_HISTORY).content.decode()
        assert all(referral.reference in page for referral in referrals)


def test_bookings_and_runs_log_with_the_hub_of_their_programme_page(programme_index, hub):
    programme = ProgrammePageFactory(parent=programme_index)
    booking = BookingFactory(run=RunFactory(programme=programme))
    log(booking, "bookings.cancel")
    log(booking.run, "bookings.change_capacity")
    assert {(entry.hub, entry.content_type.model) for entry in HubLogEntry.objects.all()} == {
        (hub, "booking"),
        (hub, "run"),
    }


def test_staff_of_the_hub_without_referral_permissions_do_not_see_its_referrals(client, referrals, hub):
    ours, _theirs = referrals
    client.force_login(hub_editor(hubs=[hub]))
    assert ours.reference not in client.get(SITE_HISTORY).content.decode()
