"""Security headers on every page type, and login attempts limited per account and per address."""

import pytest
from django.test import override_settings

from reseau.access import Visibility
from reseau.models import ContentPage

PASSWORD = "motdepasse-solide-42"


@pytest.fixture
def page_urls(home, cafe, client):
    guide = home.add_child(instance=ContentPage(title="Guide", body="<p>…</p>", visibility=Visibility.PUBLIC))
    return ["/", "/cafes/", cafe.url, guide.url, "/compte/connexion/", "/page-inconnue/", "/sante/"]


def test_every_page_type_sends_the_security_headers(client, page_urls):
    for url in page_urls:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp, url
        assert "script-src 'self'" in csp, url
        assert "'unsafe-inline'" not in csp, url
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "camera=()" in response["Permissions-Policy"], url


def test_admin_gets_its_own_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "object-src 'none'" in csp and "default-src 'self'" in csp


def login(client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(
        "/compte/connexion/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_account_is_locked_after_five_failures_with_a_french_message(client, member):
    for _ in range(5):
        assert login(client, "gerant-beaulon", "faux").status_code == 200
    locked = login(client, "gerant-beaulon", PASSWORD)
    assert locked.status_code == 429
    assert "Trop de tentatives de connexion échouées" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lock_is_per_account(client, member, make_user):
    make_user("gerant-culhat")
    for _ in range(5):
        login(client, "gerant-beaulon", "faux")
    assert login(client, "gerant-culhat", PASSWORD).status_code == 302


@override_settings(LOGIN_ATTEMPTS_PER_ADDRESS=8)
def test_address_is_locked_after_too_many_failures_across_accounts(client, member):
    for number in range(8):
        login(client, f"inconnu-{number}", "faux", address="198.51.100.7")
    assert login(client, "gerant-beaulon", PASSWORD, address="198.51.100.7").status_code == 429
    assert login(client, "gerant-beaulon", PASSWORD, address="198.51.100.8").status_code == 302


def test_success_resets_the_account_counter(client, member):
    for _ in range(4):
        login(client, "gerant-beaulon", "faux")
    assert login(client, "gerant-beaulon", PASSWORD).status_code == 302
    client.post("/compte/deconnexion/")
    for _ in range(4):
        assert login(client, "gerant-beaulon", "faux").status_code == 200
    assert login(client, "gerant-beaulon", PASSWORD).status_code == 302
