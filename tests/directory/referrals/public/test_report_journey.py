"""The public report's question pages: order, validation, the check answers page, back links and expiry."""

import pytest

from directory.referrals.models import Referral
from home.models import SiteSettings

from .report_steps import (
    CHECK_URL,
    START_URL,
    STEP_NAMES,
    anonymous_answers,
    answer,
    kept_answers,
    named_answers,
    step_url,
)


@pytest.fixture(autouse=True)
def _no_minimum_time(settings, home_page):
    settings.REPORT_MIN_SECONDS = 0


def test_start_page_gives_the_numbers_what_asb_is_and_how_reports_are_used(client, home_page):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.non_emergency_phone = "101 (option 2)"
    site_settings.crimestoppers_phone = "0800 555 111"
    site_settings.save()

    response = client.get(START_URL)
    page = response.content.decode()

    assert response.status_code == 200
    assert "call 999" in page
    assert "101 (option 2)" in page
    assert "Crimestoppers on 0800 555 111" in page
    assert "What it is not" in page
    assert "What you can report" in page
    assert "What happens next" in page
    assert 'href="/report/what/"' in page and "Start now" in page


def test_start_page_links_to_the_privacy_notice_from_site_settings(client, home_page):
    from tests.factories import StandardPageFactory

    privacy = StandardPageFactory(parent=home_page, title="Privacy notice", slug="privacy-notice")
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.privacy_page = privacy
    site_settings.save()

    page = client.get(START_URL).content.decode()

    assert 'href="/privacy-notice/"' in page


def test_each_page_leads_to_the_next_then_to_check_answers(client, area):
    answers = named_answers(area)
    for index, name in enumerate(STEP_NAMES):
        assert client.get(step_url(name)).status_code == 200
        response = client.post(step_url(name), answers[name])
        following = step_url(STEP_NAMES[index + 1]) if index + 1 < len(STEP_NAMES) else CHECK_URL
        assert response.status_code == 302 and response["Location"] == following

    page = client.get(CHECK_URL).content.decode()
    assert "Benches by the war memorial, Market Square" in page
    assert "WF1 1AA" in page
    assert "Westfield town centre" in page
    assert "Noise, such as loud music, shouting or banging" in page
    assert "Aimed at you or your household" in page
    assert "Alex Resident" in page


def test_unknown_step_is_not_found(client):
    assert client.get("/report/nonsense/").status_code == 404


@pytest.mark.parametrize("name", STEP_NAMES[1:])
def test_a_page_reached_out_of_order_goes_to_the_first_unanswered(client, name):
    response = client.get(step_url(name))

    assert response.status_code == 302 and response["Location"] == step_url("what")


def test_a_page_after_a_gap_goes_to_the_gap(client, area):
    answers = named_answers(area)
    answer(client, {"what": answers["what"]})

    response = client.get(step_url("where"))

    assert response["Location"] == step_url("aimed-at-you")


def test_check_answers_with_a_gap_goes_to_the_gap(client, area):
    answers = named_answers(area)
    del answers["when"]
    for name, data in answers.items():
        client.post(step_url(name), data)

    response = client.get(CHECK_URL)

    assert response.status_code == 302 and response["Location"] == step_url("when")


REQUIRED = [
    ("what", {}, "Select what is happening"),
    ("aimed-at-you", {}, "Select yes if it is aimed at you or your household"),
    ("where", {"location_description": "  "}, "Enter where it is happening"),
    ("when", {}, "Select whether it is still happening or happened on a particular day"),
    ("when", {"timing": "past"}, "Enter the date it happened"),
    ("what-happened", {"description": ""}, "Enter what happened"),
    ("about-you", {}, "Select whether you want to give your contact details or report anonymously"),
    ("your-details", {"contact_preference": "none"}, "Enter your name"),
    ("your-details", {"reporter_name": "Alex"}, "Select how we should contact you"),
    (
        "your-details",
        {"reporter_name": "Alex", "contact_preference": "email"},
        "Enter an email address, or choose another way to contact you",
    ),
    (
        "your-details",
        {"reporter_name": "Alex", "contact_preference": "phone"},
        "Enter a telephone number, or choose another way to contact you",
    ),
    ("vulnerability", {}, "Select yes if anyone affected is vulnerable"),
]


