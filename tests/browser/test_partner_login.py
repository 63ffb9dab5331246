"""Signing in and accepting an invitation in Chromium, with axe-core on every page, and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def accounts_site(transactional_db, home_page, django_user_model):
    from allauth.account.models import EmailAddress

    from directory.partners.models import PartnerMembership
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name="Westfield Homes", slug="westfield-homes")
    partner = django_user_model.objects.create_user(username="pat", email="pat@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=partner, email="pat@example.org", verified=True, primary=True)
    PartnerMembership.objects.create(user=partner, organisation=organisation)
    return organisation


def fill_login(page, email, password):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def staff_with_an_authenticator(django_user_model, username, **flags):
    """A staff member (``username``@example.org) with a verified email and an activated authenticator app;
    returns the user and the app's secret."""
    from allauth.account.models import EmailAddress

    from tests.support import activate_totp

    email = f"{username}@example.org"
    staff = django_user_model.objects.create_user(
        username=username, email=email, password=PASSWORD, is_staff=True, **flags
    )
    EmailAddress.objects.create(user=staff, email=email, verified=True, primary=True)
    return staff, activate_totp(staff)


def sign_in_with_code(page, email, secret):
    """Sign in on the login page already open, then give the authenticator's current code."""
    from tests.support import totp_code

    fill_login(page, email, PASSWORD)
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_with_a_wrong_password_then_the_right_one(axe_page, live_server, accounts_site):
    page = axe_page
    page.goto(live_server.url + "/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_no_axe_violations(page, "login")

    fill_login(page, "pat@example.org", "not-the-password")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("The email address or password is not right")
    expect(page.get_by_label("Email")).to_have_value("pat@example.org")
    assert_no_axe_violations(page, "login with an error")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/partners/")
    assert_no_axe_violations(page, "after sign-in")


def test_sign_in_works_without_javascript(page_without_js, live_server, accounts_site):
    page_without_js.goto(live_server.url + "/accounts/login/")
    fill_login(page_without_js, "pat@example.org", PASSWORD)
    expect(page_without_js).to_have_url(live_server.url + "/partners/")


def test_accept_an_invitation_with_an_error_first(axe_page, live_server, accounts_site, django_user_model):
    from directory.partners import invitations

    page = axe_page
    coordinator = django_user_model.objects.create_superuser(username="c", email="c@example.org", password="x")
    invitation = invitations.invite_partner(organisation=accounts_site, email="new@example.org", invited_by=coordinator)
    page.goto(live_server.url + invitations.invitation_url(invitation).split("testserver", 1)[-1])
    expect(page.get_by_role("heading", level=1)).to_have_text("Set your password")
    expect(page.get_by_role("main")).to_contain_text("new@example.org")
    assert_no_axe_violations(page, "invitation")

    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD + "!")
    page.get_by_role("button", name="Create account and sign in").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("The passwords do not match")
    expect(page.get_by_label("Confirm your password")).to_have_accessible_description(
        re.compile("The passwords do not match")
    )
    assert_no_axe_violations(page, "invitation with an error")

    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create account and sign in").click()
    expect(page).to_have_url(live_server.url + "/partners/")

    page.goto(live_server.url + invitations.invitation_url(invitation).split("testserver", 1)[-1])
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation cannot be used")
    expect(page.get_by_role("main")).to_contain_text("already been used")
    assert_no_axe_violations(page, "used invitation")


def test_broken_invitation_link_gets_a_clear_page(axe_page, live_server, accounts_site):
    response = axe_page.goto(live_server.url + "/partners/invitation/1:abc:forged/")
    assert response.status == 404
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("This invitation cannot be used")
    expect(axe_page.get_by_role("main")).to_contain_text("does not work")
    assert_no_axe_violations(axe_page, "broken invitation")


def test_staff_are_asked_for_their_code(axe_page, live_server, accounts_site, django_user_model):
    from tests.support import totp_code

    _staff, secret = staff_with_an_authenticator(django_user_model, "kim", is_superuser=True)
    page = axe_page
    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/"))
    fill_login(page, "kim@example.org", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    assert_no_axe_violations(page, "security code")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/admin/")


def test_staff_whose_secret_no_key_opens_are_told_on_the_code_page(
    axe_page, live_server, accounts_site, django_user_model, settings
):
    settings.MFA_ENCRYPTION_KEYS = ["the-key-before-the-change-0000000000"]
    _staff, secret = staff_with_an_authenticator(django_user_model, "lee")
    settings.MFA_ENCRYPTION_KEYS = ["a-new-key-without-the-old-one-00000"]
    page = axe_page
    page.goto(live_server.url + "/accounts/login/?next=/admin/")
    sign_in_with_code(page, "lee@example.org", secret)

    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("Your authenticator could not be checked. Contact the hub")
    expect(page.get_by_label("Code")).to_have_accessible_description(re.compile("could not be checked"))
    assert_no_axe_violations(page, "security code that cannot be checked")


def test_staff_whose_secret_no_key_opens_are_told_on_the_recovery_codes_page(
    axe_page, live_server, accounts_site, django_user_model, settings
):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    settings.MFA_ENCRYPTION_KEYS = ["the-key-before-the-change-0000000000"]
    staff, secret = staff_with_an_authenticator(django_user_model, "lee")
    RecoveryCodes.activate(staff)
    page = axe_page
    page.goto(live_server.url + "/accounts/login/?next=/admin/")
    sign_in_with_code(page, "lee@example.org", secret)
    expect(page).to_have_url(live_server.url + "/admin/")
    settings.MFA_ENCRYPTION_KEYS = ["a-new-key-without-the-old-one-00000"]

    page.goto(live_server.url + "/accounts/2fa/recovery-codes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_response(re.compile(r"/accounts/2fa/recovery-codes/$")) as codes_page:
        page.get_by_role("button", name="Continue").click()

    assert codes_page.value.status == 409
    expect(page.get_by_role("heading", level=1)).to_have_text("Your two-factor authentication could not be read")
    expect(page.get_by_role("main")).to_contain_text("Contact the hub so that they can reset two-factor authentication")
    expect(page.get_by_role("link", name="Continue to the hub admin")).to_be_visible()
    assert_no_axe_violations(page, "recovery codes that cannot be read")


def test_partner_sets_up_two_factor_and_other_account_pages(axe_page, live_server, accounts_site):
    from tests.support import totp_code

    page = axe_page
    for path, heading in (
        ("/accounts/signup/", "Accounts are by invitation only"),
        ("/accounts/password/reset/", "Reset your password"),
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_no_axe_violations(page, path)
    page.get_by_label("Email").fill("pat@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_no_axe_violations(page, "password reset sent")

    page.goto(live_server.url + "/accounts/login/")
    fill_login(page, "pat@example.org", PASSWORD)
    page.goto(live_server.url + "/accounts/2fa/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor authentication")
    assert_no_axe_violations(page, "two-factor overview")
    page.get_by_role("link", name="Set up an authenticator app").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    assert_no_axe_violations(page, "reauthenticate")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    assert_no_axe_violations(page, "activate authenticator")
    secret = page.get_by_label("Setup key").input_value()
    page.get_by_label("Authenticator code").fill("000000" if totp_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("alert")).to_contain_text("The code is not right")
    assert_no_axe_violations(page, "activate authenticator with an error")
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    assert_no_axe_violations(page, "recovery codes")

    page.goto(live_server.url + "/accounts/logout/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
    assert_no_axe_violations(page, "sign out")
    page.get_by_role("button", name="Sign out").click()
    page.goto(live_server.url + "/partners/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
