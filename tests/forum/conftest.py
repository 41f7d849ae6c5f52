"""Forum fixtures: a members-only and a public category, members, and a small factory for threads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum import services
from forum.models import Category
from reseau.access import Visibility
from tests.conftest import CULHAT


@pytest.fixture
def members_category(db):
    return Category.objects.create(name="Difficultés & entraide", slug="difficultes-entraide")


@pytest.fixture
def public_category(db):
    return Category.objects.create(name="Recettes", slug="recettes", visibility=Visibility.PUBLIC, position=1)


@pytest.fixture
def old_member(member):
    """A member whose account is old enough to write without the new members' limits."""
    member.date_joined = timezone.now() - timedelta(days=60)
    member.save(update_fields=["date_joined"])
    return member


@pytest.fixture
def other_member(make_user, make_cafe):
    user = make_user("gerant-culhat", cafe=make_cafe(CULHAT), email="gerant@culhat.invalid")
    user.date_joined = timezone.now() - timedelta(days=60)
    user.save(update_fields=["date_joined"])
    return user


@pytest.fixture
def make_thread():
    def make(
        author, category, title="Livraisons de boissons en hiver", body="Comment faites-vous ?", replies=0
    ):
        thread = services.create_thread(author, category, title, body)
        for number in range(replies):
            services.reply(author, thread, f"Réponse numéro {number}")
        thread.refresh_from_db()
        return thread

    return make


@pytest.fixture
def thread(make_thread, old_member, members_category):
    return make_thread(old_member, members_category)
