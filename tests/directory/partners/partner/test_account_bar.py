"""Every partner page says who is signed in (their name, else their email; never the made-up username) and has a
sign-out button: a POST form with its CSRF token, to allauth's sign-out."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories import OrganisationFactory, ReferralActionFactory, ServiceFactory, partner_of

from ..form_scraper import page_form

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-42"
LOGOUT = reverse("account_logout")


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Westfield Homes")


def partner_pages(organisation):
    service = ServiceFactory(organisation=organisation)
    action = ReferralActionFactory(organisation=organisation)
    return [
        reverse("partners:dashboard"),
        reverse("partners:edit_organisation", args=[organisation.pk]),
        reverse("partners:add_service", args=[organisation.pk]),
        reverse("partners:edit_service", args=[organisation.pk, service.pk]),
        reverse("partners:remove_service", args=[organisation.pk, service.pk]),
        reverse("partners:referrals"),
        reverse("partners:refer"),
        reverse("partners:update_action", args=[action.pk]),
    ]


def test_every_partner_page_names_the_person_and_has_a_sign_out_form(client, organisation):
    partner = partner_of(organisation, username="demo-partner", email="pat@example.org", first_name="Pat")
    partner.last_name = "Jones"
    partner.save()
    client.force_login(partner)
    for url in partner_pages(organisation):
        body = client.get(url).content.decode()
        assert "Signed in as Pat Jones" in body, url
        assert "demo-partner" not in body, url
        sign_out = page_form(body, action=LOGOUT)
        assert sign_out.find("input", attrs={"name": "csrfmiddlewaretoken"}), url
        assert sign_out.find("button", string="Sign out"), url


def test_a_person_without_a_name_is_named_by_email(client, organisation):
    client.force_login(partner_of(organisation, username="demo-partner", email="pat@example.org"))
    body = client.get(reverse("partners:dashboard")).content.decode()
    assert "Signed in as pat@example.org" in body and "demo-partner" not in body


def test_signing_in_greets_by_name_and_the_button_signs_out(client, organisation):
    partner = partner_of(
        organisation, username="demo-partner", email="pat@example.org", first_name="Pat", last_name="Jones"
    )
    partner.set_password(PASSWORD)
    partner.save()
    EmailAddress.objects.create(user=partner, email=partner.email, verified=True, primary=True)
    response = client.post(reverse("account_login"), {"login": "pat@example.org", "password": PASSWORD}, follow=True)
    body = response.content.decode()
    assert "Successfully signed in as Pat Jones" in body and "demo-partner" not in body
    client.post(LOGOUT)
    assert "_auth_user_id" not in client.session
