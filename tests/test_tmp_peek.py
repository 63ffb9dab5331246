import pytest
pytestmark = pytest.mark.django_db
def test_peek(client, home_page):
    for url in ["/accounts/login/", "/admin/login/", "/favicon.ico"]:
        r = client.get(url, follow=True)
        open("/tmp/rpt/" + url.strip("/").replace("/", "_") + ".html", "w").write(f"{r.redirect_chain} {r.status_code}\n" + r.content.decode(errors="replace"))
