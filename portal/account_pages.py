from django.utils.cache import add_never_cache_headers

ACCOUNT_URL_PREFIX = "/accounts/"


class NoStoreAccountPagesMiddleware:
    """allauth's pages show account details, codes and keys: no browser or proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(ACCOUNT_URL_PREFIX):
            add_never_cache_headers(response)
        return response
