"""Question-page journeys for the public (bookings, ASB reports): answers kept in the session, never in URLs.

A journey keeps, per page, the strings posted once that page was valid. Every request validates them again in
order, so a page reached out of order, or an answer that an earlier change made wrong, sends the person to the
first page to fix. A finished journey remembers what its submission made, so a repeated POST finds it again.
"""

import secrets
from datetime import date, datetime

from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SUBMITTED_KEPT = 10


class SessionJourney:
    """Subclasses give ``steps``, the session ``key`` of the answers and ``submitted_key`` (where finished
    submissions are remembered), and may refine ``form_kwargs``, ``applies`` and ``kept_answers``."""

    steps = ()
    submitted_key = ""

    def __init__(self, session, key):
        self.session = session
        self.key = key

    @property
    def started(self):
        return self.key in self.session

    def form_kwargs(self):
        return {}

    def applies(self, step, details):
        return True

    def form(self, step, earlier, data=None):
        if data is None:
            stored = self._state().get("answers", {}).get(step.name)
            data = MultiValueDict(stored) if stored is not None else None
        return step.form_class(data, earlier=earlier, **self.form_kwargs())

    def walk(self, until=None):
        """Validate the kept answers in order, up to but not including ``until`` (None: every page).

        Returns the valid pages as (step, form) pairs and the first page that is unanswered or no longer
        valid (None when all are). Pages that do not apply to the earlier answers are skipped.
        """
        answered, details = [], {}
        for step in self.steps:
            if step == until:
                break
            if not self.applies(step, details):
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

    def kept_answers(self, answers, step, form):
        """The answers to keep once ``step`` is saved; a journey may forget pages an answer made irrelevant."""
        return answers

    def save(self, step, form):
        """Keep a valid page's posted strings (only its own fields: nothing else a client sends)."""
        posted = {key: form.data.getlist(key) for key in form.data if key.split("-", 1)[0] in form.fields}
        state = self._state()
        answers = dict(state.get("answers", {}))
        answers[step.name] = posted
        state["answers"] = self.kept_answers(answers, step, form)
        self.session[self.key] = state

    def submission_key(self):
        state = self._state()
        if "submission_key" not in state:
            state["submission_key"] = secrets.token_urlsafe(32)
            self.session[self.key] = state
        return state["submission_key"]

    def submitted_with(self, submission_key):
        """The primary key of what this session already made with ``submission_key``, if any (a repeated POST)."""
        if not submission_key:
            return None
        return self.session.get(self.submitted_key, {}).get(submission_key)

    def remember(self, submission_key, pk):
        """Forget the answers; remember what the submission made for repeated POSTs (the last few only)."""
        self.clear()
        submitted = dict(list(self.session.get(self.submitted_key, {}).items())[-(SUBMITTED_KEPT - 1) :])
        submitted[submission_key] = pk
        self.session[self.submitted_key] = submitted

    def clear(self):
        self.session.pop(self.key, None)

    def _state(self):
        return dict(self.session.get(self.key, {}))


def display(value):
    """An answer as check-answers pages show it."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    if value in (None, ""):
        return pgettext_lazy("an optional answer left empty", "Not given")
    return value
