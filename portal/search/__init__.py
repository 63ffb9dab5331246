"""Wagtail search backends that fall back to the database when the search server fails.

Each module here is a Wagtail search backend (``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]``): Wagtail's own
backend of the same name whose searches answer from the database index when the server cannot; ``words`` splits
what people type into the words every search box looks for.
"""
