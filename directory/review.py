"""Where hub staff review a partner's draft: Wagtail's revision comparison of the live entry with the latest draft.

An entry that was never published has nothing live to compare with, so its review starts on the edit page.
"""

from django.contrib.admin.utils import quote
from django.urls import reverse


def review_path(entry):
    """The admin path that shows ``entry``'s waiting changes: live against latest, field by field."""
    viewset = entry.snippet_viewset
    if entry.live:
        return reverse(viewset.get_url_name("revisions_compare"), args=[quote(entry.pk), "live", "latest"])
    return reverse(viewset.get_url_name("edit"), args=[quote(entry.pk)])
