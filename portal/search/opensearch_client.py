"""The OpenSearch client of both OpenSearch backends (opensearch-py 2 or 3: the same call here)."""

from opensearchpy import OpenSearch


class Client(OpenSearch):
    """OpenSearch's client whose searches wait at most ``search_timeout`` seconds (a web request is waiting for
    them), while indexing keeps the client's ``timeout``."""

    def __init__(self, *args, search_timeout=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.search_timeout = search_timeout

    def _searching(self, kwargs):
        return {"request_timeout": self.search_timeout, **kwargs} if self.search_timeout else kwargs

    def search(self, *args, **kwargs):
        return super().search(*args, **self._searching(kwargs))

    def count(self, *args, **kwargs):
        return super().count(*args, **self._searching(kwargs))

    def scroll(self, *args, **kwargs):
        return super().scroll(*args, **self._searching(kwargs))

    def clear_scroll(self, *args, **kwargs):
        return super().clear_scroll(*args, **self._searching(kwargs))
