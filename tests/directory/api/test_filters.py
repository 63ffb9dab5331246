"""The /services filters, as the module docstring of directory.api.views describes them."""

from datetime import date, time

import pytest

from directory.api import params
from directory.models import Service, Taxonomy, TaxonomyTerm, Weekday
from portal.search import vocabulary
from portal.search.forgiving import understand
from tests.directory.api.schemas import assert_valid_page
from tests.factories.directory import ServiceFactory, ServiceScheduleFactory, term

pytestmark = pytest.mark.django_db
WINTER, SUMMER = date(2026, 1, 15), date(2026, 7, 15)


def names(api, **params):
    data = api("services", **params)
    assert_valid_page(data, "/services")
    return [item["name"] for item in data["contents"]]


@pytest.fixture
def ages(db):
    ServiceFactory(name="Any age")
    ServiceFactory(name="Children", minimum_age=5, maximum_age=11)
    ServiceFactory(name="Teenagers", minimum_age=13, maximum_age=17)
    ServiceFactory(name="Adults", minimum_age=18)


def test_minimum_age_keeps_services_whose_minimum_is_at_least_that(api, ages):
    assert names(api, minimum_age=13) == ["Adults", "Teenagers"]
    assert names(api, minimum_age="12.5") == ["Adults", "Teenagers"]
    assert names(api, minimum_age=0) == ["Adults", "Any age", "Children", "Teenagers"]


def test_maximum_age_keeps_services_whose_maximum_is_at_most_that(api, ages):
    assert names(api, maximum_age=17) == ["Children", "Teenagers"]
    assert names(api, maximum_age=11) == ["Children"]
    assert names(api, minimum_age=10, maximum_age=20) == ["Teenagers"]


@pytest.fixture
def terms_in_use(db):
    ServiceFactory(name="Needle exchange", terms=["drugs-and-alcohol", "health-and-wellbeing"])
    ServiceFactory(name="Youth club", terms=["young-people"])
    ServiceFactory(name="No category")


def test_taxonomy_term_id_takes_the_terms_id_or_its_code(api, terms_in_use):
    assert names(api, taxonomy_term_id=str(term("young-people").uuid)) == ["Youth club"]
    assert names(api, taxonomy_term_id="drugs-and-alcohol") == ["Needle exchange"]
    assert names(api, taxonomy_term_id="00000000-0000-0000-0000-000000000000") == []
    assert names(api, taxonomy_term_id="no-such-code") == []


def test_a_service_with_two_matching_terms_is_listed_once(api, terms_in_use):
    hub = Taxonomy.objects.get()
    assert names(api, taxonomy_id=str(hub.uuid)) == ["Needle exchange", "Youth club"]
    assert api("services", taxonomy_id=str(hub.uuid))["total_items"] == 2


def test_taxonomy_id_keeps_services_with_any_term_of_that_taxonomy(api, terms_in_use):
    other = Taxonomy.objects.create(name="Other vocabulary", description="Another list.")
    TaxonomyTerm.objects.create(taxonomy=other, name="Other", slug="other", description="Other.")
    ServiceFactory(name="Otherwise classified", terms=["other"])
    assert names(api, taxonomy_id=str(other.uuid)) == ["Otherwise classified"]
    assert names(api, taxonomy_id="00000000-0000-0000-0000-000000000000") == []


@pytest.fixture
def opening_times(db):
    morning = ServiceFactory(name="Monday morning")
    ServiceScheduleFactory(service=morning, weekday=Weekday.MONDAY, opens_at=time(9), closes_at=time(12))
    evening = ServiceFactory(name="Friday evening")
    ServiceScheduleFactory(service=evening, weekday=Weekday.FRIDAY, opens_at=time(18), closes_at=time(21))
    split = ServiceFactory(name="Monday evening, Friday morning")
    ServiceScheduleFactory(service=split, weekday=Weekday.MONDAY, opens_at=time(18), closes_at=time(21))
    ServiceScheduleFactory(service=split, weekday=Weekday.FRIDAY, opens_at=time(9), closes_at=time(12))
    ServiceFactory(name="No opening times")


def test_day_keeps_services_open_that_day(api, opening_times):
    assert names(api, day="MO") == ["Monday evening, Friday morning", "Monday morning"]
    assert names(api, day="friday") == ["Friday evening", "Monday evening, Friday morning"]
    assert names(api, day="SU") == []


def test_start_and_end_time_bound_an_opening(api, opening_times):
    assert names(api, start_time="17:00") == ["Friday evening", "Monday evening, Friday morning"]
    assert names(api, end_time="12:00:00") == ["Monday evening, Friday morning", "Monday morning"]
    assert names(api, start_time="08:00", end_time="13:00") == ["Monday evening, Friday morning", "Monday morning"]


@pytest.mark.parametrize("day", ["MO", "mo", "Monday", "1MO", "-1MO", "+2MO", "MO,SU", "SU, mo", "MO,MO"])
def test_day_takes_the_specifications_day_codes(api, opening_times, day):
    """BYDAY codes as schedules write them: a weekly opening on Monday is open on the 1st or last Monday too,
    and several days match a service open on any of them."""
    assert names(api, day=day) == ["Monday evening, Friday morning", "Monday morning"]


