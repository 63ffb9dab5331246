"""The public pages' gate: a booking's manage pages are reached only by the token in its private link, on the site
of the booking's own hub."""

from functools import wraps

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from bookings.models import Booking, BookingLink
from portal.hubs import hub_for_request, hub_of_page
from portal.site import absolute_url
from portal.tokens import find_by_token

# Never send the URL (it holds the token) as a referrer: only the origin. Not "no-referrer": with it browsers
# send "Origin: null" on the page's own form POSTs, which Django's CSRF check rightly refuses.
PRIVATE_REFERRER_POLICY = "strict-origin"


def private_link(view):
    """Manage pages: found by the token in the URL, never cached, and never sending the URL on as a referrer."""

    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        booking = _booking_for_token(token)
        if booking is None:
            response = render(request, "bookings/manage_not_found.html", status=404)
        elif (elsewhere := _hub_elsewhere(request, booking)) is not None:
            response = _to_own_site(request, elsewhere, token)
        else:
            response = view(request, booking, token, *args, **kwargs)
        response["Referrer-Policy"] = PRIVATE_REFERRER_POLICY
        return response

    return never_cache(wrapper)


def _hub_elsewhere(request, booking):
    """The booking's own hub when the request came to another hub's site; None when it is on its own site."""
    here = hub_for_request(request)
    if here is None or booking.run.programme.path.startswith(here.site.root_page.path):
        return None
    return hub_of_page(booking.run.programme)


def _to_own_site(request, hub, token):
    """A private link followed on another hub's site goes to the same page on the booking's own hub's site (the
    hub's name, contact details and pages are that hub's). A form posted there changes nothing: it goes to the
    manage page, where the booker can do it again."""
    path = request.path if request.method in ("GET", "HEAD") else reverse("bookings:manage", args=[token])
    return redirect(absolute_url(path, hub=hub))


def _booking_for_token(token):
    """The booking whose first link or any later one (an offer's) carries ``token``: every link sent keeps working."""
    bookings = Booking.objects.select_related("run__programme").filter(anonymised_at__isnull=True)
    booking = find_by_token(bookings, "manage_token_hash", token)
    if booking is None:
        links = BookingLink.objects.select_related("booking__run__programme").filter(booking__in=bookings)
        link = find_by_token(links, "token_hash", token)
        booking = link.booking if link is not None else None
    return booking
