"""What the tasking screens share: the gate, the admin page frame, and one small form view per change."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.tasking.errors import TaskingError

from .access import require_tasking


class TaskingPage(WagtailAdminTemplateMixin):
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        require_tasking(request.user)
        self.load_objects()
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self):
        """Look up the objects in the URL through ``access`` (Http404 for another hub's)."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, *self.trail(), {"url": "", "label": self.get_page_title()}]

    def trail(self):
        return []


class TaskingTemplateView(TaskingPage, TemplateView):
    pass


class TaskingFormView(TaskingPage, FormView):
    """GET shows the form, POST hands it to ``perform`` (a service call); a domain error becomes a form error."""

    template_name = "tasking/admin/form.html"
    done = _("Saved.")

    def perform(self, form):
        raise NotImplementedError

    def back_url(self):
        raise NotImplementedError

    def get_success_url(self):
        return self.back_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(back_url=self.back_url(), **kwargs)

    def form_valid(self, form):
        try:
            self.perform(form)
        except TaskingError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, self.done)
        return redirect(self.get_success_url())
