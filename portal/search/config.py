"""``WAGTAILSEARCH_BACKENDS`` from the search settings (the settings import it: no models here)."""

from importlib.util import find_spec

from django.core.exceptions import ImproperlyConfigured

SERVER_BACKENDS = ("elasticsearch9", "opensearch2", "opensearch3")
DATABASE_BACKEND = {"BACKEND": "wagtail.search.backends.database"}


def wagtailsearch_backends(*, backend, urls, index_prefix, timeout):
    """Wagtail's database index alone, or a search server's (``backend``) with the database index kept beside it.

    The database index stays up to date so a search can fall back to it when the server fails (portal.search).
    ``index_prefix`` is prepended as it is to every index name on the server: only indexes with it are ever
    rebuilt or deleted. Raises ImproperlyConfigured for an unknown backend, a server without URLs, or an OpenSearch
    backend without opensearch-py.
    """
    if backend == "database":
        return {"default": DATABASE_BACKEND}
    if backend not in SERVER_BACKENDS:
        choices = ", ".join(("database", *SERVER_BACKENDS))
        raise ImproperlyConfigured(f"SEARCH_BACKEND must be one of {choices}, not {backend!r}.")
    if not urls:
        raise ImproperlyConfigured(f"SEARCH_BACKEND={backend} needs SEARCH_URL.")
    if backend.startswith("opensearch") and find_spec("opensearchpy") is None:
        raise ImproperlyConfigured(f"SEARCH_BACKEND={backend} needs opensearch-py: pip install '.[opensearch]'.")
    server = {
        "BACKEND": f"portal.search.{backend}",
        "URLS": list(urls),
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }
    return {"default": server, "database": DATABASE_BACKEND}