@pytest.mark.parametrize(("name", "data", "message"), REQUIRED)
def test_missing_answers_get_a_clear_error_and_earlier_answers_are_kept(client, area, name, data, message):
    answers = named_answers(area)
    earlier = dict(list(answers.items())[: STEP_NAMES.index(name)])
    answer(client, earlier)

    response = client.post(step_url(name), data)
    page = response.content.decode()

    assert response.status_code == 200
    assert message in page
    assert "<title>Error:" in page
    assert 'class="govuk-error-summary"' in page
    assert set(kept_answers(client)) == set(earlier)
    assert Referral.objects.count() == 0


def test_the_first_question_asks_what_is_happening_in_plain_english(client):
    page = client.get(step_url("what")).content.decode()

    assert "What is happening?" in page
    assert "What kind of anti-social behaviour" not in page
    for national in ("Personal", "Nuisance", "Environmental", 'name="category"'):
        assert national not in page
    assert 'value="street_drinking"' in page and 'value="intimidation"' in page
    assert "Litter or fly-tipping" in page and "Something else" in page
    assert client.get("/report/type/").status_code == 404


def test_an_unknown_type_is_refused_with_the_answer_asked_again(client):
    page = client.post(step_url("what"), {"report_type": "personal"}).content.decode()

    assert "Select what is happening" in page
    assert kept_answers(client) == {}


def test_only_types_that_can_be_either_ask_whom_it_is_aimed_at(client):
    assert client.post(step_url("what"), {"report_type": "street_drinking"})["Location"] == step_url("where")
    assert client.get(step_url("aimed-at-you"))["Location"] == step_url("where")

    assert client.post(step_url("what"), {"report_type": "noise"})["Location"] == step_url("aimed-at-you")
    assert client.get(step_url("where"))["Location"] == step_url("aimed-at-you")


def test_changing_the_answer_from_check_answers_asks_only_what_it_needs(client, area):
    answer(client, named_answers(area))

    to_litter = client.post(step_url("what"), {"report_type": "litter"})
    litter_page = client.get(CHECK_URL).content.decode()
    to_rowdy = client.post(step_url("what"), {"report_type": "rowdy"})
    rowdy_page = client.get(CHECK_URL).content.decode()

    assert to_litter["Location"] == CHECK_URL
    assert "Litter or fly-tipping" in litter_page and "Aimed at you or your household" not in litter_page
    assert to_rowdy["Location"] == CHECK_URL
    assert "Rowdy or inconsiderate behaviour" in rowdy_page and "Aimed at you or your household" in rowdy_page


@pytest.mark.parametrize("postcode", ["WF1 1AA", "wf11aa", "SW1A 1AA", " ec1a  1bb ", "GIR 0AA", "M1 1AE"])
def test_uk_postcodes_are_accepted_and_tidied(client, area, postcode):
    answers = named_answers(area)
    answers["where"]["postcode"] = postcode
    answer(client, answers)

    page = client.get(CHECK_URL).content.decode()

    tidy = " ".join(postcode.split()).upper()
    tidy = tidy if " " in tidy else f"{tidy[:-3]} {tidy[-3:]}"
    assert tidy in page


@pytest.mark.parametrize(
    "postcode", ["12345", "ABC", "WF1", "WF1 1A", "QQ1 1AA", "WF1 1AAA", "<b>WF1</b>", "WF1 1AA 🏠"]
)
def test_bad_postcodes_are_refused_and_the_other_answers_kept(client, area, postcode):
    answers = named_answers(area)
    answer(client, {name: answers[name] for name in ("what", "aimed-at-you")})
    where = dict(answers["where"], postcode=postcode)

    response = client.post(step_url("where"), where)
    page = response.content.decode()

    assert response.status_code == 200
    assert "Enter a real postcode, like WF1 1AA" in page
    assert "Benches by the war memorial, Market Square</textarea>" in page


