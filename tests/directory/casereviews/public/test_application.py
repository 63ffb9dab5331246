"""The public ASB Case Review application without JavaScript (plain POSTs), its status link, the honeypot and the
hourly limit; and the "You said, we did" figures page: suppression, no free text, a query budget flat with data."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from directory.casereviews import services
from directory.casereviews.models import CaseReview
from directory.referrals.models import Referral
from tests.factories import AreaFactory

pytestmark = pytest.mark.django_db

START = "/report/case-review/"
FIGURES = "/you-said-we-did/"


@pytest.fixture(autouse=True)
def _no_minimum_time(settings, home_page):
    settings.REPORT_MIN_SECONDS = 0


def answers(area, contact=None):
    reported = timezone.localdate() - timedelta(days=20)
    return [
        ("who", {"who": "someone_else"}),
        ("on-behalf", {"representative_name": "Sam Carer", "applicant_name": "Alex Resident", "consent_given": "yes"}),
        ("what-happened", {"what_happened": "<script>alert(1)</script> Noise every night 🎉", "area": area.pk}),
        (
            "reports",
            {
                "reported_to_1": "police",
                "reported_on_1-day": reported.day,
                "reported_on_1-month": reported.month,
                "reported_on_1-year": reported.year,
                "reference_1": "P-1",
                "reported_to_2": "",
            },
        ),
        ("contact", contact or {"contact_email": "alex@example.org", "contact_phone": ""}),
    ]


def apply(client, area, contact=None):
    assert client.get(START).status_code == 200
    for slug, data in answers(area, contact):
        response = client.post(f"{START}{slug}/", data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
    check = client.get(f"{START}check/")
    page = check.content.decode()
    assert "Sam Carer" in page and "&lt;script&gt;" in page
    key = check.context["form"].initial["submission_key"]
    return client.post(f"{START}check/", {"submission_key": key})


def test_the_report_start_page_and_the_footer_lead_to_the_application_and_the_figures(client):
    page = client.get("/report/").content.decode()
    assert f'href="{START}"' in page and f'href="{FIGURES}"' in page


def test_someone_applies_for_another_person_with_consent_and_gets_a_reference(client, hub):
    area = AreaFactory(hub=hub, name="Harbour", slug="harbour")
    response = apply(client, area)
    assert response.status_code == 302 and response.url == f"{START}confirmation/"
    case_review = CaseReview.objects.get()
    assert case_review.on_behalf and case_review.consent_given and case_review.representative_name == "Sam Carer"
    assert case_review.hub == hub and case_review.area == area
    assert [report.their_reference for report in case_review.reports.all()] == ["P-1"]
    confirmation = client.get(response.url).content.decode()
    assert case_review.reference in confirmation and "sent you an email" in confirmation


def test_without_an_email_the_status_link_is_shown_once_and_shows_the_decision(client, hub):
    area = AreaFactory(hub=hub, name="Harbour", slug="harbour")
    client.get(START)
    client.post(f"{START}who/", {"who": "myself"})
    client.post(f"{START}your-name/", {"applicant_name": "Alex"})
    nothing = client.post(f"{START}contact/", {"contact_email": "", "contact_phone": ""})
    assert nothing.status_code == 302 and nothing.url == f"{START}what-happened/"
    apply(client, area, contact={"contact_email": "", "contact_phone": "01632 960123"})
    confirmation = client.get(f"{START}confirmation/")
    status_url = confirmation.context["status_url"]
    assert status_url and status_url in confirmation.content.decode()
    assert client.get(f"{START}confirmation/").context["status_url"] is None
    case_review = CaseReview.objects.get()
    services.decide_threshold(case_review_id=case_review.pk, user=None, met=False, threshold="national", note="x")
    status = client.get(status_url)
    assert status.status_code == 200 and status["Cache-Control"].startswith("max-age=0")
    page = status.content.decode()
    assert "Threshold not met" in page and "Noise every night" not in page and "Alex" not in page
    assert client.get(f"{START}status/not-a-token/").status_code == 404


def test_the_status_link_on_another_hubs_site_goes_to_its_own(client, hub, other_hub, application):
    details, reports = application()
    _case_review, token = services.submit_application(hub=hub, details=details, reports=reports, submission_key="x")
    response = client.get(f"{START}status/{token}/", HTTP_HOST="other.localhost")
    assert response.status_code == 302 and response.url.startswith("http://localhost")


def test_questions_refuse_empty_and_oversized_answers(client, hub):
    client.get(START)
    assert client.post(f"{START}who/", {}).status_code == 200
    client.post(f"{START}who/", {"who": "myself"})
    assert client.post(f"{START}your-name/", {"applicant_name": "x" * 10_000}).status_code == 200
    client.post(f"{START}your-name/", {"applicant_name": "Alex"})
    page = client.post(f"{START}what-happened/", {"what_happened": ""}).content.decode()
    assert "Enter what you have reported" in page
    client.post(f"{START}what-happened/", {"what_happened": "Noise"})
    page = client.post(f"{START}reports/", {"reported_to_1": "police"}).content.decode()
    assert "Enter the date you reported it" in page


def test_a_filled_honeypot_keeps_nothing(client, hub):
    client.get(START)
    response = client.post(f"{START}who/", {"who": "myself", "website": "spam"})
    assert response.status_code == 400
    assert not CaseReview.objects.exists()


def test_the_hourly_limit_refuses_more_applications_from_one_address(client, hub, settings):
    settings.CASE_REVIEW_RATE_LIMIT = 1
    area = AreaFactory(hub=hub, name="Harbour", slug="harbour")
    assert apply(client, area).status_code == 302
    second = Client()
    assert apply(second, area).status_code == 429
    assert CaseReview.objects.count() == 1


# What residents are told

NOW = datetime(2026, 5, 15, 12, 0, tzinfo=UTC)  # the last four whole quarters: Q2 2025 to Q1 2026


def referral(hub, area, when, status="submitted", finished=None):
    return Referral(
        hub=hub,
        area=area,
        source="public",
        status=status,
        category="nuisance",
        report_type="noise",
        location_description="Private free text about Market Street",
        description="Private free text",
        submitted_at=when,
        finished_at=finished,
    )


def test_the_figures_page_shows_small_counts_as_fewer_than_5_and_hides_enough_to_protect_them(client, hub, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    harbour = AreaFactory(hub=hub, name="Harbour", slug="harbour", sort_order=1)
    town = AreaFactory(hub=hub, name="Town", slug="town", sort_order=2)
    january = datetime(2026, 1, 20, tzinfo=UTC)
    august = datetime(2025, 8, 3, tzinfo=UTC)
    rows = [referral(hub, harbour, january) for _ in range(2)]
    rows += [referral(hub, harbour, august) for _ in range(9)]
    rows += [referral(hub, town, january) for _ in range(12)]
    rows += [referral(hub, town, august) for _ in range(7)]
    Referral.objects.bulk_create(rows)
    response = client.get(FIGURES)
    page = response.content.decode()
    assert response.status_code == 200
    assert "fewer than 5" in page and "not shown" in page
    assert "Private free text" not in page and "Market Street" not in page
    received = response.context["tables"][0]
    assert received.columns == ["Apr to Jun 2025", "Jul to Sep 2025", "Oct to Dec 2025", "Jan to Mar 2026"]
    harbour_cells = received.rows[0][1]
    assert harbour_cells[3].state == "low"
    hidden = [cell.state == "hidden" for cell in [*harbour_cells, received.rows[0][2]]]
    assert any(hidden), "Harbour's total would give its small count away"
    assert received.total.shown and received.total.value == 30


def test_the_case_review_figures_are_published_by_year_and_as_csv(client, hub, application):
    details, reports = application()
    case_review, _token = services.submit_application(hub=hub, details=details, reports=reports)
    services.decide_threshold(case_review_id=case_review.pk, user=None, met=False, threshold="national", note="x")
    page = client.get(FIGURES).content.decode()
    assert "Applications received" in page and "Threshold not met" in page
    csv = client.get(f"{FIGURES}case-reviews.csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("Year,Applications received")
    assert lines[1] == f"{timezone.localdate().year},1,1,0,0"


FIGURES_BUDGET = 12


@pytest.mark.parametrize("volume", [0, 3000])
def test_the_figures_page_query_budget_is_flat_with_data(client, hub, other_hub, volume, django_assert_max_num_queries):
    areas = [AreaFactory(hub=hub, name=f"Area {n}", slug=f"area-{n}") for n in range(6)]
    now = timezone.now()
    Referral.objects.bulk_create(
        referral(
            hub if n % 3 else other_hub,
            areas[n % 6] if n % 3 else None,
            now - timedelta(days=n % 400),
            status="closed" if n % 2 else "submitted",
            finished=now - timedelta(days=n % 300) if n % 2 else None,
        )
        for n in range(volume)
    )
    client.get(FIGURES)
    with django_assert_max_num_queries(FIGURES_BUDGET):
        assert client.get(FIGURES).status_code == 200
