"""The partner dashboard's work lists: the actions assigned to the person's organisations (open first, overdue
first, then by due date, each linking to its page), the referrals they or their organisation made with their
status, and the entries' review state. Nothing of another organisation's; a bounded number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.referrals.choices import ActionStatus, Source, Status
from tests.factories import OrganisationFactory, ReferralActionFactory, ReferralFactory, ServiceFactory
from tests.factories.hubs import make_hub

from ..dashboard_support import make_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Westfield Homes")


def days(count):
    return timezone.localdate() + timedelta(days=count)


def referral(reference, **fields):
    return ReferralFactory(reference=reference, accepted=True, **fields)


def partner_referral(reference, user, organisation, **fields):
    if reference:
        fields["reference"] = reference
    return ReferralFactory(
        source=Source.PARTNER,
        referred_by=user,
        referring_organisation=organisation,
        reporter_name="",
        reporter_email="",
        summary=f"Summary of {reference or 'a referral'}",
        **fields,
    )


def test_actions_are_listed_open_then_overdue_first_then_by_due_date_each_linking_to_its_page(
    client, partner, organisation
):
    later = ReferralActionFactory(referral=referral("REF-THIRD"), organisation=organisation, due_date=days(9))
    sooner = ReferralActionFactory(referral=referral("REF-SECOND"), organisation=organisation, due_date=days(2))
    late = ReferralActionFactory(
        referral=referral("REF-FIRST"), organisation=organisation, due_date=days(-3), status=ActionStatus.IN_PROGRESS
    )
    done = ReferralActionFactory(
        referral=referral("REF-FOURTH"),
        organisation=organisation,
        due_date=days(-30),
        status=ActionStatus.DONE,
        completed_at=timezone.now(),
    )
    body = client.get(reverse("partners:dashboard")).content.decode()
    positions = [body.index(reference) for reference in ("REF-FIRST", "REF-SECOND", "REF-THIRD", "REF-FOURTH")]
    assert positions == sorted(positions)
    for action in (later, sooner, late, done):
        assert reverse("partners:update_action", args=[action.pk]) in body
    overdue_row = body[positions[0] : positions[1]]
    assert "Overdue" in overdue_row
    assert "Overdue" not in body[positions[1] :]


def test_referrals_made_by_the_person_or_their_organisation_are_listed_with_their_status(client, partner, organisation):
    colleague = make_partner(organisation, email="colleague@example.org")
    partner_referral("MINE1", partner, organisation, status=Status.SUBMITTED)
    partner_referral("OURS1", colleague, organisation, status=Status.DECLINED)
    body = client.get(reverse("partners:dashboard")).content.decode()
    assert "MINE1" in body and "Summary of MINE1" in body and "Referred by you" in body
    assert "OURS1" in body and "Referred by Westfield Homes" in body
    assert str(Status.SUBMITTED.label) in body and str(Status.DECLINED.label) in body


def test_the_entries_review_state_is_shown(client, partner, organisation):
    organisation.last_reviewed_at = days(-3 * 366)
    organisation.save()
    service = ServiceFactory(organisation=organisation, name="Tenancy help")
    service.save_revision()
    body = client.get(reverse("partners:dashboard")).content.decode()
    assert "In the directory" in body
    assert "Changes waiting for review" in body
    assert "Review due" in body


def test_another_organisations_and_another_hubs_work_never_appears(client, partner, organisation):
    other = OrganisationFactory(name="Other agency")
    stranger = make_partner(other, email="stranger@example.org")
    carrick = make_hub("Carrick")
    ReferralActionFactory(referral=referral("THEIRACT"), organisation=other)
    ReferralActionFactory(referral=referral("CARRICKTHEIRS", hub=carrick), organisation=other)
    partner_referral("THEIRREF", stranger, other)
    partner_referral("CARRICKREF", stranger, other, hub=carrick)
    referral("PUBLIC1")  # a resident's report nobody assigned to this organisation
    ReferralActionFactory(referral=referral("CARRICKMINE", hub=carrick), organisation=organisation)
    body = client.get(reverse("partners:dashboard")).content.decode()
    for reference in ("THEIRACT", "CARRICKTHEIRS", "THEIRREF", "CARRICKREF", "PUBLIC1"):
        assert reference not in body, reference
    assert "CARRICKMINE" in body  # the organisation's own action in another hub it works with


def test_the_dashboard_makes_a_bounded_number_of_queries_however_much_work_there_is(
    client, partner, organisation, django_assert_max_num_queries
):
    def fill(count):
        for _ in range(count):
            ReferralActionFactory(organisation=organisation, due_date=days(-1))
            ReferralActionFactory(organisation=organisation, status=ActionStatus.DONE, completed_at=timezone.now())
            partner_referral(None, partner, organisation)
            ServiceFactory(organisation=organisation)

    fill(1)
    client.get(reverse("partners:dashboard"))  # warm the site settings and navigation caches
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("partners:dashboard"))
    fill(49)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("partners:dashboard"))
    assert response.content.decode().count("Overdue") == 50
