"""``WAGTAILSEARCH_BACKENDS`` from the search settings (the settings import it: no models here)."""

from importlib.metadata import PackageNotFoundError, version

from django.core.exceptions import ImproperlyConfigured

SERVER_BACKENDS = ("elasticsearch9", "opensearch2", "opensearch3")
DATABASE_BACKEND = {"BACKEND": "portal.search.database"}
DEFAULT_RETRY_SECONDS = 30
INSTALL = {"2": "pip install 'opensearch-py>=2,<3'", "3": "pip install -c constraints.txt '.[opensearch]'"}


def wagtailsearch_backends(
    *, backend, urls, index_prefix, timeout, search_timeout=None, retry_seconds=DEFAULT_RETRY_SECONDS
):
    """Wagtail's database index alone, or a search server's (``backend``) with the database index kept beside it.

    The database index stays up to date so a search can fall back to it when the server fails (portal.search).
    ``index_prefix`` is prepended as it is to every index name on the server: only indexes with it are ever
    rebuilt or deleted. A request to the server may take ``timeout`` seconds, a search ``search_timeout`` at most
    (a web request is waiting for it); after the server fails a search, searches keep off it for ``retry_seconds``.
    Raises ImproperlyConfigured for an unknown backend, a server without URLs, an OpenSearch backend without the
    opensearch-py of its major version, or a time that is not positive.
    """
    if backend == "database":
        return {"default": DATABASE_BACKEND}
    if backend not in SERVER_BACKENDS:
        choices = ", ".join(("database", *SERVER_BACKENDS))
        raise ImproperlyConfigured(f"SEARCH_BACKEND must be one of {choices}, not {backend!r}.")
    if not urls:
        raise ImproperlyConfigured(f"SEARCH_BACKEND={backend} needs SEARCH_URL.")
    if backend.startswith("opensearch"):
        check_opensearch_client(backend)
    check_positive(SEARCH_TIMEOUT=timeout, SEARCH_QUERY_TIMEOUT=search_timeout, SEARCH_RETRY_SECONDS=retry_seconds)
    server = {
        "BACKEND": f"portal.search.{backend}",
        "URLS": list(urls),
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "RETRY_SECONDS": retry_seconds,
        # Handed to the client (portal.search's Client classes), which applies it to searches only.
        "OPTIONS": {"search_timeout": min(search_timeout or timeout, timeout)},
        "INDEX_SETTINGS": {},
    }
    return {"default": server, "database": DATABASE_BACKEND}


def check_positive(**seconds):
    for name, value in seconds.items():
        if value is not None and value <= 0:
            raise ImproperlyConfigured(f"{name} must be a positive number of seconds, not {value}.")


def check_opensearch_client(backend):
    """Wagtail's opensearch2 backend calls opensearch-py 2's API, which opensearch-py 3 removed; opensearch3 needs 3."""
    major = backend.removeprefix("opensearch")
    try:
        installed = version("opensearch-py")
    except PackageNotFoundError:
        installed = None
    if installed is None or installed.split(".")[0] != major:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={backend} needs opensearch-py {major}.x, not {installed or 'none'}: {INSTALL[major]}."
        )
