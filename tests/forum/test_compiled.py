"""Compiled queries (reseau.compiled) give what the ORM gives for the same queryset, whatever the values."""

from datetime import timedelta

import pytest
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from forum import reads, services
from forum.models import Attachment, Category, ForumProfile, Post, Reaction, Thread, ThreadRead
from reseau.compiled import CompiledQuery


def _threads(shape, category_id, user_id):
    """Threads of a category with a subquery, a join, a date and booleans: what needs converting."""
    marker = ThreadRead.objects.filter(user=user_id, thread=OuterRef("pk")).values("last_read_post_id")[:1]
    return (
        Thread.objects.filter(category=category_id)
        .annotate(last_read=Subquery(marker), category_name=F("category__name"))
        .order_by("-last_post_at", "-id")
        .values_list("id", "title", "is_locked", "last_post_at", "last_read", "category_name")
    )


def test_rows_are_the_orms_rows_for_each_set_of_values(
    make_thread, old_member, other_member, members_category, public_category
):
    for number in range(3):
        make_thread(other_member, members_category, title=f"Sujet {number}", replies=number)
    make_thread(old_member, public_category, title="Tarte aux pommes du verger")
    read = Thread.objects.filter(category=members_category).first()
    services.mark_read(old_member, read, read.last_post_id)
    query = CompiledQuery(_threads)
    for category in (members_category, public_category):
        for user in (old_member, other_member):
            expected = list(_threads(None, category.pk, user.pk))
            assert expected  # every combination has rows, read or not
            assert query.rows(None, category.pk, user.pk) == expected
    rows = query.rows(None, members_category.pk, old_member.pk)
    assert isinstance(rows[0][3], type(timezone.now())) and timezone.is_aware(rows[0][3])
    assert isinstance(rows[0][2], bool)


def test_limit_and_offset_slice_as_the_orm_does(make_thread, old_member, members_category):
    for number in range(5):
        make_thread(old_member, members_category, title=f"Sujet {number}")
    query = CompiledQuery(_threads)
    everything = list(_threads(None, members_category.pk, old_member.pk))
    assert query.rows(None, members_category.pk, old_member.pk, limit=2, offset=0) == everything[:2]
    assert query.rows(None, members_category.pk, old_member.pk, limit=2, offset=3) == everything[3:5]
    assert query.rows(None, members_category.pk, old_member.pk, limit=2, offset=5) == []


def test_texts_are_values_too_and_each_shape_is_compiled_once(members_category, public_category):
    built = []

    def by_slug(shape, slug):
        built.append(shape)
        categories = Category.objects.filter(slug=slug)
        return categories.values_list("name") if shape == "name" else categories.values_list("position")

    query = CompiledQuery(by_slug)
    assert query.rows("name", "recettes") == [("Recettes",)]
    assert query.rows("name", "difficultes-entraide") == [("Difficultés & entraide",)]
    assert query.rows("name", "inconnue") == []
    assert query.rows("position", "recettes") == [(1,)]
    assert built == ["name", "position"]


@pytest.mark.django_db
def test_what_cannot_be_compiled_is_refused():
    with pytest.raises(ValueError, match="not parameters"):
        CompiledQuery(lambda shape, pk: Category.objects.values_list("name")).rows(None, 1)
    with pytest.raises(ValueError, match="sliced"):
        CompiledQuery(lambda shape, pk: Category.objects.filter(pk=pk).values_list("name")[:3]).rows(None, 1)
    with pytest.raises(ValueError, match="named values"):
        CompiledQuery(lambda shape, pk: Category.objects.filter(pk=pk)).rows(None, 1)
    with pytest.raises(TypeError):
        CompiledQuery(lambda shape, pk: Category.objects.filter(pk=pk).values_list("name")).rows(None, True)


