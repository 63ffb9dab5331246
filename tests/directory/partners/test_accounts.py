"""Signing in: by email, verified addresses only, rate limited; staff must use an authenticator app."""

import json
import logging

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet, InvalidToken
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.partners.models import PartnerMembership
from portal.groups import HUB_COORDINATORS, HUB_EDITORS, HUB_SAFEGUARDING_LEADS
from portal.mfa import EncryptedMFAAdapter, derive_fernet_key
from portal.models import OutboundEmail
from tests.factories import OrganisationFactory
from tests.support import activate_totp, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-42"
LOGIN_URL = "/accounts/login/"
ACTIVATE_TOTP_URL = "/accounts/2fa/totp/activate/"
MFA_AUTHENTICATE_URL = "/accounts/2fa/authenticate/"


def make_account(django_user_model, email, *, verified=True, **extra):
    user = django_user_model.objects.create_user(username=email.split("@")[0], email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


@pytest.fixture
def partner(django_user_model):
    user = make_account(django_user_model, "partner@example.org")
    PartnerMembership.objects.create(user=user, organisation=OrganisationFactory())
    return user


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"login": email, "password": password, **extra})


def sign_in_with_code(client, email, secret):
    assert sign_in(client, email)["Location"] == MFA_AUTHENTICATE_URL
    return client.post(MFA_AUTHENTICATE_URL, {"code": totp_code(secret)})


def confirm_password(client):
    """allauth asks for the password again before two-factor settings change."""
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302


def wrong_code(secret):
    return "000000" if totp_code(secret) != "000000" else "111111"


