"""What the manage page shows of a booking after it was made: its history, in the booker's words, from the audit
log (one query). Entries name what changed, never personal values."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bookings.models import Booking
from portal.models import HubLogEntry

SIMPLE = {
    "bookings.confirm": _("Booking confirmed"),
    "bookings.decline": _("Booking declined"),
    "bookings.cancel": _("Booking cancelled"),
    "bookings.offer": _("A place was offered"),
    "bookings.accept_offer": _("Offered place accepted"),
    "bookings.offer_expired": _("The offer ran out, so the place went back"),
    "bookings.run_cancelled": _("The hub cancelled the run, so this booking is cancelled"),
}


def booking_history(booking):
    """[{"when", "title", "lines"}], oldest first, starting with the booking being made."""
    history = [{"when": booking.created_at, "title": _("Booking made"), "lines": []}]
    entries = (
        HubLogEntry.objects.for_instance(booking).order_by("timestamp", "pk").values("action", "timestamp", "data")
    )
    for entry in entries:
        item = _describe(entry["action"], entry["data"] or {})
        if item is not None:
            history.append({"when": entry["timestamp"], **item})
    return history


def _describe(action, data):
    if action in SIMPLE:
        return {"title": SIMPLE[action], "lines": []}
    if action == "bookings.change_places":
        places = data.get("places", 0)
        title = ngettext("Changed to %(places)s place", "Changed to %(places)s places", places) % {"places": places}
        return {"title": title, "lines": []}
    if action == "bookings.run_changed":
        return {"title": _("The hub changed the run"), "lines": data.get("changes", [])}
    if action == "bookings.change_details":
        labels = [str(Booking._meta.get_field(name).verbose_name) for name in data.get("fields", [])]
        return {"title": _("Details changed"), "lines": [", ".join(labels).capitalize()]}
    return None
