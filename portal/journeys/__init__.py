"""Question-page journeys for the public (bookings, ASB reports): answers kept in the session, never in URLs.

A journey is a sequence of ``Step`` pages. As in pretix's checkout flow, each step knows whether it applies: a page
that does not apply to the answers given before it is skipped. ``portal.journeys.pages`` serves the question and
check answers pages of any journey; a domain says which steps it asks and what sending the answers does.

A journey keeps, per page, the strings posted once that page was valid. Every request validates them again in
order, so a page reached out of order, or an answer that an earlier change made wrong, sends the person to the
first page to fix. A finished journey remembers what its submission made, so a repeated POST finds it again.

A page keeps only the values its fields' widgets read, each no longer than its field could need, and a journey
no more than JOURNEY_MAX characters: anything else is a form error, so a client cannot fill the session store.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

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


def always(details):
    return True


@dataclass(frozen=True)
class Step:
    """One question page. ``slug`` names it in its URL ("" for a first page whose URL has no slug of its own);
    ``applies`` says, from the details the earlier pages gave, whether the page is asked at all."""

    name: str
    slug: str
    form_class: type
    template: str
    title: str
    applies: Callable[[dict], bool] = always


class Row(NamedTuple):
    label: str
    value: object


class Section(NamedTuple):
    """One answered page on the check answers page: its step, the link to change it, and its rows."""

    step: Step
    change_url: str
    rows: list[Row]


def value_names(bound_field):
    """The names a field's widget reads from a POST: the field's own, or its boxes' (``<name>-day``, ...)."""
    names = getattr(bound_field.field.widget, "value_names", None)
    return names(bound_field.html_name) if names else [bound_field.html_name]


def kept_size(values):
    """The characters a page's kept values take: {name: [strings]}."""
    return sum(len(name) + sum(len(value) for value in strings) for name, strings in values.items())


class StepForm(forms.Form):
    """The base of every question page. ``earlier`` holds the details the earlier pages gave.

    ``details()`` gives the answers as the domain's service takes them, ``summary()`` as the check answers page
    shows them. The form knows which posted values are its own (what the journey keeps), and refuses values longer
    than its fields could need or more than the journey has ``room`` for.
    """

    summary_labels = {}

    def __init__(self, *args, earlier=None, room=None, **kwargs):
        self.earlier = earlier or {}
        self.room = JOURNEY_MAX if room is None else room
        super().__init__(*args, **kwargs)

    def details(self):
        """The answers as the model's field values."""
        return dict(self.cleaned_data)

    def summary(self):
        """(label, value) rows for the check answers page: a field's ``summary_labels`` entry or its label."""
        return [
            (self.summary_labels.get(name, field.label), self.summary_value(name, self.cleaned_data.get(name)))
            for name, field in self.fields.items()
        ]

    def summary_value(self, name, value):
        return value

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


class Journey:
    """One person's answers to ``steps``, kept in their session under ``key``.

    Subclasses give ``steps`` and ``submitted_key`` (where finished submissions are remembered), say where the
    pages are: ``url(step)``, ``check_url()`` and ``entry_url()`` (the page that leads to the first question), and
    ``confirm_again`` what a repeated POST made.
    They may refine ``form_kwargs`` and ``kept_answers``. With ``back_to_check_once_complete`` a question's back
    link leads to the check answers page once every answer is in (someone is changing one answer).
    """

    steps = ()
    submitted_key = ""
    back_to_check_once_complete = False

    def __init__(self, session, key):
        self.session = session
        self.key = key

    @property
    def started(self):
        return self.key in self.session

    @property
    def first_step(self):
        return self.steps[0]

    def step_for(self, slug):
        return next((step for step in self.steps if step.slug == slug), None)

    def url(self, step):
        raise NotImplementedError

    def check_url(self):
        raise NotImplementedError

    def entry_url(self):
        raise NotImplementedError

    def next_url(self):
        """The first page unanswered (or no longer valid), or the check answers page when every answer is in."""
        _answered, blocker = self.walk()
        return self.url(blocker) if blocker else self.check_url()

    def back_url(self, answered, step=None):
        """The back link of the question ``step`` (None: the check answers page), where ``answered`` are the pages
        ``walk`` found before it: the last of them, or the page that leads into the journey."""
        if step is not None and self.back_to_check_once_complete and self.walk()[1] is None:
            return self.check_url()
        return self.url(answered[-1][0]) if answered else self.entry_url()

    def form_kwargs(self):
        return {}

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

    def summary(self, answered):
        """The check answers page's sections, one per answered page."""
        return [
            Section(step, self.url(step), [Row(label, display(value)) for label, value in form.summary()])
            for step, form in answered
        ]

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

    def confirm_again(self, pk):
        """Make the confirmation page show ``pk``, what a repeated POST of answers already sent made."""
        raise NotImplementedError

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
