"""Question-page journeys for the public (bookings, ASB reports): answers kept in the session, never in URLs.

A journey keeps, per page, the strings posted once that page was valid. Every request validates them again in
order, so a page reached out of order, or an answer that an earlier change made wrong, sends the person to the
first page to fix. A finished journey remembers what its submission made, so a repeated POST finds it again.

A page keeps only the values its fields' widgets read, each no longer than its field could need, and a journey
no more than JOURNEY_MAX characters: anything else is a form error, so a client cannot fill the session store.
"""

import secrets
from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SUBMITTED_KEPT = 10
# A value may be as long as its field's max_length with room for the spaces the field strips; a field without a
# max_length (a choice, a number, a date box, a tick box) takes VALUE_ROOM characters.
VALUE_ROOM = 254
# Characters one journey keeps, every page together: more than the question pages' own limits add up to.
JOURNEY_MAX = 50_000
TOO_LONG = _("This answer is too long to keep. Shorten it and try again.")
TOO_MUCH = _("Your answers are too long to keep. Shorten them and try again.")


def value_names(bound_field):
    """The names a field's widget reads from a POST: the field's own, or its boxes' (``<name>-day``, ...)."""
    names = getattr(bound_field.field.widget, "value_names", None)
    return names(bound_field.html_name) if names else [bound_field.html_name]


def kept_size(values):
    """The characters a page's kept values take: {name: [strings]}."""
    return sum(len(name) + sum(len(value) for value in strings) for name, strings in values.items())


class StepForm(forms.Form):
    """The base of every question page: it knows which posted values are its own (what the journey keeps), and
    refuses values longer than its fields could need or more than the journey has ``room`` for."""

    def __init__(self, *args, room=None, **kwargs):
        self.room = JOURNEY_MAX if room is None else room
        super().__init__(*args, **kwargs)

    def own_values(self):
        """The posted strings this page's fields read, as the journey keeps them: {name: [strings]}. A field
        reads the last of repeated values, or each of them once for several choices."""
        values = {}
        for bound in self:
            several = getattr(bound.field.widget, "allow_multiple_selected", False)
            for name in value_names(bound):
                if name in self.data:
                    values[name] = list(dict.fromkeys(self.data.getlist(name))) if several else [self.data[name]]
        return values

    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            self._refuse_what_cannot_be_kept()

    def _refuse_what_cannot_be_kept(self):
        values = self.own_values()
        for bound in self:
            limit = (getattr(bound.field, "max_length", None) or 0) + VALUE_ROOM
            if any(len(value) > limit for name in value_names(bound) for value in values.get(name, ())):
                self.add_error(bound.name, TOO_LONG)
        if not self._errors and kept_size(values) > self.room:
            self.add_error(None, TOO_MUCH)


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
        answers = self._state().get("answers", {})
        if data is None:
            stored = answers.get(step.name)
            data = MultiValueDict(stored) if stored is not None else None
        room = JOURNEY_MAX - sum(kept_size(values) for name, values in answers.items() if name != step.name)
        return step.form_class(data, earlier=earlier, room=room, **self.form_kwargs())

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
        """Keep a valid page's own posted strings (``StepForm.own_values``: nothing else a client sends)."""
        posted = form.own_values()
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
