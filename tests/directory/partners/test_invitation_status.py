"""An invitation's status has one rule, read two ways: ``status_at`` on a row and ``in_status`` as a query (the
admin's status filter, the "already invited" check). They must agree at every moment."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from directory.partners import invitations
from directory.partners.choices import WITHDRAWABLE_STATUSES, InvitationStatus
from directory.partners.errors import CannotWithdraw
from directory.partners.models import Invitation
from portal.groups import HUB_COORDINATORS
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SENT_AT = timezone.make_aware(datetime(2026, 3, 2, 10, 0))


@pytest.fixture
def coordinator(staff):
    return staff(HUB_COORDINATORS)


@pytest.fixture
def one_of_each(coordinator):
    organisation = OrganisationFactory()

    def invite(email):
        return invitations.invite_partner(organisation=organisation, email=email, invited_by=coordinator, now=SENT_AT)

    invite("waiting@example.org")
    invitations.accept_invitation(
        invitation_id=invite("accepted@example.org").pk, password="correct-horse-battery-42", now=SENT_AT
    )
    invitations.withdraw_invitation(invitation_id=invite("withdrawn@example.org").pk, user=coordinator, now=SENT_AT)


def test_the_service_records_the_clock_it_is_given(coordinator):
    invitation = invitations.invite_partner(
        organisation=OrganisationFactory(), email="sam@example.org", invited_by=coordinator, now=SENT_AT
    )
    invitation.refresh_from_db()
    assert invitation.created_at == SENT_AT
    assert invitation.expires_at == SENT_AT + Invitation.lifetime()


@pytest.mark.usefixtures("one_of_each")
@pytest.mark.parametrize("days_later", [0, 6, 7, 30])
def test_the_query_and_the_row_agree(days_later):
    now = SENT_AT + timedelta(days=days_later)
    for status in InvitationStatus:
        by_query = set(Invitation.objects.in_status(status, now=now).values_list("email", flat=True))
        by_row = {invitation.email for invitation in Invitation.objects.all() if invitation.status_at(now) == status}
        assert by_query == by_row, status


@pytest.mark.parametrize("status", list(InvitationStatus))
def test_only_the_withdrawable_statuses_can_be_withdrawn(one_of_each, coordinator, status):
    now = SENT_AT + timedelta(days=30 if status == InvitationStatus.EXPIRED else 1)
    invitation = Invitation.objects.in_status(status, now=now).first()
    assert invitation is not None, status
    if status in WITHDRAWABLE_STATUSES:
        invitations.withdraw_invitation(invitation_id=invitation.pk, user=coordinator, now=now)
    else:
        with pytest.raises(CannotWithdraw):
            invitations.withdraw_invitation(invitation_id=invitation.pk, user=coordinator, now=now)
