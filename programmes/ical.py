"""The iCalendar (RFC 5545) feed of a programme's sessions."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vText

from .models import Session

FEED_HISTORY = timedelta(days=365)


def programme_calendar(programme, request, now=None):
    now = now or timezone.now()
    host = request.get_host().split(":")[0]
    page_url = request.build_absolute_uri(programme.get_url(request))
    calendar = Calendar()
    calendar.add("prodid", "-//Local Focus Hub//Hub Portal//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", programme.title)
    sessions = (
        Session.objects.filter(run__programme=programme, end__gte=now - FEED_HISTORY)
        .select_related("run")
        .order_by("start", "pk")
    )
    for session in sessions:
        calendar.add_component(_session_event(session, programme, host, page_url, now))
    return calendar.to_ical()


def _session_event(session, programme, host, page_url, now):
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
    if page_url:
        event.add("url", page_url)
    return event
