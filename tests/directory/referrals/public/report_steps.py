"""Answers and helpers for the public report journey tests."""

from directory.referrals.public.journey import JOURNEY_KEY
from tests.support import post_at_once, twin_of

STEP_NAMES = ["what", "aimed-at-you", "where", "when", "what-happened", "about-you", "your-details", "vulnerability"]
CHECK_URL = "/report/check/"
CONFIRMATION_URL = "/report/confirmation/"
START_URL = "/report/"


def step_url(name):
    return f"/report/{name}/"


def named_answers(area=None, **changes):
    """A complete named report, as the strings each page posts; ``changes`` replace whole pages."""
    answers = {
        "what": {"report_type": "noise"},
        "aimed-at-you": {"aimed": "no"},
        "where": {
            "location_description": "Benches by the war memorial, Market Square",
            "postcode": "wf1 1aa",
            "area": str(area.pk) if area else "",
        },
        "when": {"timing": "ongoing"},
        "what-happened": {
            "description": "A group drinks on the benches every evening and shouts at passers-by.",
            "people_involved": "Four or five adults",
            "impact": "I avoid walking home that way.",
        },
        "about-you": {"identity": "named"},
        "your-details": {
            "reporter_name": "Alex Resident",
            "reporter_email": "alex@example.org",
            "reporter_phone": "01632 960123",
            "contact_preference": "email",
        },
        "vulnerability": {"vulnerable": "no", "vulnerability_details": ""},
    }
    answers.update(changes)
    return answers


def anonymous_answers(area=None, **changes):
    answers = named_answers(area, **changes)
    answers["about-you"] = {"identity": "anonymous"}
    del answers["your-details"]
    return answers


def answer(client, answers):
    """Post every page in order; each must be accepted (a redirect to the next page)."""
    response = None
    for name, data in answers.items():
        response = client.post(step_url(name), data)
        assert response.status_code == 302, (name, response.content.decode()[:3000])
    return response


def submission_key(client):
    response = client.get(CHECK_URL)
    assert response.status_code == 200, response.status_code
    return response.context["form"]["submission_key"].value()


def send(client, answers):
    answer(client, answers)
    return client.post(CHECK_URL, {"submission_key": submission_key(client)})


def sent_twice_at_once(client):
    """A double click on "Send report": the check answers form posted from two tabs of ``client`` at the same
    moment. Both responses, in order."""
    data = {"submission_key": submission_key(client)}
    return post_at_once([(twin_of(client), CHECK_URL, data), (twin_of(client), CHECK_URL, data)])


def kept_answers(client):
    return client.session.get(JOURNEY_KEY, {}).get("answers", {})
