"""One invitation link used several times at once makes one account and one membership (row lock)."""

import pytest
from django.contrib.auth import get_user_model

from directory.partners import invitations
from directory.partners.errors import InvitationError
from directory.partners.models import PartnerMembership
from tests.bookings.test_concurrency import run_in_threads
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def test_a_link_accepted_at_once_from_several_places_makes_one_account():
    organisation = OrganisationFactory()
    coordinator = get_user_model().objects.create_superuser(username="c", email="c@example.org", password="x")
    invitation = invitations.invite_partner(organisation=organisation, email="sam@example.org", invited_by=coordinator)

    def accept(index):
        try:
            invitations.accept_invitation(invitation_id=invitation.pk, password=f"a-long-password-{index}")
        except InvitationError as error:
            return type(error).__name__
        return "accepted"

    results = run_in_threads(accept, list(range(THREADS)))

    assert results.count("accepted") == 1
    assert set(results) - {"accepted"} <= {"InvitationUsed", "AccountExists"}
    assert get_user_model().objects.filter(email="sam@example.org").count() == 1
    assert PartnerMembership.objects.filter(organisation=organisation).count() == 1
