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


def sessions_calendar(programme, sessions, *, host, url="", now=None):
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Local Focus Hub//Hub Portal//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", programme.title)
    for session in sessions:
        calendar.add_component(_session_event(session, programme, host, url, now))
    return calendar.to_ical()


def _session_event(session, programme, host, url, now):
    event = Event()
    event.add("uid", f"session-{session.pk}@{host}")
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
