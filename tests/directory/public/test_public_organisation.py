"""An organisation's public page: live content only, its services in full, review date and stale marker."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from directory.models import ServiceStatus, Weekday
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    ServiceContactFactory,
    ServiceFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(home_page):
    organisation = OrganisationFactory(
        name="Westfield Drug and Alcohol Service",
        slug="recovery",
        summary="Free, confidential help with drugs and alcohol.",
        description="Assessment and treatment.",
        how_to_refer="Refer yourself by phone.",
        phone="01632 960430",
    )
    service = ServiceFactory(
        organisation=organisation,
        name="Young people's service",
        minimum_age=11,
        maximum_age=18,
        eligibility="Young people worried about drugs.",
        is_free=False,
        fees="£2 a session",
        how_to_access="Drop in on a Friday.",
        terms=["drugs-and-alcohol"],
        areas=[AreaFactory(name="Northgate", slug="northgate")],
    )
    ServiceLocationFactory(service=service, name="Northgate Community Hub", address_1="4 Kells Lane")
    ServiceContactFactory(service=service, name="Nadia Rahman", title="Recovery coordinator")
    for day, opens, closes in [
        (Weekday.SUNDAY, 10, 12),
        (Weekday.WEDNESDAY, 9, 17),
        (Weekday.MONDAY, 9, 17),
        (Weekday.TUESDAY, 9, 17),
        (Weekday.FRIDAY, 13, 17),
    ]:
        ServiceScheduleFactory(service=service, weekday=day, opens_at=time(opens), closes_at=time(closes))
    ServiceFactory(organisation=organisation, name="Closed pilot", status=ServiceStatus.DEFUNCT)
    ServiceFactory(organisation=organisation, name="Unpublished idea", live=False)
    return organisation


def test_shows_the_organisation_and_its_public_services(client, organisation):
    response = client.get("/directory/recovery/")
    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "Westfield Drug and Alcohol Service",
        "Assessment and treatment.",
        "Refer yourself by phone.",
        "01632 960430",
        "Young people&#x27;s service",
        "Ages 11 to 18",
        "Young people worried about drugs.",
        "£2 a session",
        "Drop in on a Friday.",
        "Northgate Community Hub, 4 Kells Lane",
        "Nadia Rahman, Recovery coordinator",
        "Drugs and alcohol",
        "Tell the hub about a problem",
    ]:
        assert text in content, text
    assert "Closed pilot" not in content
    assert "Unpublished idea" not in content
    assert 'href="/report/"' in content, "a route to refer an issue to the hub"


def test_opening_times_run_monday_to_sunday_joining_days_with_the_same_hours(client, organisation):
    content = client.get("/directory/recovery/").content.decode()
    monday, friday, sunday = (content.index(day) for day in ("Monday to Wednesday", "Friday: 1pm", "Sunday: 10am"))
    assert monday < friday < sunday
    assert "Monday to Wednesday: 9am to 5pm" in content


def test_shows_when_it_was_last_reviewed(client, organisation):
    content = client.get("/directory/recovery/").content.decode()
    assert f"Last reviewed: {timezone.localdate():%-d %B %Y}" in content
    assert "may be out of date" not in content


@pytest.mark.parametrize("reviewed_days_ago", [400, None])
def test_marks_an_entry_that_is_due_for_review(client, home_page, reviewed_days_ago):
    reviewed = timezone.localdate() - timedelta(days=reviewed_days_ago) if reviewed_days_ago else None
    OrganisationFactory(slug="stale", last_reviewed_at=reviewed)
    content = client.get("/directory/stale/").content.decode()
    assert "This entry may be out of date" in content
    assert 'class="govuk-warning-text"' in content


def test_unpublished_and_unknown_organisations_are_not_found(client, home_page):
    OrganisationFactory(slug="hidden", live=False)
    assert client.get("/directory/hidden/").status_code == 404
    assert client.get("/directory/no-such-agency/").status_code == 404


def test_a_pending_draft_does_not_change_the_public_page(client, organisation):
    organisation.summary = "DRAFT SUMMARY"
    organisation.save_revision()
    service = organisation.services.get(name="Young people's service")
    service.name = "DRAFT SERVICE NAME"
    service.save_revision()
    content = client.get("/directory/recovery/").content.decode()
    assert "DRAFT" not in content
    assert "Free, confidential help with drugs and alcohol." in content


def test_logo_is_served_as_a_rendition(client, organisation):
    organisation.logo = Image.objects.create(title="Logo", file=get_test_image_file(size=(400, 200)))
    organisation.save()
    content = client.get("/directory/recovery/").content.decode()
    assert "/images/" in content or "/media/images/" in content
    assert organisation.logo.renditions.exists()


def test_organisation_page_query_budget(client, organisation, no_page_cache):
    organisation.logo = Image.objects.create(title="Logo", file=get_test_image_file(size=(400, 200)))
    organisation.save()
    client.get("/directory/recovery/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/directory/recovery/")
    assert response.status_code == 200
    assert len(queries) <= 12, "\n".join(query["sql"][:160] for query in queries.captured_queries)


def test_opening_times_keep_gaps_and_split_days_apart():
    from directory.models import ServiceSchedule
    from directory.templatetags.directory_tags import opening_times

    def row(day, opens, closes):
        return ServiceSchedule(weekday=day, opens_at=time(opens), closes_at=time(closes))

    rows = [row("WE", 9, 12), row("MO", 9, 12), row("TU", 14, 17), row("TU", 9, 12), row("SU", 9, 12)]
    lines = [(line["days"], [(o.hour, c.hour) for o, c, _notes in line["hours"]]) for line in opening_times(rows)]
    assert lines == [
        ("Monday", [(9, 12)]),
        ("Tuesday", [(9, 12), (14, 17)]),
        ("Wednesday", [(9, 12)]),
        ("Sunday", [(9, 12)]),
    ]
