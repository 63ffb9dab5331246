"""Referrals belong to one hub: the services, the partner journey, status links, alerts, retention and transfers,
each with a person or a request of the other hub."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from directory.referrals import services
from directory.referrals.choices import LinkKind, Priority, Status, Urgency
from directory.referrals.errors import InvalidLink, InvalidTransfer, InvalidTransition, MissingDetail, NotPermitted
from directory.referrals.models import Referral, ReferralLink, ReferralTransfer
from directory.referrals.retention import anonymise_closed_referrals
from portal.models import HubLogEntry
from tests.factories import AreaFactory, OrganisationFactory, hub_coordinator, partner_of

from .conftest import NOW
from .partner.test_partner_pages import form_data
from .public.report_steps import named_answers, step_url
from .test_services import partner_details

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_coordinator(other_hub):
    return hub_coordinator(hubs=[other_hub], username="oscar", email="oscar@example.org")


@pytest.fixture
def our_coordinator(hub):
    return hub_coordinator(hubs=[hub], username="cora", email="cora@example.org")


def report(hub, report_details, **changes):
    details = report_details(**changes)
    if details["area"] is not None and details["area"].hub_id != hub.pk:
        details["area"] = None  # report_details' area is the default hub's
    referral, token = services.submit_report(hub=hub, details=details, now=NOW)
    return referral, token


# Services


def test_a_report_cannot_name_an_area_of_another_hub(hub, other_hub, report_details):
    with pytest.raises(MissingDetail):
        services.submit_report(hub=other_hub, details=report_details(), now=NOW)
    assert not Referral.objects.exists()


@pytest.mark.parametrize("host", ["localhost", "other.localhost"])
def test_the_report_form_offers_only_the_hubs_own_areas(client, home_page, other_hub, area, host):
    theirs = AreaFactory(hub=other_hub, name="Carrick city centre", slug="carrick-centre")
    shown, hidden = (area, theirs) if host == "localhost" else (theirs, area)
    answers = named_answers(hidden)
    for name in ("what", "aimed-at-you"):
        client.post(step_url(name), answers[name], HTTP_HOST=host)
    page = client.get(step_url("where"), HTTP_HOST=host).content.decode()
    assert shown.name in page and hidden.name not in page
    refused = client.post(step_url("where"), answers["where"], HTTP_HOST=host)
    assert refused.status_code == 200
    assert "Select an area from the list" in refused.content.decode()


def test_a_report_belongs_to_the_hub_given(hub, other_hub, report_details):
    referral, _ = report(other_hub, report_details)
    assert Referral.objects.get(pk=referral.pk).hub == other_hub


def test_a_report_needs_a_hub(report_details):
    with pytest.raises(MissingDetail):
        services.submit_report(hub=None, details=report_details(), now=NOW)
    assert not Referral.objects.exists()


def test_a_partner_refers_only_into_a_hub_their_organisation_works_with(partner, agency, hub, other_hub):
    with pytest.raises(NotPermitted):
        services.submit_partner_referral(
            user=partner, organisation_id=agency.pk, hub=other_hub, details=partner_details(), now=NOW
        )
    assert not Referral.objects.exists()
    referral, _ = services.submit_partner_referral(
        user=partner, organisation_id=agency.pk, hub=hub, details=partner_details(), now=NOW
    )
    assert referral.hub == hub


def test_same_place_reports_link_only_within_one_hub(hub, other_hub, report_details):
    ours, _ = report(hub, report_details)
    theirs, _ = report(other_hub, report_details)
    assert not ReferralLink.objects.exists()
    again, _ = services.submit_report(hub=hub, details=report_details(), now=NOW + timedelta(days=1))
    assert list(ReferralLink.objects.values_list("from_referral", "to_referral", "kind")) == [
        (ours.pk, again.pk, LinkKind.SAME_PLACE)
    ]
    assert theirs.pk not in ReferralLink.objects.values_list("from_referral", flat=True)


def test_another_hubs_reference_cannot_be_linked(hub, other_hub, report_details, our_coordinator):
    ours, _ = report(hub, report_details)
    theirs, _ = report(other_hub, report_details, postcode="WF9 9ZZ")
    with pytest.raises(InvalidLink):
        services.link_referrals(
            referral_id=ours.pk, other_reference=theirs.reference, kind=LinkKind.RELATED, user=our_coordinator
        )


def test_staff_of_another_hub_cannot_take_a_step(hub, report_details, agency, other_coordinator):
    referral, _ = report(hub, report_details)
    with pytest.raises(NotPermitted):
        services.accept_referral(
            referral_id=referral.pk, user=other_coordinator, priority=Priority.P2, lead_agency_id=agency.pk
        )
    with pytest.raises(NotPermitted):
        services.add_note(referral_id=referral.pk, user=other_coordinator, text="Not mine")
    referral.refresh_from_db()
    assert referral.status == Status.SUBMITTED and not referral.notes.exists()


def test_only_an_agency_of_the_referrals_hub_can_lead(hub, other_hub, report_details, our_coordinator):
    referral, _ = report(hub, report_details)
    elsewhere = OrganisationFactory(name="Elsewhere agency", hubs=[other_hub])
    with pytest.raises(MissingDetail):
        services.accept_referral(
            referral_id=referral.pk, user=our_coordinator, priority=Priority.P2, lead_agency_id=elsewhere.pk
        )
    referral.refresh_from_db()
    assert referral.status == Status.SUBMITTED


# Partner journey


def test_a_partner_of_one_hub_cannot_post_a_referral_into_another(client, partner, agency, other_hub):
    client.force_login(partner)
    response = client.post(reverse("partners:refer"), form_data(agency, hub=other_hub.pk))
    assert response.status_code == 200
    assert "Choose a hub your organisation works with" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_partner_whose_organisation_works_with_two_hubs_chooses_one(client, hub, other_hub):
    both = OrganisationFactory(name="County agency", hubs=[hub, other_hub])
    client.force_login(partner_of(both, username="casey"))
    page = client.get(reverse("partners:refer")).content.decode()
    assert "Which hub are you referring to?" in page and "Other" in page
    response = client.post(reverse("partners:refer"), form_data(both))
    assert "Choose the hub you are referring to" in response.content.decode()
    client.post(reverse("partners:refer"), form_data(both, hub=other_hub.pk))
    referral = Referral.objects.get()
    assert referral.hub == other_hub
    listing = client.get(reverse("partners:referrals")).content.decode()
    assert referral.reference in listing and other_hub.name in listing


def test_a_partner_whose_organisation_works_with_no_hub_is_told_so(client):
    lonely = OrganisationFactory(name="New agency", hubs=[])
    client.force_login(partner_of(lonely, username="nina"))
    response = client.get(reverse("partners:refer"))
    assert "does not work with a hub yet" in response.content.decode()
    client.post(reverse("partners:refer"), form_data(lonely))
    assert not Referral.objects.exists()


# Status links


def test_a_status_link_on_another_hubs_site_redirects_to_the_referrals_own(client, hub, other_hub, report_details):
    referral, token = report(other_hub, report_details, reporter_anonymous=True)
    path = reverse("referrals:status", args=[token])
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"http://other.localhost{path}"
    own = client.get(path, HTTP_HOST="other.localhost")
    assert own.status_code == 200 and referral.reference in own.content.decode()


# Alerts


def test_an_urgent_referral_alerts_only_its_own_hubs_coordinators(
    other_hub, report_details, our_coordinator, other_coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report(other_hub, report_details, vulnerable_person=True, reporter_anonymous=True)
    assert [message.to for message in mail.outbox] == [[other_coordinator.email]]


def test_the_reporters_email_links_to_the_referrals_hub_site(
    other_hub, report_details, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report(other_hub, report_details)
    (message,) = mail.outbox
    assert "http://other.localhost/report/status/" in message.body


# Retention


def test_retention_follows_each_hubs_own_period(hub, other_hub, report_details, our_coordinator, other_coordinator):
    other_hub.referral_retention_months = 1
    other_hub.save()
    ours, _ = report(hub, report_details)
    theirs, _ = report(other_hub, report_details, postcode="WF9 9ZZ")
    services.decline_referral(referral_id=ours.pk, user=our_coordinator, reason="not_asb", now=NOW)
    services.decline_referral(referral_id=theirs.pk, user=other_coordinator, reason="not_asb", now=NOW)
    assert anonymise_closed_referrals(now=NOW + timedelta(days=60)) == 1
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert theirs.anonymised_at is not None and theirs.reporter_name == ""
    assert ours.anonymised_at is None and ours.reporter_name == "Alex Resident"


# Transfers


def transfer(referral, user, to_hub, reason="Lives in their district"):
    return services.transfer_referral(
        referral_id=referral.pk, user=user, to_hub_id=to_hub.pk, reason=reason, now=NOW + timedelta(hours=1)
    )


def test_a_transfer_moves_the_referral_and_leaves_only_a_record(
    hub, other_hub, report_details, our_coordinator, other_coordinator, django_capture_on_commit_callbacks
):
    referral, _ = report(hub, report_details, reporter_anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        moved = transfer(referral, our_coordinator, other_hub)
    referral.refresh_from_db()
    assert referral.hub == other_hub and referral.status == Status.SUBMITTED
    assert (moved.reference, moved.from_hub, moved.to_hub, moved.transferred_by, moved.reason) == (
        referral.reference,
        hub,
        other_hub,
        our_coordinator,
        "Lives in their district",
    )
    entry = HubLogEntry.objects.get(object_id=str(referral.pk), action="referrals.transfer")
    assert entry.user == our_coordinator and entry.data["reference"] == referral.reference
    assert set(HubLogEntry.objects.filter(object_id=str(referral.pk)).values_list("hub", flat=True)) == {
        other_hub.pk
    }, "its history went with it"
    (message,) = mail.outbox
    assert message.to == [other_coordinator.email]
    assert referral.reference in message.body and hub.name in message.body
    assert "war memorial" not in message.body and "drinks" not in message.body
    with pytest.raises(NotPermitted):
        services.add_note(referral_id=referral.pk, user=our_coordinator, text="Still ours?")
    services.add_note(referral_id=referral.pk, user=other_coordinator, text="Ours now")


def test_only_the_referrals_own_hub_may_transfer_it(hub, other_hub, report_details, other_coordinator, staff):
    referral, _ = report(hub, report_details)
    with pytest.raises(NotPermitted):
        transfer(referral, other_coordinator, other_hub)
    with pytest.raises(NotPermitted):
        transfer(referral, staff("Hub editors"), other_hub)
    referral.refresh_from_db()
    assert referral.hub == hub and not ReferralTransfer.objects.exists()


def test_a_transfer_needs_another_hub_a_reason_and_an_open_referral(hub, other_hub, report_details, our_coordinator):
    referral, _ = report(hub, report_details)
    with pytest.raises(InvalidTransfer):
        transfer(referral, our_coordinator, hub)
    with pytest.raises(MissingDetail):
        transfer(referral, our_coordinator, other_hub, reason="  ")
    services.decline_referral(referral_id=referral.pk, user=our_coordinator, reason="not_asb", now=NOW)
    with pytest.raises(InvalidTransition):
        transfer(referral, our_coordinator, other_hub)
    assert not ReferralTransfer.objects.exists()


def test_urgency_survives_a_partner_referral_into_a_second_hub(partner, agency, other_hub):
    agency.hub_partnerships.create(hub=other_hub)
    referral, _ = services.submit_partner_referral(
        user=partner,
        organisation_id=agency.pk,
        hub=other_hub,
        details=partner_details(urgency=Urgency.URGENT),
        now=NOW,
    )
    assert referral.hub == other_hub and referral.vulnerable_person
