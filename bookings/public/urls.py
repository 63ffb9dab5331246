from django.urls import path

from . import views

app_name = "bookings"

urlpatterns = [
    path("book/confirmation/", views.confirmation, name="confirmation"),
    path("book/<id:run_id>/", views.question, name="start"),
    path("book/<id:run_id>/check/", views.check_answers, name="check"),
    path("book/<id:run_id>/<slug:step>/", views.question, name="question"),
    path("bookings/manage/<str:token>/", views.manage, name="manage"),
    path("bookings/manage/<str:token>/places/", views.manage_places, name="manage_places"),
    path("bookings/manage/<str:token>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("bookings/manage/<str:token>/accept/", views.manage_accept, name="manage_accept"),
    path("bookings/manage/<str:token>/details/", views.manage_details, name="manage_details"),
    path("bookings/manage/<str:token>/calendar.ics", views.manage_calendar, name="manage_calendar"),
]
