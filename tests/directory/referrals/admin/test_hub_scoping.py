"""The admin shows a coordinator only their hubs' referrals: the queue, search, inspect, history, every triage
step, action updates, the figures and their CSV; another hub's referral id is not found. Transfers in the admin."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.referrals import services
from directory.referrals.choices import Priority, Status
from directory.referrals.models import Referral, ReferralNote, ReferralTransfer
from portal.models import HubLogEntry
from tests.factories import OrganisationFactory, hub_coordinator

from .test_triage_access import POSTS, page_urls

pytestmark = pytest.mark.django_db

ADMIN = "/admin/referrals/referral/"


@pytest.fixture
def theirs(other_hub, report_details):
    """An in-progress referral of the other hub, with an action for an agency of that hub."""
    agency = OrganisationFactory(name="Their agency", hubs=[other_hub])
    referral, _ = services.submit_report(hub=other_hub, details=report_details(postcode="CA1 1AA", area=None))
    services.accept_referral(referral_id=referral.pk, user=None, priority=Priority.P2, lead_agency_id=agency.pk)
    action = services.add_action(
        referral_id=referral.pk,
        user=None,
        organisation_id=agency.pk,
        description="Visit",
        due_date=timezone.localdate(),
    )
    return Referral.objects.get(pk=referral.pk), action


@pytest.fixture
def ours(hub, report_details):
    referral, _ = services.submit_report(hub=hub, details=report_details(postcode="WF1 1AA"))
    return referral


@pytest.fixture
def our_client(hub):
    client = Client()
    client.force_login(hub_coordinator(hubs=[hub], username="cora", email="cora@example.org"))
    return client


def test_the_queue_and_search_show_only_the_users_hub(our_client, ours, theirs):
    referral, _action = theirs
    queue = our_client.get(ADMIN).content.decode()
    assert ours.reference in queue and referral.reference not in queue
    found = our_client.get(ADMIN, {"q": referral.reference}).content.decode()
    assert f"inspect/{referral.pk}/" not in found, "the search box echoes the query; no row links to it"
    assert f"inspect/{ours.pk}/" in our_client.get(ADMIN, {"q": ours.reference}).content.decode()


@pytest.mark.parametrize("view", ["inspect", "history", *POSTS])
def test_another_hubs_referral_is_not_found(our_client, theirs, view):
    referral, action = theirs
    response = our_client.get(page_urls(referral, action)[view])
    assert response.status_code == 404
    assert referral.reference not in response.content.decode()
    assert not HubLogEntry.objects.filter(object_id=str(referral.pk), action="referrals.view").exists()


@pytest.mark.parametrize("view", list(POSTS))
def test_another_hubs_referral_cannot_be_changed(our_client, theirs, agency, view):
    referral, action = theirs
    data = {**POSTS[view], "lead_agency": agency.pk, "organisation": agency.pk}
    before = HubLogEntry.objects.filter(object_id=str(referral.pk)).count()
    response = our_client.post(page_urls(referral, action)[view], data)
    assert response.status_code == 404
    referral.refresh_from_db()
    action.refresh_from_db()
    assert referral.status == Status.IN_PROGRESS and action.status == "open"
    assert not ReferralNote.objects.exists()
    assert HubLogEntry.objects.filter(object_id=str(referral.pk)).count() == before


def test_the_transfer_page_of_another_hubs_referral_is_not_found(our_client, theirs, hub):
    referral, _action = theirs
    url = reverse("referrals_admin:transfer", args=[referral.pk])
    assert our_client.get(url).status_code == 404
    assert our_client.post(url, {"to_hub": hub.pk, "reason": "Ours"}).status_code == 404
    referral.refresh_from_db()
    assert referral.hub != hub


def test_the_figures_and_their_csv_count_only_the_users_hub(our_client, ours, theirs):
    page = our_client.get(reverse("referrals_admin:figures"))
    assert page.status_code == 200
    figures = page.context["figures"]
    assert figures.referrals_now["open"] == 1, "ours only: theirs is in progress in the other hub"
    assert figures.actions["open"] == 0, "their action is not counted"
    rows = our_client.get(reverse("referrals_admin:figures_csv")).content.decode().splitlines()
    assert "Referrals now,Open,Count,1" in rows
    assert "Actions,Open,Count,0" in rows


def test_a_coordinator_of_several_hubs_sees_a_hub_column_and_filter(hub, other_hub, ours, theirs):
    referral, _action = theirs
    client = Client()
    client.force_login(hub_coordinator(hubs=[hub, other_hub], username="both", email="both@example.org"))
    queue = client.get(ADMIN).content.decode()
    assert ours.reference in queue and referral.reference in queue
    assert "column-hub" in queue
    filtered = client.get(ADMIN, {"hub": other_hub.pk}).content.decode()
    assert referral.reference in filtered and ours.reference not in filtered


def test_a_coordinator_of_one_hub_has_no_hub_column(our_client, ours):
    assert "column-hub" not in our_client.get(ADMIN).content.decode()


def test_the_accept_form_offers_only_agencies_of_the_referrals_hub(our_client, ours, agency, other_hub):
    elsewhere = OrganisationFactory(name="Elsewhere agency", hubs=[other_hub])
    url = reverse("referrals_admin:accept", args=[ours.pk])
    page = our_client.get(url).content.decode()
    assert agency.name in page and "Elsewhere agency" not in page
    response = our_client.post(url, {"priority": "P2", "lead_agency": elsewhere.pk})
    assert response.status_code == 200
    ours.refresh_from_db()
    assert ours.status == Status.SUBMITTED


def test_a_transfer_in_the_admin(our_client, ours, hub, other_hub):
    url = reverse("referrals_admin:transfer", args=[ours.pk])
    inspect = our_client.get(f"{ADMIN}inspect/{ours.pk}/").content.decode()
    assert url in inspect
    form = our_client.get(url).content.decode()
    assert "Do not include names or addresses" in form and other_hub.name in form
    response = our_client.post(url, {"to_hub": other_hub.pk, "reason": "It is in their district"})
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.hub == other_hub and ReferralTransfer.objects.filter(referral=ours).exists()

    assert our_client.get(f"{ADMIN}inspect/{ours.pk}/").status_code == 404
    assert f"inspect/{ours.pk}/" not in our_client.get(ADMIN).content.decode()
    listing = our_client.get(reverse("referrals_admin:transfers_out")).content.decode()
    assert ours.reference in listing and "It is in their district" in listing and other_hub.name in listing
    assert f"inspect/{ours.pk}/" not in listing
    assert "Alex Resident" not in listing and "war memorial" not in listing

    receiving = Client()
    receiving.force_login(hub_coordinator(hubs=[other_hub], username="oscar", email="oscar@example.org"))
    their_view = receiving.get(f"{ADMIN}inspect/{ours.pk}/").content.decode()
    assert f"Transferred from {hub.name} to {other_hub.name}" in their_view
    assert ours.reference not in receiving.get(reverse("referrals_admin:transfers_out")).content.decode()


def test_a_transfer_to_the_same_hub_is_refused_clearly(our_client, ours, hub):
    response = our_client.post(reverse("referrals_admin:transfer", args=[ours.pk]), {"to_hub": hub.pk, "reason": "x"})
    assert response.status_code == 200 and "Choose a hub from the list" in response.content.decode()
    ours.refresh_from_db()
    assert ours.hub == hub
