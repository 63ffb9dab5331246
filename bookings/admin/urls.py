"""The bookings screens beyond the modeladmin listings, under /admin/bookings/ (namespace ``bookings_admin``)."""

from django.urls import path

from . import views
from .allocation import AllocationView

urlpatterns = [
    *(
        path(f"actions/<id:booking_id>/{name}/", views.booking_action, {"action": name}, name=name)
        for name in views.STAFF_ACTIONS
    ),
    path("runs/", views.RunPlacesView.as_view(), name="runs"),
    path("runs/<id:run_id>/", views.RunSummaryView.as_view(), name="run"),
    path("runs/<id:run_id>/cancel/", views.CancelRunView.as_view(), name="cancel_run"),
    path("runs/<id:run_id>/allocation/", AllocationView.as_view(), name="allocation"),
    path("sessions/<id:session_id>/register/", views.RegisterView.as_view(), name="register"),
    path("sessions/<id:session_id>/register/print/", views.PrintableRegisterView.as_view(), name="register_print"),
]
