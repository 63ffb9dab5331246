"""Every partner form's error summary names what is missing: never Django's "This field is required."."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from directory.partners import invitations
from portal.groups import HUB_COORDINATORS
from tests.factories import OrganisationFactory, ReferralActionFactory, ServiceFactory

from ..dashboard_support import formset_data
from ..form_scraper import form_values

pytestmark = pytest.mark.django_db

DJANGO_DEFAULT = "This field is required"


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Westfield Homes")


def error_summary(response):
    """[(message, link target)] of the page's GOV.UK error summary."""
    summary = BeautifulSoup(response.content, "html.parser").find(class_="govuk-error-summary")
    assert summary is not None, "no error summary"
    return [(item.get_text(strip=True), (item.find("a") or {}).get("href")) for item in summary.find_all("li")]


def test_the_empty_referral_form_names_each_missing_answer_and_links_to_it(client, partner):
    url = reverse("partners:refer")
    data = {name: values for name, values in form_values(client.get(url).content.decode()).items()}
    summary = error_summary(client.post(url, data))
    assert summary == [
        ("Choose what the referral is about", "#id_subject_type"),
        ("Enter where it is: an address or a description of the place", "#id_location_description"),
        ("Choose the category", "#id_category"),
        ("Choose the type of problem", "#id_report_type"),
        ("Enter a summary of the issue", "#id_summary"),
        ("Enter the details of the issue", "#id_description"),
        ("Choose how urgent it is", "#id_urgency"),
        ("Choose the basis for sharing this information", "#id_sharing_basis"),
    ]


def test_a_referral_form_with_its_hidden_answers_removed_says_to_reload(client, partner):
    summary = error_summary(client.post(reverse("partners:refer"), {}))
    messages = [message for message, _target in summary]
    assert "Choose the referring organisation" in messages
    assert "Part of the form is missing or was changed. Reload the page and try again." in messages
    assert not any(DJANGO_DEFAULT in message for message in messages)


def test_the_empty_organisation_form(client, partner, organisation):
    response = client.post(reverse("partners:edit_organisation", args=[organisation.pk]), {})
    assert error_summary(response) == [("Enter a summary of what the organisation does", "#id_summary")]


def test_the_empty_service_form_and_its_half_filled_rows(client, partner, organisation):
    data = {"name": ""}
    data.update(formset_data("locations", [{"name": "Hall"}]))
    data.update(formset_data("schedules", [{"notes": "Drop in"}]))
    data.update(formset_data("contacts", [{"email": "sam@example.org"}]))
    summary = error_summary(client.post(reverse("partners:add_service", args=[organisation.pk]), data))
    messages = [message for message, _target in summary]
    for expected in (
        "Enter the name of the service",
        "Enter a description of the service",
        "Select whether the service is running",
        "Select at least one category",
        "Select the type of location",
        "Select the day it opens",
        "Enter the opening time, like 09:30",
        "Enter the closing time, like 09:30",
        "Enter a name or a job title for the contact",
    ):
        assert expected in messages, expected
    assert not any(DJANGO_DEFAULT in message for message in messages), messages


def test_the_empty_remove_service_form(client, partner, organisation):
    service = ServiceFactory(organisation=organisation)
    response = client.post(reverse("partners:remove_service", args=[organisation.pk, service.pk]), {})
    assert error_summary(response) == [("Confirm that the service has closed for good", "#id_confirm")]


def test_the_empty_action_form(client, partner, organisation):
    action = ReferralActionFactory(organisation=organisation)
    response = client.post(reverse("partners:update_action", args=[action.pk]), {})
    assert error_summary(response) == [("Choose the progress made on the action", "#id_status")]


def test_the_empty_set_password_form(client, staff):
    invitation = invitations.invite_partner(
        organisation=OrganisationFactory(), email="sam@example.org", invited_by=staff(HUB_COORDINATORS)
    )
    response = client.post(reverse("partners:accept_invitation", args=[invitations.invitation_token(invitation)]), {})
    messages = [message for message, _target in error_summary(response)]
    assert messages == ["Enter a password", "Confirm your password"]
