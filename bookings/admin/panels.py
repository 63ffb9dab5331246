"""The bookings panel of the staff dashboard, for hub coordinators who may see bookings: offers running out,
runs nearly full and bookings awaiting approval, in the hubs the user works for. Each figure links to the runs
or bookings listing filtered to exactly those rows (``attention``). Run titles and counts only: no booker."""

from urllib.parse import urlencode

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bookings.choices import BookingStatus
from portal.dashboard import DashboardPanel, Line, Row, is_coordinator, shown_rows
from portal.hubs import hub_ids_for
from portal.models import Hub
from programmes.models import Run

from . import access, attention


def runs_in_hubs_q(user):
    """The runs ``access.runs_for(user)`` gives (a programme page in the tree of one of the user's hubs), asked in
    the same query as the rest (the hubs' root pages as a subquery), so the panel costs one query."""
    roots = (
        Hub.objects.filter(pk__in=hub_ids_for(user))
        .annotate(programme_path=ExpressionWrapper(OuterRef("programme__path"), output_field=CharField()))
        .filter(programme_path__startswith=F("site__root_page__path"))
    )
    return Exists(roots)


def _url(name, **params):
    url = reverse(name)
    return f"{url}?{urlencode(params)}" if params else url


def runs_url(**params):
    return _url("programmes_run_modeladmin_index", **params)


def bookings_url(**params):
    return _url("bookings_booking_modeladmin_index", **params)


class BookingsPanel(DashboardPanel):
    name = "bookings"
    heading = _("Bookings needing attention")
    order = 120

    @classmethod
    def is_shown_to(cls, user):
        return is_coordinator(user) and user.has_perm(access.VIEW_BOOKINGS)

    def get_lines(self, request):
        now = timezone.now()
        runs = list(
            attention.with_places(Run.objects.filter(runs_in_hubs_q(request.user)), now)
            .filter(attention.nearly_full_q(now) | attention.pending_q() | Q(expiring__gt=0))
            .select_related("programme")
            .only("pk", "title", "capacity", "booking_closes", "programme__title")
            .order_by("booking_opens", "pk")
        )
        expiring = sum(run.expiring for run in runs)
        nearly_full = [run for run in runs if attention.is_nearly_full(run, now)]
        pending = [run for run in runs if run.pending]
        full_rows, full_more = shown_rows(
            [
                Row(
                    label=f"{run.programme.title}: {run.title}",
                    url=reverse("programmes_run_modeladmin_inspect", args=[run.pk]),
                    detail=_("%(held)s of %(capacity)s places held") % {"held": run.held, "capacity": run.capacity},
                )
                for run in nearly_full
            ],
            len(nearly_full),
        )
        pending_rows, pending_more = shown_rows(
            [
                Row(
                    label=f"{run.programme.title}: {run.title}",
                    url=bookings_url(run=run.pk, status__exact=BookingStatus.PENDING),
                    detail=ngettext("%(count)s booking", "%(count)s bookings", run.pending) % {"count": run.pending},
                )
                for run in pending
            ],
            len(pending),
        )
        return [
            Line(_("Offers expiring in the next 24 hours"), expiring, bookings_url(offer="expiring")),
            Line(
                _("Runs nearly full"),
                len(nearly_full),
                runs_url(attention="nearly_full"),
                rows=full_rows,
                more=full_more,
            ),
            Line(
                _("Runs with bookings awaiting approval"),
                len(pending),
                runs_url(attention="pending"),
                rows=pending_rows,
                more=pending_more,
            ),
        ]


PANELS = (BookingsPanel,)
