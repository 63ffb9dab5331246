"""What in the bookings needs staff's attention soon: offers about to run out, runs nearly full, bookings
waiting for approval. The dashboard counts these and the runs and bookings listings filter by them, so a figure
and the listing it links to always agree."""

from datetime import timedelta

from django.contrib.admin import SimpleListFilter
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bookings.choices import HELD_STATUSES, BookingStatus

OFFER_WARNING = timedelta(hours=24)
# A run is nearly full when at least this share of its places is held (pending, confirmed or offered).
NEARLY_FULL_PERCENT = 90


def offer_expiring_q(now, prefix=""):
    """Offered places whose offer runs out within the next 24 hours (``prefix`` leads from runs to bookings)."""
    return Q(
        **{
            f"{prefix}status": BookingStatus.OFFERED,
            f"{prefix}offer_expires_at__gt": now,
            f"{prefix}offer_expires_at__lte": now + OFFER_WARNING,
        }
    )


def offers_expiring(bookings, now=None):
    return bookings.filter(offer_expiring_q(now or timezone.now()))


def with_places(runs, now=None):
    """``runs`` with ``held`` (places held by bookings), ``pending`` (bookings awaiting approval) and ``expiring``
    (offers running out within 24 hours)."""
    return runs.annotate(
        held=Coalesce(Sum("bookings__places", filter=Q(bookings__status__in=HELD_STATUSES)), 0),
        pending=Count("bookings", filter=Q(bookings__status=BookingStatus.PENDING)),
        expiring=Count("bookings", filter=offer_expiring_q(now or timezone.now(), prefix="bookings__")),
    )


def nearly_full_q(now):
    """Still taking bookings (or not yet open) and at least NEARLY_FULL_PERCENT of the places held."""
    return Q(booking_closes__gt=now, held__gte=F("capacity") * NEARLY_FULL_PERCENT / 100.0)


def pending_q():
    return Q(pending__gt=0)


def is_nearly_full(run, now):
    return run.booking_closes > now and run.held * 100 >= run.capacity * NEARLY_FULL_PERCENT


class RunAttentionFilter(SimpleListFilter):
    title = _("needs attention")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [
            ("nearly_full", _("Nearly full (%(percent)s%% of places held)") % {"percent": NEARLY_FULL_PERCENT}),
            ("pending", _("Bookings awaiting approval")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "nearly_full":
            return with_places(queryset).filter(nearly_full_q(timezone.now()))
        if self.value() == "pending":
            return with_places(queryset).filter(pending_q())
        return queryset


class OfferExpiringFilter(SimpleListFilter):
    title = _("offer")
    parameter_name = "offer"

    def lookups(self, request, model_admin):
        return [("expiring", _("Expires within 24 hours"))]

    def queryset(self, request, queryset):
        if self.value() == "expiring":
            return offers_expiring(queryset)
        return queryset
