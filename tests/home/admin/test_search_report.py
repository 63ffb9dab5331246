"""The site searches report: this month's top searches and those with no results, of the hubs the user works for."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from home.models import SearchTally
from home.services import SEARCH_TALLY_DAYS, delete_old_searches, record_search
from tests.factories import hub_editor, staff_user

pytestmark = pytest.mark.django_db

URL = "/admin/search-report/"


@pytest.fixture
def searches(hub, other_hub):
    today = timezone.localdate()
    for _ in range(3):
        record_search(hub_id=hub.pk, query="noise", found=True)
    record_search(hub_id=hub.pk, query="grafitti wall", found=False)
    record_search(hub_id=other_hub.pk, query="other hub secret", found=False)
    record_search(hub_id=hub.pk, query="last year", found=True, today=today - timedelta(days=400))


def rows(response):
    return [(row["query_string"], row["searches_total"]) for row in response.context["top"]]


def test_editors_see_their_hubs_month(client, searches):
    client.force_login(hub_editor(username="editor", email="editor@example.org"))
    response = client.get(URL)
    assert response.status_code == 200
    assert rows(response) == [("noise", 3), ("grafitti wall", 1)]
    assert [row["query_string"] for row in response.context["failing"]] == ["grafitti wall"]
    assert "other hub secret" not in response.content.decode()


def test_staff_of_the_other_hub_see_only_theirs(client, searches, other_hub):
    client.force_login(staff_user("Hub coordinators", hubs=[other_hub], username="other", email="o@example.org"))
    assert rows(client.get(URL)) == [("other hub secret", 1)]


def test_people_who_work_for_no_hub_are_refused(client, searches):
    client.force_login(staff_user(None, hubs=[], username="nobody", email="nobody@example.org"))
    assert client.get(URL).status_code == 403


def test_old_searches_are_forgotten(searches, hub):
    QueryDailyHits.objects.create(query=Query.get("ancient"), date=timezone.localdate() - timedelta(days=60))
    assert delete_old_searches() == 3  # the old tally, its daily hit and the ancient hit
    assert not SearchTally.objects.filter(date__lt=timezone.localdate() - timedelta(days=SEARCH_TALLY_DAYS)).exists()
    assert not Query.objects.filter(query_string="ancient").exists()
    assert delete_old_searches() == 0
