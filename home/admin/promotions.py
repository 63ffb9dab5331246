"""Promoted search results, per hub.

Wagtail's screens (Settings › Promoted search results) list and save every promotion of a search term, whatever
site its page is on. Here a hub's editors see and change only the promotions of pages on their hubs' sites: the
list shows the terms they promote and only their own promotions of each; saving a term keeps other hubs'
promotions of it as they were; deleting removes only theirs; a page on another hub's site, or an external link
(the site search shows neither to that hub's residents), is refused with a message. Superusers keep Wagtail's
view of every promotion. The same URLs are served (registered before Wagtail's), so Wagtail's menu item and
links reach these views.
"""

from django import forms
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.urls import path
from django.utils.functional import cached_property
from wagtail.contrib.search_promotions import views as wagtail_views
from wagtail.contrib.search_promotions.forms import SearchPromotionsFormSet
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.log_actions import log

from portal.hubs import hubs_for, pages_q

OTHER_HUBS_PAGE = "Choose a page on your hub's own site: residents of another hub do not see it promoted."
EXTERNAL_LINK = "Promote a page on your hub's own site: only superusers can promote an external link."


def promotions_for(user):
    """The promotions ``user`` may see and change: every one for a superuser, else those of pages on their hubs'
    sites."""
    promotions = SearchPromotion.objects.all()
    if user.is_superuser:
        return promotions
    return promotions.filter(pages_q(hubs_for(user), prefix="page__"))


class HubPromotionsFormSet(SearchPromotionsFormSet):
    """Wagtail's formset over the user's own promotions of the term, refusing pages outside their hubs."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, queryset=promotions_for(user), **kwargs)

    def clean(self):
        super().clean()
        if self.user.is_superuser:
            return
        hubs = list(hubs_for(self.user).select_related("site__root_page"))
        for form in self.forms:
            if self._should_delete_form(form) or not hasattr(form, "cleaned_data"):
                continue
            page = form.cleaned_data.get("page")
            if page is None and form.cleaned_data.get("external_link_url"):
                form.add_error("external_link_url", EXTERNAL_LINK)
            elif page is not None and not any(page.path.startswith(hub.site.root_page.path) for hub in hubs):
                form.add_error("page", OTHER_HUBS_PAGE)
        if any(form.errors for form in self.forms):
            raise forms.ValidationError("Some promoted results cannot be saved: see the messages beside them.")


class IndexView(wagtail_views.IndexView):
    def get_base_queryset(self):
        own = promotions_for(self.request.user)
        return (
            super()
            .get_base_queryset()
            .filter(pk__in=own.values("query_id"))
            .prefetch_related(None)
            .prefetch_related(Prefetch("editors_picks", queryset=own.select_related("page").order_by("sort_order")))
        )


class HubFormsetMixin:
    @cached_property
    def searchpicks_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        return HubPromotionsFormSet(data, instance=self.object, user=self.request.user)


class CreateView(HubFormsetMixin, wagtail_views.CreateView):
    pass


class EditView(HubFormsetMixin, wagtail_views.EditView):
    pass


class DeleteView(wagtail_views.DeleteView):
    """Deletes the user's own promotions of the term; other hubs' stay."""

    def get_object(self, queryset=None):
        query = super().get_object(queryset)
        if not promotions_for(self.request.user).filter(query=query).exists():
            raise Http404
        return query

    def delete_action(self):
        own = promotions_for(self.request.user).filter(query=self.object)
        with transaction.atomic():
            for promotion in own:
                log(promotion, "wagtail.delete")
            own.delete()


def urls():
    """The paths of Wagtail's own screens (``/admin/searchpicks/…``), resolved here first."""
    return [
        path("searchpicks/", IndexView.as_view(), name="home_promotions_index"),
        path("searchpicks/results/", IndexView.as_view(results_only=True), name="home_promotions_results"),
        path("searchpicks/add/", CreateView.as_view(), name="home_promotions_add"),
        path("searchpicks/<int:query_id>/", EditView.as_view(), name="home_promotions_edit"),
        path("searchpicks/<int:query_id>/delete/", DeleteView.as_view(), name="home_promotions_delete"),
    ]