def test_several_days_match_any_of_them(api, opening_times):
    assert names(api, day="TU,FR") == ["Friday evening", "Monday evening, Friday morning"]


@pytest.mark.parametrize(
    "start_time",
    ["17:00", "17:00:00", "17:00:00.000", "17:00Z", "17:00:00Z", "17:00:00z", "16:00:00-01:00", "19:30+02:30"],
)
def test_every_time_form_of_the_specification_is_read(api, opening_times, monkeypatch, start_time):
    """HH:MM or HH:MM:SS, with Z or an offset or neither; in winter the hub's time (Europe/London) is UTC."""
    monkeypatch.setattr(params, "_today", lambda: WINTER)
    assert params.local_time(start_time) == time(17)
    assert names(api, start_time=start_time) == ["Friday evening", "Monday evening, Friday morning"]


@pytest.mark.parametrize(
    ("raw", "winter", "summer"),
    [
        ("09:00", time(9), time(9)),
        ("09:00:00", time(9), time(9)),
        ("09:00:00Z", time(9), time(10)),
        ("09:00:00+01:00", time(8), time(9)),
        ("09:00+0100", time(8), time(9)),
        ("09:00-05", time(14), time(15)),
        ("09:00:30.5Z", time(9, 0, 30, 500000), time(10, 0, 30, 500000)),
        ("23:30:00-01:00", time(0, 30), time(1, 30)),
    ],
)
def test_times_with_a_zone_are_compared_in_the_hubs_local_time(monkeypatch, raw, winter, summer):
    """Opening times are stored in the hub's local time (TIME_ZONE); a time with Z or an offset is converted
    as it falls today, so the same UTC time is an hour later in British Summer Time."""
    monkeypatch.setattr(params, "_today", lambda: WINTER)
    assert params.local_time(raw) == winter
    monkeypatch.setattr(params, "_today", lambda: SUMMER)
    assert params.local_time(raw) == summer


def test_a_utc_time_finds_the_local_opening_in_summer(api, opening_times, monkeypatch):
    monkeypatch.setattr(params, "_today", lambda: SUMMER)
    assert names(api, start_time="16:00:00Z", end_time="20:00:00Z") == [
        "Friday evening",
        "Monday evening, Friday morning",
    ]
    assert names(api, start_time="17:01:00Z") == []


def test_day_and_times_must_hold_for_the_same_opening(api, opening_times):
    assert names(api, day="MO", start_time="17:00") == ["Monday evening, Friday morning"]
    assert names(api, day="FR", end_time="12:00") == ["Monday evening, Friday morning"]
    assert names(api, day="MO", start_time="10:00", end_time="12:00") == []


@pytest.fixture
def searchable(db):
    vocabulary.forget()  # the words of these entries, not another test's
    ServiceFactory(name="Noise nuisance team", description="Investigates loud music and parties.")
    ServiceFactory(name="Street drinking outreach", description="Works with people drinking in public places.")
    ServiceFactory(name="Garden tidy-up", description="Volunteers clear overgrown gardens.", keywords="noise")
    ServiceFactory(name="Hidden noise service", description="A draft about noise.", live=False)
    yield
    vocabulary.forget()


def test_search_finds_matching_published_services_in_the_search_backends_order(api, searchable):
    found = names(api, search="noise")
    assert set(found) == {"Noise nuisance team", "Garden tidy-up"}
    ranked = Service.objects.filter(live=True).search(understand("noise").expression("and"))
    assert found == [service.name for service in ranked]


def test_search_forgives_as_the_directory_does(api, searchable):
    """A misspelt word finds the word the entries use; every word must still match."""
    assert names(api, search="street drinkng") == ["Street drinking outreach"]
    assert names(api, search="loud drinkng") == []


def test_search_needs_every_word(api, searchable):
    assert names(api, search="loud music") == ["Noise nuisance team"]
    assert names(api, search="loud drinking") == []


def test_search_combines_with_other_filters(api, searchable):
    ServiceFactory(name="Noise for young people", description="Noise workshops.", terms=["young-people"])
    assert names(api, search="noise", taxonomy_term_id="young-people") == ["Noise for young people"]


def test_a_search_of_only_punctuation_is_no_filter(api, searchable):
    assert len(names(api, search="  ?! ")) == 3
    assert names(api, search="<script>alert(1)</script> zzzznothing") == []
    assert names(api, search="🔊 NOISE\x00") == names(api, search="noise")


def test_search_results_are_paged(api, searchable):
    ServiceFactory(name="Noise diary help", description="Helps keep a noise diary.")
    first = api("services", search="noise", per_page=2)
    second = api("services", search="noise", per_page=2, page=2)
    assert first["total_items"] == second["total_items"] == 3
    assert (first["size"], second["size"]) == (2, 1)
    assert second["last_page"] and not first["last_page"]
    ids = [item["id"] for item in first["contents"] + second["contents"]]
    assert len(set(ids)) == 3
