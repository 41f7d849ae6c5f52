"""Fixtures shared by every app's tests: the page tree, real communes, cafés and the roles."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache

from reseau.demo import ensure_home
from reseau.models import CafeIndexPage, CafePage, Member
from tests import geo

BEAULON = "03019"  # Allier, 1,632 inhabitants
CULHAT = "63131"  # Puy-de-Dôme, 1,145 inhabitants
MOULINS = "03190"  # Allier's chef-lieu, over 3,500 inhabitants


@pytest.fixture(autouse=True)
def clean_cache():
    """Each test starts with an empty cache (on Redis, only this run's keys: others may share the server)."""
    yield
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        prefix = settings.CACHES["default"]["KEY_PREFIX"]
        for key in client.scan_iter(f"{prefix}:*", count=500):
            client.delete(key)
    else:
        cache.clear()


@pytest.fixture
def home(db):
    return ensure_home()


@pytest.fixture
def cafe_index(home):
    return home.add_child(instance=CafeIndexPage(title="Les cafés", slug="cafes", show_in_menus=True))


@pytest.fixture
def make_cafe(cafe_index):
    def make(insee: str = BEAULON, title: str | None = None, **fields) -> CafePage:
        commune = geo.commune(insee)
        return cafe_index.add_child(
            instance=CafePage(title=title or f"Le café de {commune.name}", commune=commune, **fields)
        )

    return make


@pytest.fixture
def cafe(make_cafe):
    return make_cafe(BEAULON)


@pytest.fixture
def make_user(db, django_user_model):
    def make(username: str, *, cafe: CafePage | None = None, group: str | None = None, **fields):
        user = django_user_model.objects.create_user(
            username=username, password="motdepasse-solide-42", **fields
        )
        if cafe is not None:
            Member.objects.create(user=user, cafe=cafe)
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def member(make_user, cafe):
    return make_user("gerant-beaulon", cafe=cafe, email="gerant@beaulon.invalid")


@pytest.fixture
def moderator(make_user):
    return make_user("moderation", group="Moderators")


@pytest.fixture
def editor(make_user):
    return make_user("edition", group="Editors")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
