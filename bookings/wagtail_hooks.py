from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_booking_actions(actions):
    actions.register_action("bookings.cancel", _("Cancel booking"), _("Booking cancelled"))
    actions.register_action("bookings.change_places", _("Change places"), _("Booking places changed"))
    actions.register_action("bookings.confirm", _("Confirm booking"), _("Booking confirmed"))
    actions.register_action("bookings.decline", _("Decline booking"), _("Booking declined"))
    actions.register_action("bookings.offer", _("Offer place"), _("Place offered from the waiting list"))
    actions.register_action("bookings.accept_offer", _("Accept offer"), _("Offered place accepted"))
    actions.register_action("bookings.offer_expired", _("Offer expired"), _("Offer expired and passed on"))
