"""Login attempts limited per account and per address (headers: tests/security/test_headers.py)."""

from django.test import override_settings

PASSWORD = "motdepasse-solide-42"


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
