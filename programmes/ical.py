"""iCalendar (RFC 5545) files of sessions: a programme's feed, and a booking's attachment."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vText

from .models import Session

FEED_HISTORY = timedelta(days=365)


def programme_calendar(programme, request, now=None):
    now = now or timezone.now()
    sessions = (
        Session.objects.filter(run__programme=programme, end__gte=now - FEED_HISTORY)
        .select_related("run")
        .order_by("start", "pk")
    )
    page_url = request.build_absolute_uri(programme.get_url(request))
    return sessions_calendar(programme, sessions, host=request.get_host().split(":")[0], url=page_url, now=now)


def sessions_calendar(programme, sessions, *, host, url="", now=None, cancelled=(), all_cancelled=False):
    """The sessions as events, each with the UID it always has and its SEQUENCE, so a calendar that imported an
    earlier copy replaces the events. ``cancelled``: sessions no longer on the run (objects or snapshots with the
    same attributes), and with ``all_cancelled`` every session, sent as STATUS:CANCELLED events.
    """
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Local Focus Hub//Hub Portal//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", programme.title)
    for session in sessions:
        calendar.add_component(_session_event(session, programme, host, url, now, cancelled=all_cancelled))
    for session in cancelled:
        calendar.add_component(_session_event(session, programme, host, url, now, cancelled=True))
    return calendar.to_ical()


def _session_event(session, programme, host, url, now, cancelled=False):
    event = Event()
    event.add("uid", f"session-{session.pk}@{host}")
    event.add("sequence", getattr(session, "sequence", 0))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("dtstamp", now)
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    name = f"{programme.title}: {session.run.title}"
    event.add("summary", f"{name} – {session.title}" if session.title else name)
    location = ", ".join(part for part in (session.venue, session.venue_address) if part)
    event["location"] = vText(location)
    event.add("description", programme.summary)
    if url:
        event.add("url", url)
    return event