class TestLogin:
    def test_login_page_is_not_stored_and_has_labels_and_autocomplete(self, client):
        response = client.get(LOGIN_URL)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert b'autocomplete="username"' in response.content
        assert b'autocomplete="current-password"' in response.content
        assert b'<label class="govuk-label govuk-label--s" for="id_login">' in response.content
        assert b"sign up" not in response.content.lower()

    @pytest.mark.parametrize("url", [LOGIN_URL, "/admin/login/"])
    def test_the_sign_in_page_has_one_forgotten_password_link(self, client, url):
        page = client.get(url, follow=True).content.decode()

        assert page.count('href="/accounts/password/reset/"') == 1
        assert "Forgot your password?" not in page and "I have forgotten my password" in page

    def test_partner_signs_in_with_email_and_lands_on_the_dashboard(self, client, partner):
        response = sign_in(client, "Partner@Example.org")
        assert response.status_code == 302
        assert response["Location"] == "/partners/"
        assert int(client.session["_auth_user_id"]) == partner.pk

    def test_username_does_not_sign_in(self, client, partner):
        response = sign_in(client, partner.username)
        assert "_auth_user_id" not in client.session
        assert b"govuk-error-summary" in response.content

    def test_wrong_password_gets_a_clear_error(self, client, partner):
        response = sign_in(client, "partner@example.org", "not-the-password")
        assert response.status_code == 200
        assert b"The email address or password is not right" in response.content
        assert b"govuk-error-summary" in response.content
        assert b'value="partner@example.org"' in response.content
        assert "_auth_user_id" not in client.session

    def test_unverified_address_must_be_confirmed_first(self, client, django_user_model):
        make_account(django_user_model, "new@example.org", verified=False)
        response = sign_in(client, "new@example.org")
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert "_auth_user_id" not in client.session
        email = OutboundEmail.objects.get(to="new@example.org")
        assert "/accounts/confirm-email/" in email.body

    def test_failed_sign_ins_are_rate_limited(self, client, partner):
        for _attempt in range(5):
            sign_in(client, "partner@example.org", "not-the-password")
        response = sign_in(client, "partner@example.org")
        assert b"You have tried to sign in too many times" in response.content
        assert "_auth_user_id" not in client.session

    def test_logout_is_a_post(self, client, partner):
        client.force_login(partner)
        page = client.get("/accounts/logout/")
        assert page.status_code == 200
        assert "_auth_user_id" in client.session
        client.post("/accounts/logout/")
        assert "_auth_user_id" not in client.session

    def test_password_reset_email_goes_through_the_outbox(
        self, client, partner, django_capture_on_commit_callbacks, mailoutbox
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/password/reset/", {"email": "partner@example.org"})
        assert response.status_code == 302
        email = OutboundEmail.objects.get(to="partner@example.org")
        assert "/accounts/password/reset/key/" in mailoutbox[0].body
        assert email.sent_at is not None
        assert email.body == "", "the reset link is not kept once sent"


class TestStaffTwoFactor:
    def test_admin_login_sends_staff_to_the_shared_login(self, client):
        response = client.get("/admin/login/?next=/admin/pages/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/admin/pages/"

    def test_staff_with_totp_are_asked_for_a_code_then_reach_the_admin(self, client, django_user_model):
        user = make_account(django_user_model, "coordinator@example.org")
        user.groups.add(Group.objects.get(name=HUB_COORDINATORS))
        secret = activate_totp(user)
        response = sign_in(client, "coordinator@example.org", next="/admin/")
        assert response["Location"] == MFA_AUTHENTICATE_URL
        assert "_auth_user_id" not in client.session
        wrong = client.post(MFA_AUTHENTICATE_URL, {"code": wrong_code(secret)})
        assert b"The code is not right" in wrong.content
        assert "_auth_user_id" not in client.session
        response = client.post(MFA_AUTHENTICATE_URL, {"code": totp_code(secret)})
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200

    @pytest.mark.parametrize("group", [HUB_COORDINATORS, HUB_EDITORS, HUB_SAFEGUARDING_LEADS])
    def test_staff_without_totp_are_sent_to_set_it_up(self, client, staff, group):
        client.force_login(staff(group, totp=False))
        for path in ("/admin/", "/admin/pages/", "/admin/snippets/"):
            response = client.get(path)
            assert response.status_code == 302
            assert response["Location"] == ACTIVATE_TOTP_URL

    def test_django_staff_and_superusers_without_totp_are_sent_to_set_it_up(self, client, django_user_model):
        superuser = django_user_model.objects.create_superuser(username="root", email="root@example.org", password="x")
        client.force_login(superuser)
        assert client.get("/admin/")["Location"] == ACTIVATE_TOTP_URL

    def test_staff_can_still_sign_out_without_totp(self, client, staff):
        client.force_login(staff(HUB_EDITORS, totp=False))
        client.post("/admin/logout/")
        assert "_auth_user_id" not in client.session

    def test_staff_with_totp_reach_the_admin(self, client, staff):
        client.force_login(staff(HUB_EDITORS))
        assert client.get("/admin/").status_code == 200

    def test_enforcement_can_be_relaxed_for_local_demo(self, client, staff, settings):
        settings.STAFF_REQUIRE_2FA = False
        client.force_login(staff(HUB_EDITORS, totp=False))
        assert client.get("/admin/").status_code == 200

    def test_staff_cannot_switch_totp_off(self, client, django_user_model):
        user = make_account(django_user_model, "editor@example.org")
        user.groups.add(Group.objects.get(name=HUB_EDITORS))
        secret = activate_totp(user)
        sign_in_with_code(client, "editor@example.org", secret)
        confirm_password(client)
        response = client.post("/accounts/2fa/totp/deactivate/")
        assert response.status_code == 200
        assert b"Staff accounts must keep two-factor authentication" in response.content
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    def test_staff_sign_in_without_next_goes_to_the_admin(self, client, django_user_model):
        user = make_account(django_user_model, "boss@example.org", is_staff=True)
        secret = activate_totp(user)
        sign_in(client, "boss@example.org")
        response = client.post(MFA_AUTHENTICATE_URL, {"code": totp_code(secret)})
        assert response["Location"] == "/admin/"


class TestPartners:
    def test_partner_cannot_reach_the_admin(self, client, partner):
        client.force_login(partner)
        for path in ("/admin/", "/admin/pages/", "/admin/partners/invitation/", "/admin/login/"):
            response = client.get(path, follow=True)
            assert response.status_code == 403, path
            assert b"The admin is for hub staff" in response.content

    def test_partner_without_totp_is_not_forced_to_set_it_up(self, client, partner):
        sign_in(client, "partner@example.org")
        response = client.get("/partners/")
        assert response.get("Location", "") != ACTIVATE_TOTP_URL

    def test_partner_is_offered_totp_and_its_secret_is_stored_encrypted(self, client, partner):
        sign_in(client, "partner@example.org")
        assert client.get(ACTIVATE_TOTP_URL)["Location"].startswith("/accounts/reauthenticate/")
        confirm_password(client)
        page = client.get(ACTIVATE_TOTP_URL)
        assert page.status_code == 200
        assert "no-store" in page["Cache-Control"]
        secret = page.context["form"].secret
        response = client.post(ACTIVATE_TOTP_URL, {"code": totp_code(secret)})
        assert response.status_code == 302
        authenticator = Authenticator.objects.get(user=partner, type=Authenticator.Type.TOTP)
        assert secret not in json.dumps(authenticator.data)
        assert EncryptedMFAAdapter().decrypt(authenticator.data["secret"]) == secret
        codes = Authenticator.objects.get(user=partner, type=Authenticator.Type.RECOVERY_CODES)
        assert set(codes.data) >= {"seed"}
        assert EncryptedMFAAdapter().decrypt(codes.data["seed"]) != codes.data["seed"]

    def test_partner_with_totp_is_asked_for_the_code(self, client, partner):
        secret = activate_totp(partner)
        response = sign_in_with_code(client, "partner@example.org", secret)
        assert response["Location"] == "/partners/"

    def test_partner_may_switch_totp_off(self, client, partner):
        secret = activate_totp(partner)
        sign_in_with_code(client, "partner@example.org", secret)
        confirm_password(client)
        response = client.post("/accounts/2fa/totp/deactivate/")
        assert response.status_code == 302
        assert not Authenticator.objects.filter(user=partner, type=Authenticator.Type.TOTP).exists()


class TestEncryption:
    def test_stored_secret_is_not_the_secret(self, partner):
        secret = activate_totp(partner)
        stored = Authenticator.objects.get(user=partner).data
        assert secret not in json.dumps(stored)
        assert EncryptedMFAAdapter().decrypt(stored["secret"]) == secret

    def test_another_key_cannot_read_it(self, partner):
        activate_totp(partner)
        stored = Authenticator.objects.get(user=partner).data["secret"]
        with pytest.raises(InvalidToken):
            Fernet(derive_fernet_key("some-other-key-of-enough-length-000000")).decrypt(stored.encode())

    def test_keys_rotate(self, partner, settings):
        settings.MFA_ENCRYPTION_KEYS = ["old-key-old-key-old-key-old-key-old"]
        secret = activate_totp(partner)
        settings.MFA_ENCRYPTION_KEYS = ["new-key-new-key-new-key-new-key-new", "old-key-old-key-old-key-old-key-old"]
        stored = Authenticator.objects.get(user=partner).data["secret"]
        assert EncryptedMFAAdapter().decrypt(stored) == secret
        settings.MFA_ENCRYPTION_KEYS = ["new-key-new-key-new-key-new-key-new"]
        with pytest.raises(ValidationError) as refused:
            EncryptedMFAAdapter().decrypt(stored)
        assert refused.value.code == "undecryptable"


class TestSecretsNoKeyOpens:
    """After a key change without the old key kept, staff see why they cannot sign in: not a server error."""

    FIRST_KEY = "first-key-first-key-first-key-first"

    @pytest.mark.parametrize("changed", ["MFA_ENCRYPTION_KEYS", "SECRET_KEY"])
    def test_sign_in_says_the_authenticator_could_not_be_checked(
        self, client, django_user_model, settings, caplog, changed
    ):
        settings.MFA_ENCRYPTION_KEYS = [self.FIRST_KEY] if changed == "MFA_ENCRYPTION_KEYS" else []
        user = make_account(django_user_model, "coordinator@example.org")
        user.groups.add(Group.objects.get(name=HUB_COORDINATORS))
        secret = activate_totp(user)
        RecoveryCodes.activate(user)
        setattr(
            settings,
            changed,
            ["second-key-second-key-second-key-se"] if changed == "MFA_ENCRYPTION_KEYS" else "another-secret-key-" * 3,
        )

        assert sign_in(client, "coordinator@example.org", next="/admin/")["Location"] == MFA_AUTHENTICATE_URL
        with caplog.at_level(logging.ERROR, logger="portal.mfa"):
            response = client.post(MFA_AUTHENTICATE_URL, {"code": totp_code(secret)})

        assert response.status_code == 200
        assert "Your authenticator could not be checked. Contact the hub" in response.content.decode()
        assert "_auth_user_id" not in client.session
        logged = [record.getMessage() for record in caplog.records if record.name == "portal.mfa"]
        assert len(logged) == 1 and "MFA_ENCRYPTION_KEY" in logged[0]
        assert "coordinator" not in logged[0] and user.username not in logged[0]

    @pytest.mark.parametrize(
        "path",
        [
            "/accounts/2fa/",
            "/accounts/2fa/recovery-codes/",
            "/accounts/2fa/recovery-codes/download/",
            "/accounts/2fa/recovery-codes/generate/",
        ],
    )
    @pytest.mark.parametrize("as_staff", [True, False])
    def test_pages_that_read_the_secrets_say_so_instead_of_failing(
        self, client, django_user_model, settings, caplog, path, as_staff
    ):
        settings.MFA_ENCRYPTION_KEYS = [self.FIRST_KEY]
        user = make_account(django_user_model, "someone@example.org")
        if as_staff:
            user.groups.add(Group.objects.get(name=HUB_COORDINATORS))
        else:
            PartnerMembership.objects.create(user=user, organisation=OrganisationFactory())
        activate_totp(user)
        RecoveryCodes.activate(user)
        client.force_login(user)
        confirm_password(client)
        settings.MFA_ENCRYPTION_KEYS = ["second-key-second-key-second-key-se"]

        with caplog.at_level(logging.INFO):
            response = client.get(path)

        page = response.content.decode()
        assert response.status_code == 409
        assert "Your two-factor authentication could not be read" in page
        assert "Contact the hub so that they can reset two-factor authentication for you" in page
        assert ("Continue to the hub admin" in page) is as_staff
        assert "no-store" in response["Cache-Control"]
        logged = [(record.name, record.getMessage()) for record in caplog.records if record.levelno >= logging.WARNING]
        assert len(logged) == 1 and logged[0][0] == "portal.mfa"
        assert "someone" not in logged[0][1] and path not in logged[0][1]
