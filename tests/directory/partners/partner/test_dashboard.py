"""The partner dashboard: who may see it, what it shows, confirming a review, and its query budget."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from directory.models import Organisation
from tests.factories import OrganisationFactory, ServiceFactory

from ..dashboard_support import make_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def own():
    organisation = OrganisationFactory(name="Westfield Housing Trust")
    return organisation, ServiceFactory(organisation=organisation, name="Tenancy support", terms=["housing"])


@pytest.fixture
def other():
    organisation = OrganisationFactory(name="Secret Other Agency")
    return organisation, ServiceFactory(organisation=organisation, name="Hidden other service", terms=["housing"])


def partner_urls(organisation, service):
    return [
        ("get", reverse("partners:dashboard")),
        ("get", reverse("partners:edit_organisation", args=[organisation.pk])),
        ("post", reverse("partners:edit_organisation", args=[organisation.pk])),
        ("post", reverse("partners:confirm_details", args=[organisation.pk])),
        ("get", reverse("partners:add_service", args=[organisation.pk])),
        ("post", reverse("partners:add_service", args=[organisation.pk])),
        ("get", reverse("partners:edit_service", args=[organisation.pk, service.pk])),
        ("post", reverse("partners:edit_service", args=[organisation.pk, service.pk])),
        ("get", reverse("partners:remove_service", args=[organisation.pk, service.pk])),
        ("post", reverse("partners:remove_service", args=[organisation.pk, service.pk])),
    ]


def test_every_page_sends_people_who_are_not_signed_in_to_the_login_page(client, own):
    for method, url in partner_urls(*own):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next="), url
    assert not own[0].revisions.exists()


def test_a_signed_in_person_without_a_membership_gets_a_clear_403(client, own, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="someone", email="someone@example.org"))
    for method, url in partner_urls(*own):
        response = getattr(client, method)(url, {"summary": "Changed", "confirm": "yes"})
        assert response.status_code == 403, url
        assert "You do not have a partner account" in response.content.decode()
        assert "Westfield Housing Trust" not in response.content.decode()
    assert not own[0].revisions.exists() and not own[1].revisions.exists()


def test_a_partner_of_another_organisation_gets_404_for_everything_of_this_one(client, own, other):
    client.force_login(make_partner(own[0]))
    for method, url in partner_urls(*other)[1:]:
        response = getattr(client, method)(url, {"summary": "Hijacked", "confirm": "yes", "name": "Hijacked"})
        assert response.status_code == 404, url
        assert "Secret Other Agency" not in response.content.decode()
        assert "Hidden other service" not in response.content.decode()
    other_org, other_service = other
    other_org.refresh_from_db()
    assert not other_org.revisions.exists() and not other_service.revisions.exists()
    assert other_org.last_reviewed_at == timezone.localdate()


def test_a_service_is_only_found_under_its_own_organisation(client, own, other):
    """Their own service under someone else's organisation id, and someone else's under their own: both 404."""
    client.force_login(make_partner(own[0]))
    own_org, own_service = own
    other_org, other_service = other
    for organisation, service in ((other_org, own_service), (own_org, other_service)):
        for name in ("partners:edit_service", "partners:remove_service"):
            url = reverse(name, args=[organisation.pk, service.pk])
            assert client.get(url).status_code == 404
            assert client.post(url, {"confirm": "yes", "name": "Moved"}).status_code == 404
    assert not own_service.revisions.exists() and not other_service.revisions.exists()


def test_the_dashboard_shows_only_the_partners_own_organisation(client, own, other):
    client.force_login(make_partner(own[0]))
    response = client.get(reverse("partners:dashboard"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Westfield Housing Trust" in body and "Tenancy support" in body
    assert "Secret Other Agency" not in body and "Hidden other service" not in body
    assert "no-store" in response["Cache-Control"]


def test_the_dashboard_shows_what_is_live_what_waits_for_review_and_when_a_review_is_due(client, own):
    organisation, service = own
    Organisation.objects.filter(pk=organisation.pk).update(last_reviewed_at=timezone.localdate() - timedelta(days=400))
    service.description = "A draft description"
    service.save_revision()
    client.force_login(make_partner(organisation))
    body = client.get(reverse("partners:dashboard")).content.decode()
    assert "Review due" in body
    assert body.count("Changes waiting for review") == 1
    assert "In the directory" in body


def test_partner_text_is_escaped_on_the_dashboard(client):
    organisation = OrganisationFactory()
    ServiceFactory(organisation=organisation, name="<b>Bold</b> 🎉 service", terms=["housing"])
    client.force_login(make_partner(organisation))
    body = client.get(reverse("partners:dashboard")).content.decode()
    assert "<b>Bold</b>" not in body
    assert "&lt;b&gt;Bold&lt;/b&gt; 🎉 service" in body


def test_a_partner_of_two_organisations_sees_both(client, own, other):
    client.force_login(make_partner(own[0], other[0]))
    body = client.get(reverse("partners:dashboard")).content.decode()
    assert "Westfield Housing Trust" in body and "Secret Other Agency" in body


def test_confirming_the_details_records_a_review_today_in_the_audit_log(client, own):
    organisation, _service = own
    Organisation.objects.filter(pk=organisation.pk).update(last_reviewed_at=timezone.localdate() - timedelta(days=400))
    partner = make_partner(organisation)
    client.force_login(partner)
    url = reverse("partners:confirm_details", args=[organisation.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("partners:dashboard")
    organisation.refresh_from_db()
    assert organisation.last_reviewed_at == timezone.localdate()
    assert not organisation.review_due
    entry = ModelLogEntry.objects.get(action="directory.review_confirmed")
    assert entry.user == partner and entry.object_id == str(organisation.pk)
    assert entry.message == "A partner confirmed the details are still correct"
    assert not organisation.revisions.exists()


def test_confirm_needs_the_csrf_token(own):
    from django.test import Client

    organisation, _service = own
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_partner(organisation))
    assert client.post(reverse("partners:confirm_details", args=[organisation.pk])).status_code == 403
    assert not ModelLogEntry.objects.filter(action="directory.review_confirmed").exists()


def _dashboard_queries(client):
    client.get(reverse("partners:dashboard"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("partners:dashboard"))
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_queries_do_not_grow_with_the_number_of_services(client):
    organisation = OrganisationFactory()
    client.force_login(make_partner(organisation))
    for index in range(2):
        service = ServiceFactory(organisation=organisation, terms=["housing"])
        service.description = f"Draft {index}"
        service.save_revision()
    with_two = _dashboard_queries(client)
    for index in range(8):
        service = ServiceFactory(organisation=organisation, terms=["housing"])
        service.description = f"Draft {index}"
        service.save_revision()
    assert _dashboard_queries(client) == with_two
    # The entry's 8, and one each for the open actions, the finished ones, the referrals and the open tasking
    # actions.
    assert with_two <= 12
