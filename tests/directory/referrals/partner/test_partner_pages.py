from datetime import date

import pytest
from django.urls import reverse

from directory.referrals import services
from directory.referrals.choices import ActionStatus, Priority, Source
from directory.referrals.models import Referral
from tests.factories import OrganisationFactory
from tests.factories.hubs import the_default_hub

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert('x')</script>",
    "<b onmouseover=alert(1)>hi</b>",
    "'; DROP TABLE referrals_referral; --",
    "Loud music 🎵🔊 every night",
]


def form_data(referring, **changes):
    data = {
        "submission_key": "0123456789abcdef0123456789abcdef",
        "organisation": referring.pk,
        "subject_type": "premises",
        "location_description": "12 Mill Lane",
        "postcode": "wf2 3db",
        "category": "nuisance",
        "report_type": "drugs",
        "summary": "Suspected cuckooing",
        "description": "Visitors at all hours; the tenant seems frightened.",
        "urgency": "routine",
        "agencies_involved": "Housing provider",
        "sharing_basis": "s115",
        "sharing_explanation": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def action_for(coordinator, report_details):
    def make(organisation, **changes):
        referral, _ = services.submit_report(hub=the_default_hub(), details=report_details(**changes))
        services.accept_referral(
            referral_id=referral.pk, user=coordinator, priority=Priority.P2, lead_agency_id=organisation.pk
        )
        return services.add_action(
            referral_id=referral.pk,
            user=coordinator,
            organisation_id=organisation.pk,
            description="Visit the square",
            due_date=date(2020, 1, 1),
        )

    return make


def test_a_partner_refers_an_issue_and_sees_its_reference(client, partner, agency):
    client.force_login(partner)
    client.get(reverse("partners:refer"))
    response = client.post(reverse("partners:refer"), form_data(agency), follow=True)
    referral = Referral.objects.get()
    assert referral.source == Source.PARTNER and referral.referring_organisation == agency
    assert referral.postcode == "WF2 3DB"
    assert referral.reference in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    listing = client.get(reverse("partners:referrals")).content.decode()
    assert referral.reference in listing and "Suspected cuckooing" in listing


def test_the_same_referral_posted_twice_is_stored_once(client, partner, agency):
    client.force_login(partner)
    client.get(reverse("partners:refer"))
    client.post(reverse("partners:refer"), form_data(agency))
    client.post(reverse("partners:refer"), form_data(agency))
    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"summary": ""}, "summary", "Enter a summary of the issue"),
        ({"postcode": "12345"}, "postcode", "Enter a real postcode"),
        ({"category": "environmental", "report_type": "begging"}, "report_type", "belongs to the category"),
        ({"sharing_basis": "other"}, "sharing_explanation", "Explain the lawful basis"),
        ({"description": "x" * 10_000}, "description", "at most 5000 characters"),
        ({"urgency": "yesterday"}, "urgency", "Select a valid choice"),
    ],
)
def test_bad_answers_are_refused_clearly_and_the_rest_kept(client, partner, agency, changes, field, message):
    client.force_login(partner)
    response = client.post(reverse("partners:refer"), form_data(agency, **changes))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and f'href="#id_{field}' in body
    assert "12 Mill Lane" in body
    assert not Referral.objects.exists()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_as_text_and_escaped(client, partner, agency, text):
    client.force_login(partner)
    client.get(reverse("partners:refer"))
    client.post(reverse("partners:refer"), form_data(agency, summary=text, description=text))
    assert Referral.objects.get().summary == text
    listing = client.get(reverse("partners:referrals")).content.decode()
    assert "<script>alert" not in listing and "<b onmouseover" not in listing


def test_a_partner_cannot_refer_for_another_organisation(client, partner):
    client.force_login(partner)
    other = OrganisationFactory()
    response = client.post(reverse("partners:refer"), form_data(other))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_partner_sees_only_their_own_referrals_and_their_organisations_actions(
    client, partner, other_partner, agency, action_for
):
    mine = action_for(agency, postcode="WF1 1AA")
    theirs_org = OrganisationFactory(name="Elsewhere")
    theirs = action_for(theirs_org, postcode="WF5 5AA")
    client.force_login(other_partner)
    client.get(reverse("partners:refer"))
    client.post(reverse("partners:refer"), form_data(other_partner.partner_memberships.get().organisation))
    their_referral = Referral.objects.get(source=Source.PARTNER)

    client.force_login(partner)
    listing = client.get(reverse("partners:referrals")).content.decode()
    assert mine.referral.reference in listing
    assert theirs.referral.reference not in listing
    assert their_referral.reference not in listing
    assert "Overdue" in listing


