"""remind_directory_reviews: partners of entries due for review get one email per review period."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from directory.models import Organisation
from directory.partners.services import send_review_reminders
from portal.models import OutboundEmail
from tests.factories import OrganisationFactory

from .dashboard_support import make_partner

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


@pytest.fixture
def stale():
    return OrganisationFactory(name="Stale Agency", last_reviewed_at=TODAY - timedelta(days=400))


def test_partners_of_due_entries_are_emailed_a_link_to_their_dashboard(stale, django_user_model):
    fresh = OrganisationFactory(name="Fresh Agency", last_reviewed_at=TODAY - timedelta(days=30))
    never = OrganisationFactory(name="Never Agency", last_reviewed_at=None)
    first = make_partner(stale, email="one@example.org")
    second = make_partner(stale, never, email="two@example.org")
    make_partner(fresh, email="fresh@example.org")
    inactive = make_partner(stale, email="inactive@example.org")
    django_user_model.objects.filter(pk=inactive.pk).update(is_active=False)

    assert send_review_reminders(today=TODAY) == 3
    emails = OutboundEmail.objects.order_by("to", "subject")
    assert [(email.to, email.subject) for email in emails] == [
        (first.email, "Please check Stale Agency's directory entry"),
        (second.email, "Please check Never Agency's directory entry"),
        (second.email, "Please check Stale Agency's directory entry"),
    ]
    assert all("http://testserver/partners/" in email.body for email in emails)
    assert "last checked on 27 April 2025" in emails[0].body
    assert "has not been checked yet" in emails[1].body


def test_running_again_sends_nothing_new_until_the_next_review_period(stale):
    make_partner(stale)
    assert send_review_reminders(today=TODAY) == 1
    assert send_review_reminders(today=TODAY) == 0
    assert send_review_reminders(today=TODAY + timedelta(days=7)) == 0
    assert OutboundEmail.objects.count() == 1

    Organisation.objects.filter(pk=stale.pk).update(last_reviewed_at=TODAY)
    assert send_review_reminders(today=TODAY + timedelta(days=30)) == 0
    assert send_review_reminders(today=TODAY + timedelta(days=400)) == 1
    assert OutboundEmail.objects.count() == 2


def test_the_command_takes_a_date_and_reports_what_it_queued(stale, capsys):
    make_partner(stale)
    call_command("remind_directory_reviews", "--today", TODAY.isoformat())
    call_command("remind_directory_reviews", "--today", TODAY.isoformat())
    assert capsys.readouterr().out.splitlines() == ["Queued 1 reminder(s).", "Queued 0 reminder(s)."]
    assert OutboundEmail.objects.get().to == "partner@example.org"
