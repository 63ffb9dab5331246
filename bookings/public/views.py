"""Public booking pages (no account) and manage-by-link. Thin: form -> service -> redirect."""

from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from bookings.changes import BOOKER_EDITABLE, change_booking_details
from bookings.choices import ACCEPT_OFFER, ACTIVE_STATUSES, CANCEL, CHANGE_PLACES, Actor, allowed
from bookings.errors import BookingError, NotEnoughPlaces
from bookings.models import HEALTH_FIELDS, Booking
from bookings.notifications import booking_calendar
from bookings.services import accept_offer, book_places, cancel_booking, change_places, free_places
from bookings.waiting import book_part_and_wait
from portal.forms import HONEYPOT_FIELD
from portal.journeys.pages import JourneyPages, submit_once
from portal.ratelimit import HourlyLimit
from programmes.choices import BookingMode, BookingWindow

from .access import private_link
from .forms import AcceptOfferForm, CancelBookingForm, ChangePlacesForm, details_form
from .history import booking_history
from .journey import CONFIRMATION_KEY, Journey, load_run, public_url
from .waiting import waiting_context
from .waiting_forms import SPLIT

SUBMISSIONS = HourlyLimit("bookings", "BOOKING_RATE_LIMIT")


def bookable(view):
    """Load the run (404 if unknown or not public), refuse a filled honeypot, and answer a run that cannot be
    booked with the reason instead of a form (on GET and POST alike)."""

    @wraps(view)
    def wrapper(request, run_id, *args, **kwargs):
        run = load_run(request, run_id)
        if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
            return HttpResponseBadRequest(
                _("Your answers could not be sent."), content_type="text/plain; charset=utf-8"
            )
        journey = Journey(request.session, run)
        status = run.booking_status()
        if status != BookingWindow.OPEN:
            journey.clear()
            context = {"run": run, "status": status, "finished": bool(run.ends_at and run.ends_at < timezone.now())}
            return render(request, "bookings/closed.html", context, status=200 if request.method == "GET" else 409)
        return view(request, journey, *args, **kwargs)

    return wrapper


def booking_service(run, places, when_full):
    """The service that makes the booking the answers ask for, with its arguments besides the run, the details and
    the submission key: the places left held and the rest waiting (``SPLIT``), or every place (held if free)."""
    if when_full == SPLIT:
        now = run.places_left
        return book_part_and_wait, {"places": now, "waiting_places": places - now}
    return book_places, {"kind": run.booking_mode, "places": places}


class BookingPages(JourneyPages):
    check_template = "bookings/check_answers.html"
    rate_limited_template = "bookings/rate_limited.html"
    confirmation_url = reverse_lazy("bookings:confirmation")

    def context(self):
        return {"run": self.journey.run}

    def submit(self, form, answered):
        """Book holding one of the address's submissions this hour; a repeat of a booking already made gives it back."""
        run = self.journey.run
        details = self.journey.details(answered)
        places = details.pop("places", 1)
        service, arguments = booking_service(run, places, details.pop("when_full", ""))
        try:
            booking, _token = submit_once(
                self.request,
                SUBMISSIONS,
                service,
                submission_key=form.cleaned_data["submission_key"],
                run_id=run.pk,
                details=details,
                **arguments,
            )
        except BookingError as error:
            form.add_error(None, error.message)
            return None
        self.journey.finish(booking)
        return redirect(self.confirmation_url)


@never_cache
@require_http_methods(["GET", "POST"])
@bookable
def question(request, journey, step=""):
    return BookingPages(request, journey).question(step)


@never_cache
@require_http_methods(["GET", "POST"])
@bookable
def check_answers(request, journey):
    return BookingPages(request, journey).check_answers()


@never_cache
def confirmation(request):
    booking_id = request.session.get(CONFIRMATION_KEY)
    booking = Booking.objects.select_related("run__programme").filter(pk=booking_id).first() if booking_id else None
    if booking is None:
        raise Http404
    context = {
        "booking": booking,
        "run": booking.run,
        "programme_url": public_url(request, booking.run.programme),
        "waiting_parts": list(booking.waiting_parts.all()),
    }
    return render(request, "bookings/confirmation.html", context)


def _posted(request):
    return request.POST if request.method == "POST" else None


@private_link
@require_http_methods(["GET"])
def manage(request, booking, token):
    return _render_manage(request, booking, token)


