from django.contrib.auth import get_user
from django.core import mail
from django.test import RequestFactory

from reseau import access


def test_login_with_wrong_password_shows_french_error(client, member):
    response = client.post("/compte/connexion/", {"username": "gerant-beaulon", "password": "mauvais"})
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_member_logs_in_and_sees_their_cafe(client, member):
    response = client.post(
        "/compte/connexion/", {"username": "gerant-beaulon", "password": "motdepasse-solide-42"}, follow=True
    )
    content = response.content.decode()
    assert response.redirect_chain[-1][0] == "/compte/"
    assert "Le café de Beaulon" in content
    assert "gérant·e, membre du réseau" in content


def test_logout_is_a_post(member_client):
    assert member_client.get("/compte/deconnexion/").status_code == 405
    member_client.post("/compte/deconnexion/")
    assert "_auth_user_id" not in member_client.session


def test_profile_requires_login(client, db):
    response = client.get("/compte/")
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")


def test_password_change(member_client, member):
    response = member_client.post(
        "/compte/mot-de-passe/",
        {
            "old_password": "motdepasse-solide-42",
            "new_password1": "un-cafe-au-village-2026",
            "new_password2": "un-cafe-au-village-2026",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("un-cafe-au-village-2026")


def test_password_change_errors_are_in_french_and_change_nothing(member_client, member):
    response = member_client.post(
        "/compte/mot-de-passe/",
        {"old_password": "faux", "new_password1": "court", "new_password2": "autre"},
    )
    content = response.content.decode()
    assert "Votre ancien mot de passe est incorrect" in content
    member.refresh_from_db()
    assert member.check_password("motdepasse-solide-42")


def test_password_reset_sends_a_french_link(client, member):
    response = client.post("/compte/mot-de-passe/oubli/", {"email": "gerant@beaulon.invalid"}, follow=True)
    assert "Si un compte existe pour cette adresse" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Réseau 1000 cafés : choisir un nouveau mot de passe"
    link = next(line for line in message.body.splitlines() if "/compte/mot-de-passe/nouveau/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert "Nouveau mot de passe" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "un-village-vivant-2026", "new_password2": "un-village-vivant-2026"},
    )
    assert done.status_code == 302, done.content.decode()
    member.refresh_from_db()
    assert member.check_password("un-village-vivant-2026")


def test_password_reset_does_not_reveal_whether_an_account_exists(client, member):
    known = client.post("/compte/mot-de-passe/oubli/", {"email": "gerant@beaulon.invalid"}, follow=True)
    unknown = client.post("/compte/mot-de-passe/oubli/", {"email": "personne@ailleurs.invalid"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert len(mail.outbox) == 1


def test_a_session_follows_its_user_row(member_client, member, django_assert_num_queries):
    """reseau.auth_backend reads the session's user by a compiled query: a deactivated, changed or deleted
    account ends the session on the next request."""
    request = RequestFactory().get("/")
    request.session = member_client.session
    with django_assert_num_queries(1):
        user = get_user(request)
        assert access.is_member(user) and not access.is_team(user)  # roles come with the user's row
    assert (user.pk, user.username, user.email) == (member.pk, "gerant-beaulon", "gerant@beaulon.invalid")
    assert member_client.get("/compte/").status_code == 200
    member.is_active = False
    member.save()
    assert member_client.get("/compte/").status_code == 302
    member.is_active = True
    member.save()
    assert member_client.get("/compte/").status_code == 200
    member.set_password("un-autre-mot-de-passe-2026")  # the session's hash no longer matches
    member.save()
    assert member_client.get("/compte/").status_code == 302
    assert get_user(request).is_anonymous


def test_the_sessions_user_comes_with_every_role_as_it_is_now(client, member, django_assert_num_queries):
    """The roles read with the session's user (one row per group) are the account's, request by request."""
    from django.contrib.auth.models import Group

    member.groups.add(*Group.objects.filter(name__in=["Moderators", "Editors"]))
    client.force_login(member)
    request = RequestFactory().get("/")
    request.session = client.session
    with django_assert_num_queries(1):
        user = get_user(request)
        assert access.is_member(user) and access.is_team(user) and access.is_moderator(user)
    member.groups.remove(Group.objects.get(name="Moderators"))
    member.member.delete()
    with django_assert_num_queries(1):
        user = get_user(request)
        assert access.is_team(user) and not access.is_moderator(user)
    member.groups.clear()
    with django_assert_num_queries(1):
        assert not access.is_member(get_user(request))
