"""The demo partner login that `make run` prints."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from directory.partners.models import PartnerMembership
from portal.demo import seed_all
from portal.demo.partners import seed_partners

pytestmark = pytest.mark.django_db

PASSWORD = "a-demo-password-for-tests"


def test_demo_partner_and_admin_sign_in_by_email_and_seeding_twice_adds_nothing(client, settings):
    seed_all(admin_password=PASSWORD)
    seed_all(admin_password=PASSWORD)
    partner = get_user_model().objects.get(email="partner@example.org")
    assert PartnerMembership.objects.get(user=partner).organisation.slug == "westfield-homes"
    assert EmailAddress.objects.filter(email="partner@example.org").count() == 1
    response = client.post("/accounts/login/", {"login": "partner@example.org", "password": PASSWORD})
    assert response["Location"] == "/partners/"
    client.logout()
    settings.STAFF_REQUIRE_2FA = False  # as dev settings default for `make run`
    response = client.post("/accounts/login/", {"login": "admin@example.org", "password": PASSWORD})
    assert response["Location"] == "/admin/"


def test_without_the_directory_the_partner_login_is_skipped():
    report = seed_partners([], password=PASSWORD)
    assert "skipped" in report[0]
    assert not get_user_model().objects.filter(email="partner@example.org").exists()
