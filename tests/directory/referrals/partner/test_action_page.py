"""The partner's page for an action assigned to their organisation: what the referral is, what the hub asks, by
when, its history and whom to ask at the hub. Never the reporter's identity or contact details."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.referrals import services
from directory.referrals.choices import ActionStatus
from home.models import SiteSettings
from tests.factories import AreaFactory, ReferralActionFactory, ReferralFactory
from tests.factories.hubs import make_hub, the_default_hub

pytestmark = pytest.mark.django_db


def hub_contact(hub, **fields):
    SiteSettings.objects.update_or_create(site=hub.site, defaults=fields)


@pytest.fixture
def action(agency):
    referral = ReferralFactory(
        accepted=True,
        area=AreaFactory(name="Harbour", slug="harbour"),
        reporter_name="Alex Resident",
        reporter_email="alex.resident@example.org",
        reporter_phone="07700 900123",
    )
    return ReferralActionFactory(
        referral=referral,
        organisation=agency,
        description="Visit the tenant with the police",
        due_date=timezone.localdate() - timedelta(days=2),
    )


def test_the_action_page_shows_the_referral_the_request_history_and_the_hubs_contact(
    client, partner, coordinator, agency, action
):
    hub_contact(the_default_hub(), hub_name="Westfield hub", hub_phone="01632 960999", hub_email="hub@example.org")
    services.update_action(action_id=action.pk, user=coordinator, status=ActionStatus.IN_PROGRESS, note="Chased")
    services.update_action(action_id=action.pk, user=partner, status=ActionStatus.DONE, note="Booked a visit")
    client.force_login(partner)
    response = client.get(reverse("partners:update_action", args=[action.pk]))
    body = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    for text in (
        action.referral.reference,
        action.referral.get_report_type_display(),
        "Harbour",
        "Visit the tenant with the police",
        action.due_date.strftime("%-d %B %Y"),
        "Chased",
        "Booked a visit",
        "01632 960999",
        "hub@example.org",
    ):
        assert text in body, text
    history = body[body.index('<h2 class="govuk-heading-m">History') :]
    rows = history[: history.index("</table>")].split("<tr")[2:]
    assert "Westfield hub" in rows[0] and "Chased" in rows[0]
    assert agency.name in rows[1] and "Booked a visit" in rows[1]
    for secret in ("Alex Resident", "alex.resident@example.org", "07700 900123", coordinator.email, partner.email):
        assert secret not in body.replace("Signed in as " + partner.email, ""), secret


def test_an_open_action_past_its_due_date_is_marked_overdue(client, partner, action):
    client.force_login(partner)
    url = reverse("partners:update_action", args=[action.pk])
    assert "Overdue" in client.get(url).content.decode()
    action.due_date = timezone.localdate() + timedelta(days=3)
    action.save()
    assert "Overdue" not in client.get(url).content.decode()


def test_another_hubs_action_gives_that_hubs_contact(client, partner, agency):
    carrick = make_hub("Carrick")
    hub_contact(the_default_hub(), hub_name="Westfield hub", hub_phone="01632 960999")
    hub_contact(carrick, hub_name="Carrick hub", hub_phone="01632 961111")
    action = ReferralActionFactory(referral=ReferralFactory(accepted=True, hub=carrick), organisation=agency)
    client.force_login(partner)
    body = client.get(reverse("partners:update_action", args=[action.pk])).content.decode()
    contact = body[body.index('id="hub-contact"') : body.index("</aside>")]
    assert "Carrick hub" in contact and "01632 961111" in contact and "01632 960999" not in contact


def test_another_organisations_partner_cannot_see_the_action_page(client, other_partner, action):
    client.force_login(other_partner)
    assert client.get(reverse("partners:update_action", args=[action.pk])).status_code == 404
