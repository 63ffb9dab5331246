"""The sections of the hub's figures page, collected from the apps.

An app adds its section from its ``wagtail_hooks.py``::

    @hooks.register("register_hub_figure_sections")
    def hub_figure_sections():
        return [booking_figures]

A section is a function of the period and the hubs, called with the keywords ``start`` (an aware datetime, the
first moment counted), ``today`` (a date) and ``hubs`` (the hubs counted: a sequence of ``portal.Hub``; it must
count nothing outside them); it returns a dict of its figures by name, each name unique across sections.
"""

from wagtail import hooks

HOOK = "register_hub_figure_sections"


def hub_figure_sections():
    """Every registered section, in the order the apps' hooks were loaded."""
    return [section for app_sections in hooks.get_hooks(HOOK) for section in app_sections()]


def section_figures(*, start, today, hubs):
    """Every section's figures for the period over ``hubs``, in one dict."""
    figures = {}
    for section in hub_figure_sections():
        figures.update(section(start=start, today=today, hubs=hubs))
    return figures
