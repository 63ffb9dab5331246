from django.test import RequestFactory, override_settings

from portal.middleware import TrustedProxyMiddleware


def client_address(meta, hops):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)
    with override_settings(TRUSTED_PROXY_COUNT=hops):
        TrustedProxyMiddleware(lambda request: None)(request)
    return request.META["REMOTE_ADDR"]


def test_forwarded_header_is_ignored_unless_a_proxy_is_trusted():
    assert client_address({"HTTP_X_FORWARDED_FOR": "203.0.113.9"}, hops=0) == "10.0.0.1"


def test_one_trusted_proxy_gives_the_address_it_saw_not_what_the_client_claims():
    assert client_address({"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}, hops=1) == "203.0.113.9"


def test_missing_header_keeps_the_socket_address():
    assert client_address({}, hops=1) == "10.0.0.1"