def test_the_assigned_agency_records_progress(client, partner, agency, action_for):
    action = action_for(agency)
    client.force_login(partner)
    page = client.get(reverse("partners:update_action", args=[action.pk]))
    assert page.status_code == 200 and "Visit the square" in page.content.decode()
    response = client.post(
        reverse("partners:update_action", args=[action.pk]), {"status": "in_progress", "note": "Visited Friday"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.updates.get().note == "Visited Friday"


def test_a_backwards_or_unknown_status_is_refused(client, partner, agency, action_for):
    action = action_for(agency)
    client.force_login(partner)
    response = client.post(reverse("partners:update_action", args=[action.pk]), {"status": "open"})
    assert "Select a valid choice" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_another_organisations_action_is_not_found_for_get_or_post(client, other_partner, agency, action_for):
    action = action_for(agency)
    client.force_login(other_partner)
    url = reverse("partners:update_action", args=[action.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "done"}).status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


@pytest.mark.parametrize("name", ["partners:referrals", "partners:refer", "partners:referral_sent"])
def test_partner_referral_pages_need_a_partner(client, django_user_model, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(django_user_model.objects.create_user(username="nobody", email="n@example.org"))
    assert client.get(url).status_code == 403


def test_the_sent_page_shows_only_the_partners_own_referral(client, partner, other_partner, agency):
    client.force_login(partner)
    client.get(reverse("partners:refer"))
    client.post(reverse("partners:refer"), form_data(agency))
    session_key = client.session.session_key
    client.force_login(other_partner)
    assert client.session.session_key != session_key
    assert client.get(reverse("partners:referral_sent")).status_code == 302


def test_the_referrals_page_has_a_flat_query_count(client, partner, agency, action_for, django_assert_max_num_queries):
    client.force_login(partner)
    for number in range(8):
        action_for(agency, postcode=f"WF{number + 1} 1AA")
    client.get(reverse("partners:referrals"))  # warm the site settings and navigation caches
    with django_assert_max_num_queries(10):
        response = client.get(reverse("partners:referrals"))
    assert response.content.decode().count("Visit the square") == 8


TEXT_FIELDS = [
    "location_description",
    "summary",
    "description",
    "people_involved",
    "agencies_involved",
    "sharing_explanation",
]


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_every_text_field_refuses_ten_thousand_characters_and_keeps_the_rest(client, partner, agency, field):
    client.force_login(partner)
    response = client.post(reverse("partners:refer"), form_data(agency, **{field: "x" * 10_000}))
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert f'href="#id_{field}"' in body and "characters" in body
    assert "Suspected cuckooing" in body or field == "summary"
    assert not Referral.objects.exists()


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("text", HOSTILE)
def test_every_text_field_keeps_hostile_text_as_text(client, partner, agency, field, text):
    client.force_login(partner)
    client.post(reverse("partners:refer"), form_data(agency, **{field: text}))
    referral = Referral.objects.get()
    assert getattr(referral, field) == text


@pytest.mark.parametrize("value", ["<script>", "'; DROP TABLE x; --", "🚨", "9" * 50, ""])
@pytest.mark.parametrize("field", ["organisation", "subject_type", "category", "urgency", "sharing_basis"])
def test_every_choice_refuses_values_it_does_not_offer(client, partner, agency, field, value):
    client.force_login(partner)
    response = client.post(reverse("partners:refer"), form_data(agency, **{field: value}))
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert "12 Mill Lane" in body
    assert not Referral.objects.exists()


def test_a_forged_submission_key_is_refused(client, partner, agency):
    client.force_login(partner)
    response = client.post(reverse("partners:refer"), form_data(agency, submission_key="../../etc"))
    assert response.status_code == 200
    assert not Referral.objects.exists()
