"""Invitations: staff invite, the signed link creates a verified account and the membership, or is refused."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from directory.partners import invitations
from directory.partners.choices import InvitationStatus
from directory.partners.errors import (
    AccountExists,
    AlreadyInvited,
    AlreadyMember,
    CannotWithdraw,
    InvitationExpired,
    InvitationInvalid,
    InvitationUsed,
    InvitationWithdrawn,
    NotAllowed,
    WrongAccount,
)
from directory.partners.models import Invitation, PartnerMembership
from portal.groups import HUB_COORDINATORS, HUB_EDITORS
from portal.models import OutboundEmail
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-42"
URL_IN_EMAIL = re.compile(r"https?://\S+/partners/invitation/(\S+)/")


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Westfield Housing Trust", slug="westfield-housing")


@pytest.fixture
def coordinator(staff):
    return staff(HUB_COORDINATORS)


@pytest.fixture
def invitation(organisation, coordinator):
    return invitations.invite_partner(organisation=organisation, email="Sam@Example.org ", invited_by=coordinator)


def token_from_email(email):
    return URL_IN_EMAIL.search(email.body).group(1)


def accept_url(invitation):
    return reverse("partners:accept_invitation", args=[invitations.invitation_token(invitation)])


def age(invitation, days):
    Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now() - timedelta(days=days))
    invitation.refresh_from_db()


class TestInvite:
    def test_invitation_is_stored_and_emailed_with_a_signed_link(self, invitation, organisation):
        assert invitation.email == "sam@example.org"
        assert invitation.status_at(timezone.now()) == InvitationStatus.SENT
        email = OutboundEmail.objects.get()
        assert email.to == "sam@example.org"
        assert "Westfield Housing Trust" in email.subject
        token = token_from_email(email)
        assert invitations.find_invitation(token).pk == invitation.pk

    def test_the_link_carries_no_personal_data(self, invitation):
        token = token_from_email(OutboundEmail.objects.get())
        assert "sam" not in token.lower()
        assert "example" not in token.lower()
        assert token.split(":")[0] == str(invitation.pk)

    def test_an_open_invitation_is_not_sent_twice(self, invitation, organisation, coordinator):
        with pytest.raises(AlreadyInvited):
            invitations.invite_partner(organisation=organisation, email="sam@example.org", invited_by=coordinator)
        assert Invitation.objects.count() == 1

    def test_after_withdrawal_a_new_invitation_can_be_sent(self, invitation, organisation, coordinator):
        invitations.withdraw_invitation(invitation_id=invitation.pk, user=coordinator)
        again = invitations.invite_partner(organisation=organisation, email="sam@example.org", invited_by=coordinator)
        assert again.pk != invitation.pk

    def test_a_member_is_not_invited_again(self, organisation, coordinator, django_user_model):
        user = django_user_model.objects.create_user(username="sam", email="sam@example.org", password=PASSWORD)
        PartnerMembership.objects.create(user=user, organisation=organisation)
        with pytest.raises(AlreadyMember):
            invitations.invite_partner(organisation=organisation, email="SAM@example.org", invited_by=coordinator)
        assert not Invitation.objects.exists()
        assert not OutboundEmail.objects.exists()


class TestOnlyCoordinatorsInvite:
    """The service asks for the permissions itself, whichever view or command calls it."""

    @pytest.mark.parametrize("who", ["editor", "partner", "nobody"])
    def test_others_cannot_invite(self, organisation, staff, django_user_model, who):
        user = {
            "editor": lambda: staff(HUB_EDITORS),
            "partner": lambda: django_user_model.objects.create_user(username="p", email="p@example.org"),
            "nobody": lambda: None,
        }[who]()
        with pytest.raises(NotAllowed):
            invitations.invite_partner(organisation=organisation, email="mine@example.org", invited_by=user)
        assert not Invitation.objects.exists()
        assert not OutboundEmail.objects.exists()

    def test_an_editor_cannot_withdraw(self, invitation, staff):
        with pytest.raises(NotAllowed):
            invitations.withdraw_invitation(invitation_id=invitation.pk, user=staff(HUB_EDITORS))
        invitation.refresh_from_db()
        assert invitation.revoked_at is None

    def test_only_coordinators_hold_the_invitation_permissions(self):
        holders = Group.objects.filter(permissions__content_type__app_label="partners").distinct()
        assert list(holders.values_list("name", flat=True)) == [HUB_COORDINATORS]


class TestStatus:
    def test_expires_after_the_configured_days(self, invitation, settings):
        settings.PARTNER_INVITATION_DAYS = 7
        now = invitation.created_at
        assert invitation.status_at(now + timedelta(days=6, hours=23)) == InvitationStatus.SENT
        assert invitation.status_at(now + timedelta(days=7)) == InvitationStatus.EXPIRED

    def test_withdrawn_and_accepted(self, invitation, coordinator):
        invitations.withdraw_invitation(invitation_id=invitation.pk, user=coordinator)
        invitation.refresh_from_db()
        assert invitation.status == "Withdrawn"


class TestAcceptNewAccount:
    def test_set_password_page_shows_the_invited_address(self, client, invitation):
        response = client.get(accept_url(invitation))
        assert response.status_code == 200
        assert b"sam@example.org" in response.content
        assert "no-store" in response["Cache-Control"]
        assert b'autocomplete="new-password"' in response.content

    def test_accepting_creates_a_verified_account_and_membership_and_signs_in(self, client, invitation, organisation):
        response = client.post(accept_url(invitation), {"password1": PASSWORD, "password2": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == "/partners/"
        user = get_user_model().objects.get(email="sam@example.org")
        assert user.check_password(PASSWORD)
        address = EmailAddress.objects.get(user=user)
        assert (address.email, address.verified, address.primary) == ("sam@example.org", True, True)
        assert PartnerMembership.objects.filter(user=user, organisation=organisation).exists()
        invitation.refresh_from_db()
        assert invitation.accepted_by == user
        assert invitation.status_at(timezone.now()) == InvitationStatus.ACCEPTED
        assert int(client.session["_auth_user_id"]) == user.pk

    @pytest.mark.parametrize(
        ("password1", "password2", "message"),
        [
            ("", "", b"Enter a password"),
            ("short", "short", b"This password is too short"),
            ("password123456", "password123456", b"This password is too common"),
            ("sam@example.org1", "sam@example.org1", b"too similar"),
            (PASSWORD, PASSWORD + "x", b"The passwords do not match"),
            ("x" * 10_000, "x" * 10_000, b"128 characters or fewer"),
        ],
    )
    def test_weak_or_malformed_passwords_are_refused(self, client, invitation, password1, password2, message):
        response = client.post(accept_url(invitation), {"password1": password1, "password2": password2})
        assert response.status_code == 200
        assert message in response.content
        assert b"govuk-error-summary" in response.content
        assert not get_user_model().objects.filter(email="sam@example.org").exists()
        invitation.refresh_from_db()
        assert invitation.accepted_at is None

    def test_hostile_input_is_not_echoed(self, client, invitation):
        hostile = "<script>alert(1)</script>🙂"
        response = client.post(accept_url(invitation), {"password1": hostile, "password2": "different"})
        assert response.status_code == 200
        assert b"<script>alert(1)</script>" not in response.content
        assert not get_user_model().objects.filter(email="sam@example.org").exists()


class TestRefusedLinks:
    def test_forged_link(self, client, invitation):
        forged = f"{invitation.pk}:1abcde:notasignature"
        response = client.get(reverse("partners:accept_invitation", args=[forged]))
        assert response.status_code == 404
        assert b"does not work" in response.content

    def test_link_signed_for_another_invitation_id_is_refused(self, client, invitation):
        token = invitations.invitation_token(invitation)
        tampered = token.replace(f"{invitation.pk}:", f"{invitation.pk + 1}:", 1)
        response = client.post(
            reverse("partners:accept_invitation", args=[tampered]), {"password1": PASSWORD, "password2": PASSWORD}
        )
        assert response.status_code == 404
        assert not get_user_model().objects.filter(email="sam@example.org").exists()

    def test_link_signed_with_another_salt_is_refused(self, invitation):
        token = signing.TimestampSigner(salt="something-else").sign(str(invitation.pk))
        with pytest.raises(InvitationInvalid):
            invitations.find_invitation(token)

    def test_expired_link(self, client, invitation):
        url = accept_url(invitation)
        age(invitation, 8)
        response = client.post(url, {"password1": PASSWORD, "password2": PASSWORD})
        assert response.status_code == 410
        assert b"expired" in response.content
        assert not get_user_model().objects.filter(email="sam@example.org").exists()

    def test_signature_older_than_the_lifetime_is_expired(self, invitation, settings, monkeypatch):
        token = invitations.invitation_token(invitation)
        settings.PARTNER_INVITATION_DAYS = 0
        with pytest.raises(InvitationExpired):
            invitations.invitation_id_from_token(token)

    def test_reused_link(self, client, invitation):
        url = accept_url(invitation)
        client.post(url, {"password1": PASSWORD, "password2": PASSWORD})
        client.logout()
        response = client.post(url, {"password1": "another-password-77", "password2": "another-password-77"})
        assert response.status_code == 410
        assert b"already been used" in response.content
        assert get_user_model().objects.get(email="sam@example.org").check_password(PASSWORD)

    def test_withdrawn_link(self, client, invitation, coordinator):
        invitations.withdraw_invitation(invitation_id=invitation.pk, user=coordinator)
        response = client.get(accept_url(invitation))
        assert response.status_code == 410
        assert b"withdrawn" in response.content

    def test_service_refuses_each_state(self, invitation, coordinator):
        invitations.accept_invitation(invitation_id=invitation.pk, password=PASSWORD)
        with pytest.raises(InvitationUsed):
            invitations.accept_invitation(invitation_id=invitation.pk, password=PASSWORD)
        with pytest.raises(CannotWithdraw):
            invitations.withdraw_invitation(invitation_id=invitation.pk, user=coordinator)

    def test_withdrawn_cannot_be_accepted_by_the_service(self, invitation, coordinator):
        invitations.withdraw_invitation(invitation_id=invitation.pk, user=coordinator)
        with pytest.raises(InvitationWithdrawn):
            invitations.accept_invitation(invitation_id=invitation.pk, password=PASSWORD)


class TestExistingAccount:
    @pytest.fixture
    def sam(self, django_user_model):
        user = django_user_model.objects.create_user(username="sam", email="sam@example.org", password=PASSWORD)
        EmailAddress.objects.create(user=user, email="sam@example.org", verified=True, primary=True)
        return user

    def test_signed_out_they_are_asked_to_sign_in_and_come_back(self, client, sam, invitation):
        url = accept_url(invitation)
        response = client.get(url)
        assert response.status_code == 200
        assert b"Sign in to accept the invitation" in response.content
        login_url = response.context["login_url"]
        assert login_url.startswith("/accounts/login/?next=")
        signed_in = client.post(login_url, {"login": "sam@example.org", "password": PASSWORD})
        assert signed_in.status_code == 302
        assert signed_in["Location"] == url
        assert get_user_model().objects.filter(email="sam@example.org").count() == 1

    def test_after_signing_in_they_join_the_organisation(self, client, sam, invitation, organisation):
        client.force_login(sam)
        url = accept_url(invitation)
        assert client.get(url).status_code == 200
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"] == "/partners/"
        assert PartnerMembership.objects.filter(user=sam, organisation=organisation).exists()
        invitation.refresh_from_db()
        assert invitation.accepted_by == sam

    def test_signed_in_as_someone_else_is_refused(self, client, sam, invitation, django_user_model, organisation):
        other = django_user_model.objects.create_user(username="other", email="other@example.org", password=PASSWORD)
        client.force_login(other)
        response = client.post(accept_url(invitation))
        assert response.status_code == 403
        assert b"different account" in response.content
        assert not PartnerMembership.objects.exists()
        with pytest.raises(WrongAccount):
            invitations.accept_invitation_as(invitation_id=invitation.pk, user=other)

    def test_new_account_service_refuses_an_existing_address(self, sam, invitation):
        with pytest.raises(AccountExists):
            invitations.accept_invitation(invitation_id=invitation.pk, password=PASSWORD)


def test_signup_is_closed(client):
    response = client.get("/accounts/signup/")
    assert b"by invitation only" in response.content
    response = client.post(
        "/accounts/signup/", {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert b"by invitation only" in response.content
    assert not get_user_model().objects.filter(email="new@example.org").exists()
