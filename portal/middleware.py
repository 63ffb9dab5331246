from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

from portal.navigation import find_site


class PortalCSPMiddleware(CSPMiddleware):
    """The strict policy everywhere, a relaxed one for the Wagtail admin (inline scripts, previews)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            return PolicyParts(config=settings.ADMIN_CONTENT_SECURITY_POLICY, nonce=parts.nonce)
        return parts


class SecurityHeadersMiddleware:
    """Headers Django's own middleware does not set.

    Sits inside XFrameOptionsMiddleware so an admin response can allow same-origin framing
    (Wagtail's live preview) while every other page keeps X-Frame-Options: DENY.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            response.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        return response


class SiteMiddleware:
    """Finds the Wagtail site from a cache, sparing every request Wagtail's site query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        find_site(request)
        return self.get_response(request)


class TrustedProxyMiddleware:
    """Use the client address a trusted reverse proxy reports, for per-IP rate limits.

    With ``TRUSTED_PROXY_COUNT`` = n, the n-th address from the right of X-Forwarded-For is the client
    (each proxy appends the address it saw). With 0 (the default) the header is ignored, since anyone
    can send it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.hops = settings.TRUSTED_PROXY_COUNT

    def __call__(self, request):
        if self.hops:
            forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part]
            if len(forwarded) >= self.hops:
                request.META["REMOTE_ADDR"] = forwarded[-self.hops]
        return self.get_response(request)