@private_link
@require_POST
def manage_places(request, booking, token):
    form = ChangePlacesForm(request.POST, booking=booking)
    if form.is_valid():
        try:
            change_places(booking_id=booking.pk, places=form.cleaned_data["places"])
        except BookingError as error:
            form.add_error(
                "places", _not_enough_message(booking) if isinstance(error, NotEnoughPlaces) else error.message
            )
        else:
            places = form.cleaned_data["places"]
            message = ngettext(
                "Your booking now has %(places)s place.", "Your booking now has %(places)s places.", places
            )
            messages.success(request, message % {"places": places})
            return redirect("bookings:manage", token)
    return _render_manage(request, booking, token, places_form=form)


@private_link
@require_http_methods(["GET", "POST"])
def manage_cancel(request, booking, token):
    if not allowed(CANCEL, booking.status, Actor.BOOKER):
        return redirect("bookings:manage", token)
    form = CancelBookingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] != "yes":
            return redirect("bookings:manage", token)
        try:
            cancel_booking(booking_id=booking.pk)
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your booking has been cancelled."))
            return redirect("bookings:manage", token)
    context = {"booking": booking, "run": booking.run, "form": form, "token": token}
    return render(request, "bookings/manage_cancel.html", context)


@private_link
@require_POST
def manage_accept(request, booking, token):
    form = AcceptOfferForm(request.POST)
    try:
        accept_offer(booking_id=booking.pk)
    except BookingError as error:
        form.add_error(None, error.message)
        booking.refresh_from_db()
        return _render_manage(request, booking, token, accept_form=form)
    messages.success(request, _("You have accepted the place."))
    return redirect("bookings:manage", token)


def _render_manage(request, booking, token, places_form=None, accept_form=None):
    run = booking.run
    can_change = booking.kind == BookingMode.SCHOOL and allowed(CHANGE_PLACES, booking.status, Actor.BOOKER)
    can_accept = allowed(ACCEPT_OFFER, booking.status, Actor.BOOKER)
    most = _most_places(booking) if can_change else None
    if can_change and places_form is None:
        places_form = ChangePlacesForm(initial={"places": booking.places}, booking=booking)
    offer_expired = can_accept and booking.offer_expires_at <= timezone.now()
    context = {
        "booking": booking,
        "run": run,
        "programme": run.programme,
        "sessions": list(run.sessions.order_by("start", "pk")),
        "token": token,
        "places_form": places_form,
        "most_places": most,
        "accept_form": accept_form,
        "error_form": next((form for form in (places_form, accept_form) if form is not None and form.errors), None),
        "offer_expired": offer_expired,
        "can_accept": can_accept,
        "can_cancel": allowed(CANCEL, booking.status, Actor.BOOKER),
        **_after_booking(booking),
        **waiting_context(booking),
    }
    return render(request, "bookings/manage.html", context)


def _most_places(booking):
    run = booking.run
    most = run.per_school_cap or run.capacity
    if booking.holds_places:
        most = min(most, booking.places + free_places(run))
    return most


def _not_enough_message(booking):
    return _("There are not enough free places for that. You can have up to %(most)s places.") % {
        "most": _most_places(booking)
    }


# After booking: the calendar, the booker's own details and the booking's history (issue 14).


def _after_booking(booking):
    return {
        "history": booking_history(booking),
        "can_change_details": booking.status in ACTIVE_STATUSES,
        "details_rows": _details_rows(booking),
    }


def _details_rows(booking):
    """The details the booker may change, as shown back to them: health details only say whether there are any."""
    rows = []
    for name in BOOKER_EDITABLE[booking.kind]:
        label = Booking._meta.get_field(name).verbose_name
        value = getattr(booking, name)
        if name in HEALTH_FIELDS:
            value = _("Given (not shown, to keep it private)") if value else _("None given")
        rows.append({"label": label, "value": value})
    return rows


@private_link
@require_http_methods(["GET"])
def manage_calendar(request, booking, token):
    """The booking's sessions as they are now; every event cancelled once the booking or its run is."""
    name, content, mimetype = booking_calendar(booking, all_cancelled=booking.status not in ACTIVE_STATUSES)
    response = HttpResponse(content, content_type=f"{mimetype}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@private_link
@require_http_methods(["GET", "POST"])
def manage_details(request, booking, token):
    if booking.status not in ACTIVE_STATUSES:
        return redirect("bookings:manage", token)
    form = details_form(booking, _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            changed = change_booking_details(booking_id=booking.pk, details=form.details())
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your details have been changed.") if changed else _("Nothing was changed."))
            return redirect("bookings:manage", token)
    context = {"booking": booking, "run": booking.run, "form": form, "token": token}
    return render(request, "bookings/manage_details.html", context)
