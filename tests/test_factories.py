"""The factories make valid rows of every kind they offer."""

import pytest
from allauth.mfa.models import Authenticator

from bookings.choices import BookingStatus
from directory.partners.choices import InvitationStatus
from directory.partners.models import PartnerMembership
from directory.referrals.choices import Source, Status
from portal.groups import HUB_COORDINATORS, HUB_EDITORS, HUB_SAFEGUARDING_LEADS
from programmes.choices import BookingMode
from tests.factories import (
    BookingFactory,
    InvitationFactory,
    OrganisationFactory,
    PartnerMembershipFactory,
    ProgrammePageFactory,
    ReferralActionFactory,
    ReferralFactory,
    RunFactory,
    UserFactory,
    hub_coordinator,
    hub_editor,
    partner_of,
    safeguarding_lead,
    staff_user,
    superuser,
)
from tests.factories.hubs import make_hub, the_default_hub
from tests.factories.users import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_run(programme_index):
    def make(**fields):
        return RunFactory(programme=ProgrammePageFactory(parent=programme_index, image=None), **fields)

    return make


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def group_names(user):
    return set(user.groups.values_list("name", flat=True))


def test_each_kind_of_user():
    plain = UserFactory()
    assert plain.check_password(PASSWORD)
    assert not plain.is_staff and not group_names(plain) and not has_totp(plain)
    kinds = [
        (hub_editor, HUB_EDITORS),
        (hub_coordinator, HUB_COORDINATORS),
        (safeguarding_lead, HUB_SAFEGUARDING_LEADS),
    ]
    hub = the_default_hub()
    for make, group in kinds:
        user = make()
        hub_group = hub.editors_group if group == HUB_EDITORS else hub.staff_group
        assert group_names(user) == {group, hub_group.name}, "the role, and the default hub's group"
        assert has_totp(user)
    assert not has_totp(staff_user(HUB_EDITORS, totp=False))
    assert group_names(staff_user()) == {hub.staff_group.name}
    other = make_hub("Other")
    assert group_names(hub_coordinator(hubs=[other])) == {HUB_COORDINATORS, other.staff_group.name}
    root = superuser()
    assert root.is_superuser and root.is_staff and has_totp(root)
    first, second = OrganisationFactory(), OrganisationFactory()
    partner = partner_of(first, second)
    assert set(PartnerMembership.objects.organisation_ids_for(partner)) == {first.pk, second.pk}
    assert not group_names(partner) and not has_totp(partner)


@pytest.mark.parametrize("status", BookingStatus.values)
@pytest.mark.parametrize("kind", BookingMode.values)
def test_bookings_of_each_kind_and_status(make_run, kind, status):
    booking = BookingFactory(run=make_run(booking_mode=kind), status=status)
    booking.full_clean()
    assert booking.kind == kind
    assert booking.manage_token and booking.manage_token_hash
    assert (booking.offer_expires_at is not None) == (status == BookingStatus.OFFERED)
    assert bool(booking.school_name) == (kind == BookingMode.SCHOOL)
    assert bool(booking.participant_name) == (kind == BookingMode.PARTICIPANT)


def test_booking_traits(make_run):
    run = make_run()
    assert BookingFactory(run=run, waitlisted=True).status == BookingStatus.WAITLISTED
    assert BookingFactory(run=run, offered=True).offer_expires_at is not None


def test_referrals_and_actions():
    ReferralFactory().full_clean()
    assert ReferralFactory(from_partner=True).source == Source.PARTNER
    assert ReferralFactory(accepted=True).lead_agency is not None
    for trait, status in [("declined", Status.DECLINED), ("resolved", Status.RESOLVED), ("closed", Status.CLOSED)]:
        referral = ReferralFactory(**{trait: True})
        assert referral.status == status and referral.finished_at is not None
    action = ReferralActionFactory()
    action.full_clean()
    assert action.referral.status == Status.ACCEPTED and action.is_open


def test_memberships_and_invitations():
    PartnerMembershipFactory().full_clean()
    assert InvitationFactory().status == InvitationStatus.SENT.label
    assert InvitationFactory(accepted=True).status == InvitationStatus.ACCEPTED.label
    assert InvitationFactory(withdrawn=True).status == InvitationStatus.WITHDRAWN.label
