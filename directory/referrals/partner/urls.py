"""Partner referral pages, mounted under /partners/ in the partners URL namespace."""

from django.urls import path

from . import views as partner_views

urlpatterns = [
    path("referrals/", partner_views.referral_list, name="referrals"),
    path("referrals/new/", partner_views.refer, name="refer"),
    path("referrals/sent/", partner_views.referral_sent, name="referral_sent"),
    path("referrals/actions/<id:action_id>/", partner_views.update_action, name="update_action"),
]
