from django import forms
from django.utils.translation import gettext_lazy as _


class RegisterForm(forms.Form):
    """A session's register: how many of each booking's places came. Blank leaves a booking unrecorded."""

    def __init__(self, *args, bookings, recorded, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = bookings
        for booking in bookings:
            message = _("Enter a number from 0 to %(places)s for %(reference)s.") % {
                "places": booking.places,
                "reference": booking.reference,
            }
            self.fields[self.field_name(booking)] = forms.IntegerField(
                label=_("Number attended for %(reference)s") % {"reference": booking.reference},
                required=False,
                min_value=0,
                max_value=booking.places,
                initial=recorded.get(booking.pk),
                error_messages={"invalid": message, "min_value": message, "max_value": message},
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "style": "max-width: 6em"}),
            )

    @staticmethod
    def field_name(booking):
        return f"attended_{booking.pk}"

    def rows(self):
        return [(booking, self[self.field_name(booking)]) for booking in self.bookings]

    def counts(self):
        """{booking: number attended} for the bookings given a number."""
        counts = {}
        for booking in self.bookings:
            attended = self.cleaned_data.get(self.field_name(booking))
            if attended is not None:
                counts[booking] = attended
        return counts