def test_a_page_of_posts_is_the_orms_page_with_names_and_attachments(
    make_thread, old_member, other_member, members_category
):
    thread = make_thread(old_member, members_category, replies=4)
    services.reply(other_member, thread, "Une réponse de Culhat")
    posts = list(Post.objects.filter(thread=thread).order_by("id"))
    page = reads.page_posts(thread.pk, 2, 4, 6)
    assert [post.pk for post in page] == [post.pk for post in posts[4:6]]
    assert [post.body_html for post in page] == [post.body_html for post in posts[4:6]]
    assert [(post.author_name, post.cafe_title) for post in page] == [
        ("gerant-beaulon", old_member.member.cafe.title),
        ("gerant-culhat", other_member.member.cafe.title),
    ]
    assert page[0].created_at == posts[4].created_at and page[0].attachment_list == []
    assert not any(post.has_attachments or post.has_reactions for post in page)
    photo = Attachment.objects.create(post=posts[5], file="forum/a.jpg", kind="jpeg", name="a.jpg", size=10)
    Reaction.objects.create(post=posts[4], user=other_member, emoji="merci")
    first, second = reads.page_posts(thread.pk, 2, 4, 6)
    assert (first.has_attachments, first.has_reactions, first.attachment_list) == (False, True, [])
    assert (second.has_attachments, second.has_reactions, second.attachment_list) == (True, False, [photo])
    assert reads.post(posts[0].pk).pk == posts[0].pk
    assert reads.post(0) is None


def test_every_page_of_a_thread_has_its_posts_counted_from_the_first(
    make_thread, old_member, members_category
):
    """Pages in a thread's second half are read from its last post: the same posts."""
    thread = make_thread(old_member, members_category, replies=46)
    ids = list(Post.objects.filter(thread=thread).order_by("id").values_list("id", flat=True))
    assert len(ids) == 47
    for size in (20, 10, 7):
        for offset in range(0, 47, size):
            limit = min(size, 47 - offset)  # the paginator's last page is the posts left
            page = reads.page_posts(thread.pk, limit, offset, 47)
            assert [post.pk for post in page] == ids[offset : offset + limit], (size, offset)


def test_reactions_of_any_number_of_posts(make_thread, old_member, other_member, members_category):
    thread = make_thread(old_member, members_category, replies=2)
    first, second, third = Post.objects.filter(thread=thread).order_by("id")
    Reaction.objects.create(post=first, user=other_member, emoji="merci")
    Reaction.objects.create(post=third, user=old_member, emoji="idee")
    assert reads.reactions([first.pk]) == [(first.pk, "merci", other_member.pk)]
    assert sorted(reads.reactions([first.pk, second.pk, third.pk])) == [
        (first.pk, "merci", other_member.pk),
        (third.pk, "idee", old_member.pk),
    ]
    assert reads.reactions([]) == []


def test_categories_hide_the_members_ones_from_visitors_and_outsiders(
    members_category, public_category, old_member, make_user
):
    from django.contrib.auth.models import AnonymousUser

    assert [c.slug for c in reads.categories(old_member)] == ["difficultes-entraide", "recettes"]
    assert [c.slug for c in reads.categories(AnonymousUser())] == ["recettes"]
    assert [c.slug for c in reads.categories(make_user("curieux"))] == ["recettes"]


def test_a_members_read_date_and_subscription_come_with_the_thread_and_category(
    make_thread, old_member, other_member, members_category
):
    thread = make_thread(other_member, members_category)
    services.set_subscription(old_member, "silence", thread=thread)  # the author follows it
    services.set_subscription(other_member, "suivre", category=members_category)
    read_date = timezone.now() - timedelta(hours=1)
    ForumProfile.objects.create(user=old_member, read_all_before=read_date)
    mine, theirs = reads.thread(old_member, thread.pk), reads.thread(other_member, thread.pk)
    assert (mine.subscription_level, mine.read_all_before, mine.read_marker) == ("silence", read_date, None)
    assert (theirs.subscription_level, theirs.read_all_before) == ("suivre", None)
    assert theirs.read_marker == thread.last_post_id  # the author has read their own post
    assert mine.category.name == "Difficultés & entraide" and mine.category_id == members_category.pk
    assert reads.thread(old_member, 0) is None
    assert reads.category(other_member, "difficultes-entraide").subscription_level == "suivre"
    assert reads.category(old_member, "difficultes-entraide").subscription_level is None
    assert reads.category(old_member, "inconnue") is None
