"""What the booker is sent, and when. Emails go to the booking's own contact and never to staff with
personal details; they are queued in the caller's transaction (portal.outbox) and sent after commit.

The email a new booking sends (``booking_received``) is queued under the run lock, so it is queued unrendered
(``portal.outbox.queue_email_later``: the booking's id, the template its status chose, its link's token and its
place on the waiting list) and the worker renders it (``render_received``) before sending."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import ordinal
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.hubs import hub_for_site, hub_of_page
from portal.outbox import queue_email, queue_email_later
from portal.site import absolute_url
from programmes.ical import sessions_calendar

from .models import Booking, BookingLink


def manage_url(token, hub=None):
    """The booking's private link, on its own hub's site."""
    return absolute_url(reverse("bookings:manage", args=[token]), hub=hub)


def hub_of_booking(booking):
    """The hub whose page tree holds the booking's programme: its emails come from that hub and link to its site.

    Found from Wagtail's cached site root paths and the cached hub of a site, so an email costs no query for it
    once the caches are warm; ``hub_of_page`` (a query) when no site root holds the page.
    """
    programme = booking.run.programme
    roots = [root for root in Site.get_site_root_paths() if programme.url_path.startswith(root.root_path)]
    if roots:
        site_id = max(roots, key=lambda root: len(root.root_path)).site_id
        hub = hub_for_site(Site(pk=site_id))
        if hub is not None:
            return hub
    return hub_of_page(programme)


def _context(booking, hub, token):
    """What every booking email shows: the booking, its run and programme, and its private link when given."""
    return {
        "booking": booking,
        "run": booking.run,
        "programme": booking.run.programme,
        "manage_url": manage_url(token, hub=hub) if token else None,
    }


def _send(booking, template, token=None, attachment=None, dedupe_key=None, extra=None):
    hub = hub_of_booking(booking)
    context = _context(booking, hub, token) | (extra or {})
    queue_email(
        to=booking.contact_email,
        template=template,
        context=context,
        attachment=attachment,
        dedupe_key=dedupe_key,
        hub=hub,
    )


def _calendar(booking):
    run = booking.run
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    content = sessions_calendar(run.programme, run.sessions.order_by("start").select_related("run"), host=host)
    return (f"{booking.reference}.ics", content.decode(), "text/calendar")


RECEIVED_TEMPLATES = {
    "confirmed": "booking_confirmed",
    "pending": "booking_pending",
    "waitlisted": "booking_waitlisted",
    "requested": "booking_requested",
}


def booking_received(booking, token, position=None):
    """Queue the new booking's email as its status says, without a query or a template: the caller holds the run
    lock. ``position``: a waiting booking's place on the list, told in its email when known."""
    queue_email_later(
        to=booking.contact_email,
        template=RECEIVED_TEMPLATES[booking.status],
        renderer="bookings.notifications.render_received",
        arguments={
            "booking_id": booking.pk,
            "template": RECEIVED_TEMPLATES[booking.status],
            "token": token,
            "position": position,
        },
    )


def render_received(*, booking_id, template, token, position=None):
    """What ``booking_received`` queued, for the worker to render: the email of the status the booking had when
    it was made, with its calendar when confirmed."""
    booking = Booking.objects.select_related("run__programme").get(pk=booking_id)
    hub = hub_of_booking(booking)
    context = _context(booking, hub, token)
    if position:
        context["position_text"] = waiting_position_text(position)
    attachment = _calendar(booking) if template == "booking_confirmed" else None
    return {"template": template, "context": context, "attachment": attachment, "hub": hub}


def booking_confirmed(booking):
    _send(booking, "booking_confirmed", attachment=_calendar(booking))


def booking_declined(booking):
    _send(booking, "booking_declined")


def booking_cancelled(booking):
    _send(booking, "booking_cancelled")


def booking_changed(booking):
    _send(booking, "booking_changed")


def place_offered(booking, token, allocated=False):
    """``allocated``: offered by the allocation after the booking window, not because places became free."""
    _send(booking, "place_offered", token=token, extra={"allocated": allocated})


def allocation_waiting(booking, token, position):
    _send(booking, "allocation_waiting", token=token, extra={"position_text": waiting_position_text(position)})


def waiting_position_text(position):
    """ "2nd on the waiting list for this cohort"."""
    return _("%(ordinal)s on the waiting list for this cohort") % {"ordinal": ordinal(position)}


def offer_accepted(booking):
    template = "booking_confirmed" if booking.status == "confirmed" else "booking_pending"
    _send(booking, template, attachment=_calendar(booking) if booking.status == "confirmed" else None)


def offer_expired(booking, passed_on):
    """``passed_on``: whether the places went to bookings waiting (otherwise they are free for anyone to book)."""
    _send(booking, "offer_expired", extra={"passed_on": passed_on})


def booking_reminder(booking):
    _send(booking, "booking_reminder", attachment=_calendar(booking), dedupe_key=f"booking-reminder:{booking.pk}")


# Changes to the run after booking (bookings.changes): one email per booking, with a calendar file that replaces the
# events sent before (the same UIDs, a higher SEQUENCE; sessions no longer on the run, or all of a cancelled run's,
# as CANCELLED events).


def booking_calendar(booking, *, cancelled=(), all_cancelled=False):
    """The booking's sessions as an iCalendar file: (filename, text, mimetype)."""
    run = booking.run
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    sessions = run.sessions.order_by("start", "pk").select_related("run")
    content = sessions_calendar(run.programme, sessions, host=host, cancelled=cancelled, all_cancelled=all_cancelled)
    return (f"{booking.reference}.ics", content.decode(), "text/calendar")


def run_changed(booking, changes, cancelled_sessions):
    hub = hub_of_booking(booking)
    context = {
        "booking": booking,
        "run": booking.run,
        "programme": booking.run.programme,
        "changes": changes,
        "manage_url": manage_url(BookingLink.issue(booking), hub=hub),
    }
    queue_email(
        to=booking.contact_email,
        template="run_changed",
        context=context,
        attachment=booking_calendar(booking, cancelled=cancelled_sessions),
        hub=hub,
    )


def run_cancelled(booking):
    hub = hub_of_booking(booking)
    context = {"booking": booking, "run": booking.run, "programme": booking.run.programme}
    queue_email(
        to=booking.contact_email,
        template="run_cancelled",
        context=context,
        attachment=booking_calendar(booking, all_cancelled=True),
        hub=hub,
    )


def details_changed(booking, fields, old_email):
    """Which details changed (their names, never their values), to the booking's address and to the old one."""
    hub = hub_of_booking(booking)
    labels = [str(Booking._meta.get_field(name).verbose_name) for name in fields]
    context = {"booking": booking, "run": booking.run, "programme": booking.run.programme, "changed": labels}
    for to in dict.fromkeys([booking.contact_email, old_email]):
        queue_email(to=to, template="booking_details_changed", context=context, hub=hub)
