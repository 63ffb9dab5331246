"""Every email is signed by the hub it comes from, with the name and phone its staff set in its site settings."""

from email.utils import parseaddr
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.mail import EmailMessage
from django.utils import timezone

from directory.partners.invitations import invite_partner
from directory.referrals import notifications as referral_emails
from home.models import SiteSettings
from portal.models import OutboundEmail
from portal.outbox import OutboxEmailBackend, deliver, queue_email
from tests.factories import OrganisationFactory, ReferralFactory
from tests.factories.users import hub_coordinator

pytestmark = pytest.mark.django_db

EMAILS = Path(django_settings.BASE_DIR) / "templates" / "emails"
# The directory's review emails are signed as they are (not changed by this issue); account_message is the
# frame of allauth's emails, checked through a real one below.
NOT_CHECKED_HERE = {"partner_review_requested", "partner_review_reminder", "account_message"}
TEMPLATES = sorted(
    path.stem
    for path in EMAILS.glob("*.txt")
    if not path.stem.startswith("_") and not path.stem.endswith("_subject") and path.stem not in NOT_CHECKED_HERE
)


def name_the_hub(hub, name, phone):
    site_settings = SiteSettings.for_site(hub.site)
    site_settings.hub_name, site_settings.hub_phone = name, phone
    site_settings.save()


def signature_of(email):
    return email.body.rstrip().splitlines()


@pytest.fixture
def carrick(other_hub):
    name_the_hub(other_hub, "Carrick Local Focus Hub", "01632 961000")
    return other_hub


@pytest.mark.parametrize("template", TEMPLATES)
def test_each_email_carries_the_name_and_phone_staff_set(hub, carrick, template):
    name_the_hub(hub, "Westfield Community Safety Hub", "01632 960999")

    context = {"reference": "HUB-1", "booking": {"reference": "HUB-1", "offer_expires_at": timezone.now()}}
    westfield = queue_email(to="someone@example.org", template=template, context=context, hub=hub)
    from_carrick = queue_email(to="someone@example.org", template=template, context=context, hub=carrick)

    assert "Westfield Community Safety Hub" in westfield.body and "Telephone 01632 960999" in westfield.body
    assert "Carrick Local Focus Hub" in from_carrick.body and "Telephone 01632 961000" in from_carrick.body
    assert "Westfield" not in from_carrick.body
    assert "Local Focus Hub" not in westfield.body
    assert parseaddr(westfield.from_email)[0] == "Westfield Community Safety Hub"
    assert parseaddr(from_carrick.from_email)[0] == "Carrick Local Focus Hub"


def test_a_blank_name_in_site_settings_signs_with_the_hub_s_name(hub, other_hub):
    name_the_hub(other_hub, "", "")

    email = queue_email(to="someone@example.org", template="booking_confirmed", context={}, hub=other_hub)

    assert email.body.rstrip().splitlines()[-2] == other_hub.name
    assert "Telephone" not in email.body
    assert parseaddr(email.from_email)[0] == other_hub.name


def test_the_email_is_sent_from_the_hub_s_name_at_the_site_s_address(carrick, mailoutbox):
    email = queue_email(to="someone@example.org", template="booking_confirmed", context={}, hub=carrick)

    deliver(email.pk)

    sent = mailoutbox[0]
    assert parseaddr(sent.from_email) == ("Carrick Local Focus Hub", parseaddr(django_settings.DEFAULT_FROM_EMAIL)[1])


def test_a_resident_s_report_to_carrick_is_signed_by_carrick(carrick):
    referral = ReferralFactory(hub=carrick)

    referral_emails.referral_received(referral, "token")

    body = OutboundEmail.objects.get(to=referral.reporter_email).body
    assert "Carrick Local Focus Hub\nTelephone 01632 961000" in body


def test_an_invitation_is_signed_by_the_inviting_coordinator_s_hub(hub, carrick):
    coordinator = hub_coordinator(hubs=[carrick])
    organisation = OrganisationFactory(hubs=[hub, carrick])

    invite_partner(organisation=organisation, email="new@example.org", invited_by=coordinator)

    email = OutboundEmail.objects.get(to="new@example.org")
    assert "The Carrick Local Focus Hub team has invited you" in email.body
    assert "Carrick Local Focus Hub\nTelephone 01632 961000" in email.body


def test_a_password_reset_is_signed_with_the_site_s_name_and_phone(client, carrick, django_capture_on_commit_callbacks):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="p", email="partner@example.org", password="pw-12345678")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    with django_capture_on_commit_callbacks(execute=False):
        client.post("/accounts/password/reset/", {"email": user.email}, HTTP_HOST=carrick.site.hostname)

    email = OutboundEmail.objects.get(to=user.email)
    assert "Carrick Local Focus Hub\nTelephone 01632 961000" in email.body
    assert parseaddr(email.from_email)[0] == "Carrick Local Focus Hub"


def test_what_django_sends_itself_keeps_the_default_sender(mailoutbox):
    OutboxEmailBackend().send_messages([EmailMessage("Subject", "Body", None, ["staff@example.org"])])

    deliver(OutboundEmail.objects.get().pk)

    assert mailoutbox[0].from_email == django_settings.DEFAULT_FROM_EMAIL
