from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from directory.casereviews.public import urls as casereview_urls
from directory.partners.partner import urls as partner_urls
from directory.referrals.partner import urls as referral_partner_urls
from directory.tasking.partner import urls as tasking_partner_urls
from home import views as home_views
from portal.exports import admin_export_urlpatterns
from programmes.public import views as programme_views

# A database that is locked or unreachable outside a view (saving the session, in a middleware) still gets the
# "try again" page.
handler400 = "portal.unavailable.bad_request"
handler500 = "portal.unavailable.server_error"

urlpatterns = [
    # Before Wagtail's admin: its own export views, made safe, at their own addresses.
    path("admin/", include(admin_export_urlpatterns())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("search/", home_views.search, name="search"),
    path("directory/", include("directory.public.urls")),
    # The partner dashboard, the partner referral pages and the partner tasking pages share one address and one
    # namespace.
    path(
        "partners/",
        include(
            (
                partner_urls.urlpatterns + referral_partner_urls.urlpatterns + tasking_partner_urls.urlpatterns,
                "partners",
            )
        ),
    ),
    path("api/oruk/", include("directory.api.urls")),
    # Before the report journey, whose question pages take any slug under /report/.
    path("report/case-review/", include("directory.casereviews.public.urls")),
    path("report/", include("directory.referrals.public.urls")),
    path("you-said-we-did/", include((casereview_urls.figures_urlpatterns, "residents"))),
    path("", include("bookings.public.urls")),
    path("programmes/calendar/<id:pk>.ics", programme_views.programme_ical, name="programme_ical"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
