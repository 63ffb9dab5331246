"""Hub staff invite partners from the admin, see each invitation's status and withdraw it; others cannot."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
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
def coordinator(staff):
    return staff(HUB_COORDINATORS)


@pytest.fixture
def invitation(organisation, coordinator):
    return invitations.invite_partner(organisation=organisation, email="sam@example.org", invited_by=coordinator)


def test_coordinators_invite_from_the_admin(
    client, coordinator, organisation, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(coordinator)
    assert client.get(CREATE_URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE_URL, {"organisation": organisation.pk, "email": " Sam@Example.org"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.organisation, invitation.invited_by) == (
        "sam@example.org",
        organisation,
        coordinator,
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
def test_bad_addresses_are_refused(client, coordinator, organisation, email, message):
    client.force_login(coordinator)
    response = client.post(CREATE_URL, {"organisation": organisation.pk, "email": email})
    assert response.status_code == 200
    assert message in response.content
    assert b"<script>alert(1)</script>" not in response.content
    assert not Invitation.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_duplicate_open_invitation_is_refused_with_a_clear_error(client, coordinator, invitation, organisation):
    client.force_login(coordinator)
    response = client.post(CREATE_URL, {"organisation": organisation.pk, "email": "sam@example.org"})
    assert response.status_code == 200
    assert b"has an invitation to this organisation" in response.content
    assert Invitation.objects.count() == 1


def test_list_shows_each_status_without_n_plus_one(client, coordinator, organisation):
    client.force_login(coordinator)
    sent = invitations.invite_partner(organisation=organisation, email="a@example.org", invited_by=coordinator)
    client.get(INDEX_URL)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX_URL)
    expired = invitations.invite_partner(organisation=organisation, email="b@example.org", invited_by=coordinator)
    Invitation.objects.filter(pk=expired.pk).update(created_at=timezone.now() - timedelta(days=30))
    withdrawn = invitations.invite_partner(
        organisation=OrganisationFactory(), email="c@example.org", invited_by=coordinator
    )
    invitations.withdraw_invitation(invitation_id=withdrawn.pk, user=coordinator)
    accepted = invitations.invite_partner(
        organisation=OrganisationFactory(), email="d@example.org", invited_by=coordinator
    )
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


def test_coordinator_withdraws_an_invitation(client, coordinator, invitation):
    client.force_login(coordinator)
    inspect = client.get(inspect_url(invitation))
    assert withdraw_url(invitation).encode() in inspect.content
    response = client.post(withdraw_url(invitation))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    again = client.post(withdraw_url(invitation), follow=True)
    assert b"Only an invitation that is waiting to be accepted can be withdrawn" in again.content


def test_invitations_cannot_be_edited_or_deleted(client, coordinator, invitation):
    client.force_login(coordinator)
    assert client.get(f"{INDEX_URL}edit/{invitation.pk}/").status_code in {302, 403}
    assert client.post(f"{INDEX_URL}delete/{invitation.pk}/").status_code in {302, 403}
    assert Invitation.objects.filter(pk=invitation.pk, email="sam@example.org").exists()


def menu_labels(client):
    """The admin menu's item labels, as the sidebar's data carries them."""
    return set(re.findall(r'"label": "([^"]+)"', client.get("/admin/").content.decode()))


class TestWrongUsers:
    def test_hub_editor_can_neither_see_nor_use_invitations(self, client, staff, invitation, organisation):
        """An invitation lets a mailbox read an organisation's referral actions, which editors must not see."""
        client.force_login(staff(HUB_EDITORS))
        assert "Partner invitations" not in menu_labels(client)
        for response in (
            client.get(INDEX_URL),
            client.get(CREATE_URL),
            client.post(CREATE_URL, {"organisation": organisation.pk, "email": "mine@example.org"}),
            client.get(inspect_url(invitation)),
            client.post(withdraw_url(invitation)),
        ):
            assert (response.status_code, response["Location"]) == (302, "/admin/")
        refusals = [str(message).strip() for message in get_messages(response.wsgi_request)]
        assert refusals == ["Sorry, you do not have permission to access this area."] * 5
        assert not Invitation.objects.filter(email="mine@example.org").exists()
        invitation.refresh_from_db()
        assert invitation.revoked_at is None

    def test_hub_coordinator_sees_the_menu_item(self, client, coordinator):
        client.force_login(coordinator)
        assert "Partner invitations" in menu_labels(client)

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

    def test_withdraw_needs_a_post(self, client, coordinator, invitation):
        client.force_login(coordinator)
        assert client.get(withdraw_url(invitation)).status_code == 405
