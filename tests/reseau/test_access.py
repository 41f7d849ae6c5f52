from django.contrib.auth.models import AnonymousUser

from reseau import access
from reseau.access import Visibility
from reseau.models import ContentPage, member_cafe
from tests.conftest import CULHAT


def make_pages(home):
    public = home.add_child(
        instance=ContentPage(title="Qui sommes-nous", body="<p>Le réseau.</p>", visibility=Visibility.PUBLIC)
    )
    members = home.add_child(
        instance=ContentPage(
            title="Guide des gérants", body="<p>Pour les membres.</p>", visibility=Visibility.MEMBERS
        )
    )
    return public, members


def test_visitor_sees_only_public_content(home):
    public, members = make_pages(home)
    visitor = AnonymousUser()
    assert access.can_see(visitor, public)
    assert not access.can_see(visitor, members)
    assert list(access.visible(ContentPage.objects.all(), visitor)) == [public]


def test_member_sees_members_only_content(home, member):
    public, members = make_pages(home)
    assert access.is_member(member)
    assert access.can_see(member, members)
    assert set(access.visible(ContentPage.objects.all(), member)) == {public, members}


def test_account_without_cafe_is_not_a_member(make_user, home):
    _, members = make_pages(home)
    stranger = make_user("sans-cafe")
    assert not access.is_member(stranger)
    assert not access.can_see(stranger, members)


def test_team_roles_are_members(moderator, editor, db):
    assert access.is_member(moderator) and access.is_team(moderator) and access.is_moderator(moderator)
    assert access.is_member(editor) and access.is_team(editor) and not access.is_moderator(editor)


def test_deactivated_member_loses_access(member):
    member.is_active = False
    member.save()
    assert not access.is_member(member)


def test_new_content_defaults_to_members_only(home):
    page = home.add_child(instance=ContentPage(title="Note interne", body="<p>…</p>"))
    assert page.visibility == Visibility.MEMBERS


def test_member_cafe_is_the_managers_own_live_cafe(member, cafe, moderator, make_cafe, make_user):
    found = member_cafe(member)
    assert (found.pk, found.title, found.commune_id) == (cafe.pk, cafe.title, cafe.commune_id)
    assert found.live
    assert found.url == cafe.url
    assert member_cafe(AnonymousUser()) is None
    assert member_cafe(moderator) is None  # the team runs no café
    closed = make_cafe(CULHAT)
    closed.unpublish()
    assert member_cafe(make_user("gerant-culhat", cafe=closed)) is None
