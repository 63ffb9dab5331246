"""The public pages' gate: a booking's manage pages are reached only by the token in its private link."""

from functools import wraps

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from bookings.models import Booking
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
        else:
            response = view(request, booking, token, *args, **kwargs)
        response["Referrer-Policy"] = PRIVATE_REFERRER_POLICY
        return response

    return never_cache(wrapper)


def _booking_for_token(token):
    bookings = Booking.objects.select_related("run__programme").filter(anonymised_at__isnull=True)
    return find_by_token(bookings, "manage_token_hash", token)
