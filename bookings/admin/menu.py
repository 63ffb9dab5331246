"""The admin menu's Bookings group: the runs and their bookings, side by side."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdminGroup

from .bookings import BookingAdmin
from .runs import RunAdmin


class BookingsMenu(ModelAdminGroup):
    menu_label = _("Bookings")
    menu_icon = "clipboard-list"
    menu_order = 210
    items = (RunAdmin, BookingAdmin)
