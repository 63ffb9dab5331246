"""The choice a school is given when it asks for more places than are left: book the places left now and put the
rest on the waiting list, or join the waiting list for them all. Asked on the pupils page itself, without
JavaScript: the page answers "Enter 5 or fewer" and shows the two choices below the number."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

SPLIT = "split"
WAIT_ALL = "wait_all"
WAITING_CHOICES = (SPLIT, WAIT_ALL)

WAITING_CHOICE_FIELD = forms.ChoiceField(
    label=_("Or choose how to wait for places"),
    required=False,
    choices=[
        (SPLIT, _("Book the places left now and put the rest on the waiting list")),
        (WAIT_ALL, _("Wait for all")),
    ],
    widget=forms.RadioSelect,
    error_messages={"invalid_choice": _("Select how you want to wait for places, or enter fewer pupils")},
)


def wanted_places(data):
    try:
        return int(str(data.get("places", "")).strip())
    except (TypeError, ValueError):
        return None


class WaitingChoiceMixin:
    """For a step form with ``places``, ``when_full`` and ``run`` (annotated with its places held)."""

    def needs_waiting_choice(self, places):
        left = self.run.places_left
        return not self.run.allocates_after_window and places is not None and 0 < left < places

    @property
    def offers_waiting_choice(self):
        """Whether the page shows the choice: the number posted is more than the places left."""
        return self.is_bound and self.needs_waiting_choice(wanted_places(self.data))

    def label_waiting_choices(self):
        places = wanted_places(self.data) if self.is_bound else None
        if places is None or not self.needs_waiting_choice(places):
            return
        left = self.run.places_left
        now = ngettext(
            "Book %(left)s place now and put %(rest)s on the waiting list",
            "Book %(left)s places now and put %(rest)s on the waiting list",
            left,
        ) % {"left": left, "rest": places - left}
        self.fields["when_full"].choices = [
            (SPLIT, now),
            (WAIT_ALL, _("Join the waiting list for all %(places)s places") % {"places": places}),
        ]

    def not_enough_message(self):
        left = self.run.places_left
        return ngettext(
            "There is only %(left)s place left on this run. Enter %(left)s, or choose below how to wait for more",
            "There are only %(left)s places left on this run. Enter %(left)s or fewer, or choose below how to wait "
            "for more",
            left,
        ) % {"left": left}

    def places_now(self):
        """With the "book what is left" choice: the places to hold now (the rest wait)."""
        return self.run.places_left
