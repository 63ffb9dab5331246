from django.urls import path

from . import views

app_name = "bookings"

urlpatterns = [
    path("bookings/manage/<str:token>/", views.manage, name="manage"),
]
