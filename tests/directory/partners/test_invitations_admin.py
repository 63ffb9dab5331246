"""Hub staff invite partners from the admin, see each invitation's status and withdraw it; others cannot."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.partners import invitations
from directory.partners.models import Invitation, PartnerMembership
from portal.groups import HUB_COORDINATORS, HUB_EDITORS, HUB_SAFEGUARDING_LEADS
from portal.models import OutboundEmail
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/partners/invitation/"
CREATE_URL = "/admin/partners/invitation/create/"


def withdraw_url(invitation):
    return reverse("partners_admin:withdraw_invitation", args=[invitation.pk])


def inspect_url(invitation):
    return reverse("partners_invitation_modeladmin_inspect", args=[invitation.pk])


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Westfield Housing Trust")


@pytest.fixture
def invitation(organisation, staff):
    return invitations.invite_partner(organisation=organisation, email="sam@example.org", invited_by=None)


@pytest.mark.parametrize("group", [HUB_COORDINATORS, HUB_EDITORS])
def test_staff_invite_from_the_admin(
    client, staff, organisation, group, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(staff(group))
    assert client.get(CREATE_URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE_URL, {"organisation": organisation.pk, "email": " Sam@Example.org"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.organisation, invitation.invited_by.groups.get().name) == (
        "sam@example.org",
        organisation,
        group,
    )
    email = OutboundEmail.objects.get()
    assert email.to == "sam@example.org"
    assert email.sent_at is not None
    assert "/partners/invitation/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", b"Enter an email address"),
        ("not-an-address", b"Enter an email address, like name@example.org"),
        ("<script>alert(1)</script>@example.org", b"Enter an email address, like name@example.org"),
        ("a" * 10_000 + "@example.org", b"Enter an email address"),
    ],
)
def test_bad_addresses_are_refused(client, staff, organisation, email, message):
    client.force_login(staff(HUB_COORDINATORS))
    response = client.post(CREATE_URL, {"organisation": organisation.pk, "email": email})
    assert response.status_code == 200
    assert message in response.content
    assert b"<script>alert(1)</script>" not in response.content
    assert not Invitation.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_duplicate_open_invitation_is_refused_with_a_clear_error(client, staff, invitation, organisation):
    client.force_login(staff(HUB_COORDINATORS))
    response = client.post(CREATE_URL, {"organisation": organisation.pk, "email": "sam@example.org"})
    assert response.status_code == 200
    assert b"has an invitation to this organisation" in response.content
    assert Invitation.objects.count() == 1


def test_list_shows_each_status_without_n_plus_one(client, staff, organisation):
    client.force_login(staff(HUB_COORDINATORS))
    sent = invitations.invite_partner(organisation=organisation, email="a@example.org", invited_by=None)
    client.get(INDEX_URL)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX_URL)
    expired = invitations.invite_partner(organisation=organisation, email="b@example.org", invited_by=None)
    Invitation.objects.filter(pk=expired.pk).update(created_at=timezone.now() - timedelta(days=30))
    withdrawn = invitations.invite_partner(organisation=OrganisationFactory(), email="c@example.org", invited_by=None)
    invitations.withdraw_invitation(invitation_id=withdrawn.pk, user=None)
    accepted = invitations.invite_partner(organisation=OrganisationFactory(), email="d@example.org", invited_by=None)
    invitations.accept_invitation(invitation_id=accepted.pk, password="correct-horse-battery-42")
    with CaptureQueriesContext(connection) as many:
        response = client.get(INDEX_URL)
    content = response.content.decode()
    for label in ("Sent", "Expired", "Withdrawn", "Accepted"):
        assert label in content
    assert len(many) == len(few)
    assert sent.email in content
    filtered = client.get(INDEX_URL, {"status": "expired"}).content.decode()
    assert "b@example.org" in filtered and "a@example.org" not in filtered


def test_coordinator_withdraws_an_invitation(client, staff, invitation):
    client.force_login(staff(HUB_COORDINATORS))
    inspect = client.get(inspect_url(invitation))
    assert withdraw_url(invitation).encode() in inspect.content
    response = client.post(withdraw_url(invitation))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    again = client.post(withdraw_url(invitation), follow=True)
    assert b"Only an invitation that is waiting to be accepted can be withdrawn" in again.content


def test_invitations_cannot_be_edited_or_deleted(client, staff, invitation):
    client.force_login(staff(HUB_COORDINATORS))
    assert client.get(f"{INDEX_URL}edit/{invitation.pk}/").status_code in {302, 403}
    assert client.post(f"{INDEX_URL}delete/{invitation.pk}/").status_code in {302, 403}
    assert Invitation.objects.filter(pk=invitation.pk, email="sam@example.org").exists()


class TestWrongUsers:
    def test_staff_without_the_permission_cannot_invite_or_withdraw(self, client, staff, invitation, organisation):
        client.force_login(staff(HUB_SAFEGUARDING_LEADS))
        assert client.get(INDEX_URL).status_code in {302, 403}
        response = client.post(CREATE_URL, {"organisation": organisation.pk, "email": "eve@example.org"})
        assert response.status_code in {302, 403}
        refused = client.post(withdraw_url(invitation))
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
        invitation.refresh_from_db()
        assert invitation.revoked_at is None
        assert not Invitation.objects.filter(email="eve@example.org").exists()

    def test_partner_cannot_invite_or_withdraw(self, client, django_user_model, invitation, organisation):
        partner = django_user_model.objects.create_user(username="p", email="p@example.org", password="x")
        PartnerMembership.objects.create(user=partner, organisation=organisation)
        client.force_login(partner)
        assert client.get(CREATE_URL).status_code == 403
        response = client.post(CREATE_URL, {"organisation": organisation.pk, "email": "friend@example.org"})
        assert response.status_code == 403
        assert client.post(withdraw_url(invitation)).status_code == 403
        invitation.refresh_from_db()
        assert invitation.revoked_at is None
        assert not Invitation.objects.filter(email="friend@example.org").exists()

    def test_anonymous_visitor_is_sent_to_sign_in(self, client, invitation):
        response = client.post(withdraw_url(invitation))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        invitation.refresh_from_db()
        assert invitation.revoked_at is None

    def test_withdraw_needs_a_post(self, client, staff, invitation):
        client.force_login(staff(HUB_COORDINATORS))
        assert client.get(withdraw_url(invitation)).status_code == 405
