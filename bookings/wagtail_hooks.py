from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from bookings.figures import booking_figures
from bookings.retention import anonymise_past_bookings
from portal.dashboard import add_panels
from portal.models import HubLogEntry
from programmes.models import Run

from .admin import panels as admin_panels
from .admin import urls as admin_urls
from .admin.menu import BookingsMenu
from .models import Booking


@hooks.register("register_log_actions")
def register_booking_actions(actions):
    actions.register_model(Run, HubLogEntry)
    actions.register_model(Booking, HubLogEntry)
    actions.register_action("bookings.cancel", _("Cancel booking"), _("Booking cancelled"))
    actions.register_action("bookings.change_places", _("Change places"), _("Booking places changed"))
    actions.register_action("bookings.confirm", _("Confirm booking"), _("Booking confirmed"))
    actions.register_action("bookings.decline", _("Decline booking"), _("Booking declined"))
    actions.register_action("bookings.offer", _("Offer place"), _("Place offered from the waiting list"))
    actions.register_action("bookings.accept_offer", _("Accept offer"), _("Offered place accepted"))
    actions.register_action("bookings.offer_expired", _("Offer expired"), _("Offer not accepted in time"))
    actions.register_action("bookings.allocate", _("Allocate places"), _("Places allocated after the booking window"))
    actions.register_action("bookings.attendance", _("Record attendance"), _("Attendance recorded"))
    actions.register_action("bookings.run_changed", _("Change the run"), _("Run changed; the people booked are told"))
    actions.register_action("bookings.cancel_run", _("Cancel the run"), _("Run cancelled"))
    actions.register_action("bookings.run_cancelled", _("Cancel with the run"), _("Booking cancelled with its run"))
    actions.register_action("bookings.change_details", _("Change details"), _("Booking details changed"))
    actions.register_action("bookings.change_capacity", _("Change the run's places"), _("Places on the run changed"))


modeladmin_register(BookingsMenu)


@hooks.register("register_admin_urls")
def register_booking_admin_urls():
    return [path("bookings/", include((admin_urls, "bookings_admin"), namespace="bookings_admin"))]


@hooks.register("register_retention_steps")
def retention_steps():
    return [("bookings anonymised", anonymise_past_bookings)]


@hooks.register("register_hub_figure_sections")
def hub_figure_sections():
    return [booking_figures]


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    add_panels(request, panels, admin_panels.PANELS)
