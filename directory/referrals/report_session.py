"""The public report journey: its question pages and the answers kept between them.

Answers live in the session as the strings posted on each page once that page was valid, never in URLs.
Every request validates them again in order, so a page reached out of order, or an answer an earlier change
made wrong (a type that does not belong to a new category), sends the person to the first page to fix.
"""

import secrets
import time
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .report_forms import (
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
SUBMITTED_KEPT = 10


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


class Journey:
    """One person's answers to the report questions, kept in their session."""

    def __init__(self, session):
        self.session = session

    @property
    def started(self):
        return JOURNEY_KEY in self.session

    def start(self):
        if not self.started:
            self.session[JOURNEY_KEY] = {"answers": {}, "started_at": time.time()}

    def seconds_taken(self):
        return time.time() - self._state().get("started_at", time.time())

    def form(self, step, earlier, data=None):
        if data is None:
            stored = self._state().get("answers", {}).get(step.name)
            data = MultiValueDict(stored) if stored is not None else None
        return step.form_class(data, earlier=earlier)

    def walk(self, until=None):
        """Validate the kept answers in order, up to but not including ``until`` (None: every page).

        Returns the valid pages as (step, form) pairs and the first page that is unanswered or no longer valid
        (None when all are). Pages that do not apply to the earlier answers are skipped.
        """
        answered, details = [], {}
        for step in STEPS:
            if step == until:
                break
            if not step.applies(details):
                continue
            form = self.form(step, details)
            if not form.is_bound or not form.is_valid():
                return answered, step
            answered.append((step, form))
            details.update(form.details())
        return answered, None

    @staticmethod
    def details(answered):
        details = {}
        for _step, form in answered:
            details.update(form.details())
        return details

    @staticmethod
    def back_url(answered, complete=False):
        """The last answered page before this one (from ``walk``); the check page once every answer is in."""
        if complete:
            return reverse("referrals:check")
        return answered[-1][0].url if answered else reverse("referrals:start")

    def save(self, step, form):
        """Keep a valid page's posted strings (only its own fields: nothing else a client sends). Choosing to
        report anonymously forgets any contact details given before."""
        posted = {key: form.data.getlist(key) for key in form.data if key.split("-", 1)[0] in form.fields}
        state = self._state()
        answers = dict(state.get("answers", {}))
        answers[step.name] = posted
        if form.details().get("reporter_anonymous"):
            answers.pop(CONTACT_STEP, None)
        state["answers"] = answers
        self.session[JOURNEY_KEY] = state

    def submission_key(self):
        state = self._state()
        if "submission_key" not in state:
            state["submission_key"] = secrets.token_urlsafe(32)
            self.session[JOURNEY_KEY] = state
        return state["submission_key"]

    def submitted_with(self, submission_key):
        """The report this session already sent with ``submission_key``, if any (a repeated POST)."""
        if not submission_key:
            return None
        return self.session.get(SUBMITTED_KEY, {}).get(submission_key)

    def finish(self, referral, submission_key, token):
        """Forget the answers; remember the report for the confirmation page and for repeated POSTs. The status
        token is kept only until the confirmation page shows it once."""
        self.session.pop(JOURNEY_KEY, None)
        submitted = dict(list(self.session.get(SUBMITTED_KEY, {}).items())[-(SUBMITTED_KEPT - 1) :])
        submitted[submission_key] = referral.pk
        self.session[SUBMITTED_KEY] = submitted
        self.session[CONFIRMATION_KEY] = {"referral": referral.pk, "token": token}

    def summary(self, answered):
        """Check-answers sections: (step, rows of (label, display value))."""
        return [(step, [(label, display(value)) for label, value in form.summary()]) for step, form in answered]

    def _state(self):
        return dict(self.session.get(JOURNEY_KEY, {}))


def pop_confirmation(session):
    """The report to confirm and, the first time only, its status token."""
    confirmation = session.get(CONFIRMATION_KEY)
    if not isinstance(confirmation, dict):
        return None, None
    token = confirmation.get("token")
    if token:
        session[CONFIRMATION_KEY] = {"referral": confirmation["referral"], "token": None}
    return confirmation.get("referral"), token


def display(value):
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y")
    if value in (None, ""):
        return pgettext_lazy("an optional answer left empty", "Not given")
    return value
