"""The public report journey: its question pages and the answers kept between them.

Answers live in the session as the strings posted on each page once that page was valid, never in URLs.
Every request validates them again in order, so a page reached out of order, or an answer an earlier change
made wrong (a type that does not belong to a new category), sends the person to the first page to fix.
"""

import time
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.journeys import SessionJourney, display

from .forms import (
    AnonymityForm,
    CategoryForm,
    ContactForm,
    TypeForm,
    VulnerabilityForm,
    WhatHappenedForm,
    WhenForm,
    WhereForm,
)

JOURNEY_KEY = "report:journey"
CONTACT_STEP = "your-details"
CONFIRMATION_KEY = "report:confirmation"
SUBMITTED_KEY = "report:submitted"


def always(details):
    return True


def named(details):
    return not details.get("reporter_anonymous")


@dataclass(frozen=True)
class Step:
    name: str
    form_class: type
    template: str
    title: str
    applies: object = always

    @property
    def url(self):
        return reverse("referrals:question", args=[self.name])


STEPS = (
    Step("what", CategoryForm, "referrals/report/steps/category.html", _("What kind of anti-social behaviour")),
    Step("type", TypeForm, "referrals/report/steps/type.html", _("What is happening")),
    Step("where", WhereForm, "referrals/report/steps/where.html", _("Where it is happening")),
    Step("when", WhenForm, "referrals/report/steps/when.html", _("When it happened")),
    Step("what-happened", WhatHappenedForm, "referrals/report/steps/what_happened.html", _("What happened")),
    Step("about-you", AnonymityForm, "referrals/report/steps/about_you.html", _("About you")),
    Step(CONTACT_STEP, ContactForm, "referrals/report/steps/contact.html", _("Your contact details"), named),
    Step("vulnerability", VulnerabilityForm, "referrals/report/steps/vulnerability.html", _("People affected")),
)
STEPS_BY_NAME = {step.name: step for step in STEPS}
FIRST_STEP = STEPS[0]


class Journey(SessionJourney):
    """One person's answers to the report questions, kept in their session."""

    steps = STEPS
    submitted_key = SUBMITTED_KEY

    def __init__(self, session):
        super().__init__(session, JOURNEY_KEY)

    def start(self):
        if not self.started:
            self.session[JOURNEY_KEY] = {"answers": {}, "started_at": time.time()}

    def seconds_taken(self):
        return time.time() - self._state().get("started_at", time.time())

    def applies(self, step, details):
        return step.applies(details)

    @staticmethod
    def back_url(answered, complete=False):
        """The last answered page before this one (from ``walk``); the check page once every answer is in."""
        if complete:
            return reverse("referrals:check")
        return answered[-1][0].url if answered else reverse("referrals:start")

    def kept_answers(self, answers, step, form):
        """Choosing to report anonymously forgets any contact details given before."""
        if form.details().get("reporter_anonymous"):
            answers.pop(CONTACT_STEP, None)
        return answers

    def finish(self, referral, submission_key, token):
        """Forget the answers; remember the report for the confirmation page and for repeated POSTs. The status
        token is kept only until the confirmation page shows it once."""
        self.remember(submission_key, referral.pk)
        self.session[CONFIRMATION_KEY] = {"referral": referral.pk, "token": token}

    def summary(self, answered):
        """Check-answers sections: (step, rows of (label, display value))."""
        return [(step, [(label, display(value)) for label, value in form.summary()]) for step, form in answered]


def pop_confirmation(session):
    """The report to confirm and, the first time only, its status token."""
    confirmation = session.get(CONFIRMATION_KEY)
    if not isinstance(confirmation, dict):
        return None, None
    token = confirmation.get("token")
    if token:
        session[CONFIRMATION_KEY] = {"referral": confirmation["referral"], "token": None}
    return confirmation.get("referral"), token