def test_area_is_optional_and_not_sure_comes_last(client, area):
    answer(client, {name: data for name, data in named_answers(area).items() if name in ("what", "aimed-at-you")})

    page = client.get(step_url("where")).content.decode()
    response = client.post(step_url("where"), {"location_description": "Mill Lane", "postcode": "", "area": ""})

    assert page.index("Westfield town centre") < page.index("I&#x27;m not sure")
    assert response.status_code == 302


def test_an_unknown_area_is_refused(client, area):
    answer(client, {name: data for name, data in named_answers(area).items() if name in ("what", "aimed-at-you")})

    page = client.post(step_url("where"), {"location_description": "Mill Lane", "area": "999999"}).content.decode()

    assert "Select an area from the list" in page


def test_anonymous_reporters_skip_the_contact_details_page(client, area):
    answers = anonymous_answers(area)
    answer(client, {name: answers[name] for name in STEP_NAMES[:5]})

    response = client.post(step_url("about-you"), answers["about-you"])

    assert response["Location"] == step_url("vulnerability")
    assert client.get(step_url("your-details"))["Location"] == step_url("vulnerability")


def test_choosing_anonymous_after_giving_details_forgets_them(client, area):
    answer(client, named_answers(area))

    client.post(step_url("about-you"), {"identity": "anonymous"})
    page = client.get(CHECK_URL).content.decode()

    assert "your-details" not in kept_answers(client)
    assert "Alex Resident" not in page and "alex@example.org" not in page


def test_check_answers_has_a_change_link_for_every_page(client, area):
    answer(client, named_answers(area))

    page = client.get(CHECK_URL).content.decode()

    for name in STEP_NAMES:
        assert f'href="{step_url(name)}"' in page


def test_a_change_from_check_answers_returns_to_check_answers(client, area):
    answer(client, named_answers(area))

    page = client.get(step_url("where")).content.decode()
    response = client.post(step_url("where"), {"location_description": "Outside the chip shop", "postcode": ""})

    assert f'href="{CHECK_URL}" class="govuk-back-link"' in page
    assert response["Location"] == CHECK_URL
    assert "Outside the chip shop" in client.get(CHECK_URL).content.decode()


def test_back_links_go_to_the_page_before(client, area):
    answers = anonymous_answers(area)
    first = client.get(step_url("what")).content.decode()
    answer(client, {name: answers[name] for name in STEP_NAMES[:6]})

    vulnerability = client.get(step_url("vulnerability")).content.decode()

    assert f'href="{START_URL}" class="govuk-back-link"' in first
    assert f'href="{step_url("about-you")}" class="govuk-back-link"' in vulnerability


def test_the_check_page_back_link_goes_to_the_last_question(client, area):
    answer(client, named_answers(area))

    page = client.get(CHECK_URL).content.decode()

    assert f'href="{step_url("vulnerability")}" class="govuk-back-link"' in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_check_answers_in_a_fresh_session_goes_back_to_the_start_politely(client, method):
    response = getattr(client, method)(CHECK_URL, follow=True)

    assert response.redirect_chain == [(START_URL, 302)]
    assert "Your answers were not saved" in response.content.decode()
    assert Referral.objects.count() == 0


def test_a_later_page_posted_in_a_fresh_session_goes_back_to_the_start(client):
    response = client.post(step_url("where"), {"location_description": "Mill Lane"}, follow=True)

    assert response.redirect_chain == [(START_URL, 302)]
    assert "Your answers were not saved" in response.content.decode()


def test_answers_are_never_in_urls(client, area):
    answers = named_answers(area)
    for name, data in answers.items():
        location = client.post(step_url(name), data)["Location"]
        assert "?" not in location and "alex" not in location.lower()


@pytest.mark.parametrize("name", STEP_NAMES)
def test_question_pages_are_never_cached(client, area, name):
    answers = named_answers(area)
    answer(client, {step: answers[step] for step in STEP_NAMES[: STEP_NAMES.index(name)]})

    response = client.get(step_url(name))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_check_answers_is_never_cached(client, area):
    answer(client, named_answers(area))

    assert "no-store" in client.get(CHECK_URL)["Cache-Control"]
