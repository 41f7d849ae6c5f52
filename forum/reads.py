"""What the forum's busiest pages read (index, category, thread, and the header's notification count), as
compiled queries (reseau.compiled): each queryset below is built and compiled once per process and shape, then
run with the request's ids. The shapes are what changes the SQL's text: the reader's visibility condition
(forum.services' own), whether they are logged in, a number of ids.

Categories and threads come back as model instances (`from_db`, as the ORM makes them); list rows and a
thread page's posts as `ThreadRow`s and `PostRow`s, which carry only what the page shows.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import Count, Exists, F, Model, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from forum.chat_models import RoomMembership
from forum.models import (
    Attachment,
    Category,
    ForumProfile,
    Notification,
    Post,
    Reaction,
    Subscription,
    Thread,
    ThreadRead,
)
from reseau import access
from reseau.compiled import CompiledQuery, model_columns


def _instances(model: type[Model], rows: list[tuple], extra: tuple[str, ...] = ()) -> list:
    """Rows of the model's concrete fields, then `extra` values set as attributes (annotations)."""
    names = model_columns(model)
    width = len(names)
    instances = []
    for row in rows:
        instance = model.from_db(connection.alias, names, row[:width])
        for name, value in zip(extra, row[width:], strict=True):
            setattr(instance, name, value)
        instances.append(instance)
    return instances


def _read_all_before(user_id) -> Subquery:
    """The member's "everything before this is read" date (ForumProfile)."""
    return Subquery(ForumProfile.objects.filter(user=user_id).values("read_all_before")[:1])


def _read_marker(user_id) -> Subquery:
    return Subquery(
        ThreadRead.objects.filter(user=user_id, thread=OuterRef("pk")).values("last_read_post_id")[:1]
    )


# Categories ------------------------------------------------------------------------------------------------


def _build_categories(authenticated: bool, *user_id) -> QuerySet:
    categories = Category.objects.all()
    if not authenticated:
        return categories.values_list(*model_columns(Category))
    return categories.annotate(read_all_before=_read_all_before(user_id[0])).values_list(
        *model_columns(Category), "read_all_before"
    )


_CATEGORIES = CompiledQuery(_build_categories)


def categories(user) -> list[Category]:
    """The categories `user` may see (reseau.access asked for each), in order; for a member, each carries
    `read_all_before` (the same on every row)."""
    if user.is_authenticated:
        rows, extra = _CATEGORIES.rows(True, user.pk), ("read_all_before",)
    else:
        rows, extra = _CATEGORIES.rows(False), ()
    return [category for category in _instances(Category, rows, extra) if access.can_see(user, category)]


def _build_category(authenticated: bool, slug, *user_id) -> QuerySet:
    categories = Category.objects.filter(slug=slug)
    if not authenticated:
        return categories.values_list(*model_columns(Category))
    subscription = Subscription.objects.filter(user=user_id[0], category=OuterRef("pk")).values("level")[:1]
    return categories.annotate(
        subscription_level=Subquery(subscription), read_all_before=_read_all_before(user_id[0])
    ).values_list(*model_columns(Category), "subscription_level", "read_all_before")


_CATEGORY = CompiledQuery(_build_category)


def category(user, slug: str) -> Category | None:
    """The category of `slug` (whoever may see it), with the member's subscription level and read date."""
    if user.is_authenticated:
        rows, extra = _CATEGORY.rows(True, slug, user.pk), ("subscription_level", "read_all_before")
    else:
        rows, extra = _CATEGORY.rows(False, slug), ()
    return next(iter(_instances(Category, rows, extra)), None)


def _build_read_counts(shape: tuple[Q, bool], user_id) -> QuerySet:
    visible, since = shape
    threads = Thread.objects.filter(visible)
    if since:
        threads = threads.filter(last_post_at__gt=_read_all_before(user_id))
    read = threads.filter(
        Q(reads__user=user_id),
        Q(reads__last_read_post_id__gte=F("last_post_id")) | Q(last_post_id__isnull=True),
    )
    return read.order_by().values_list("category").annotate(n=Count("id"))


def _build_active_counts(visible: Q, user_id) -> QuerySet:
    threads = Thread.objects.filter(visible, last_post_at__gt=_read_all_before(user_id))
    return threads.order_by().values_list("category").annotate(n=Count("id"))


_READ_COUNTS = CompiledQuery(_build_read_counts)
_ACTIVE_COUNTS = CompiledQuery(_build_active_counts)


def read_counts(visible: Q, user_id: int, since: bool) -> list[tuple[int, int]]:
    """(category id, threads the member has read to their last post), among the threads `visible` lets them
    see; `since`: only those active after the member's "all read" date."""
    return _READ_COUNTS.rows((visible, since), user_id)


def active_counts(visible: Q, user_id: int) -> list[tuple[int, int]]:
    """(category id, threads active after the member's "all read" date), among those `visible` selects."""
    return _ACTIVE_COUNTS.rows(visible, user_id)


# Thread lists ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ThreadRow:
    """A thread as a row of a list shows it (forum_tags.thread_rows); `last_read`: the member's marker."""

    pk: int
    title: str
    is_pinned: bool
    is_locked: bool
    solution_id: int | None
    post_count: int
    last_post_id: int | None
    last_post_at: datetime
    category_name: str
    last_poster: str | None
    last_read: int | None = None
    unread: bool = False
    links: dict | None = None


_ROW_FIELDS = ("id", "title", "is_pinned", "is_locked", "solution_id", "post_count", "last_post_id")
_ROW_FIELDS += ("last_post_at", "category_name", "last_poster")


def _rows(threads: QuerySet, authenticated: bool, user_id: tuple) -> QuerySet:
    threads = threads.annotate(
        category_name=F("category__name"), last_poster=F("last_post__author__username")
    )
    if not authenticated:
        return threads.values_list(*_ROW_FIELDS)
    return threads.annotate(last_read=_read_marker(user_id[0])).values_list(*_ROW_FIELDS, "last_read")


def _build_recent(shape: tuple[Q, bool], *user_id) -> QuerySet:
    visible, authenticated = shape
    return _rows(Thread.objects.filter(visible).order_by("-last_post_at"), authenticated, user_id)


def _build_category_threads(shape: tuple[Q, bool], category_id, *user_id) -> QuerySet:
    visible, authenticated = shape
    threads = Thread.objects.filter(visible, category=category_id).order_by(
        "-is_pinned", "-last_post_at", "-id"
    )
    return _rows(threads, authenticated, user_id)


_RECENT = CompiledQuery(_build_recent)
_CATEGORY_THREADS = CompiledQuery(_build_category_threads)


def _ids(user) -> tuple[int, ...]:
    return (user.pk,) if user.is_authenticated else ()


def recent_threads(user, visible: Q, limit: int) -> list[ThreadRow]:
    """The latest threads `visible` (forum.services' condition for `user`) lets `user` see."""
    rows = _RECENT.rows((visible, user.is_authenticated), *_ids(user), limit=limit)
    return [ThreadRow(*row) for row in rows]


def category_threads(user, visible: Q, category_id: int, limit: int, offset: int) -> list[ThreadRow]:
    """A page of a category's threads: pinned first, then by latest activity."""
    shape = (visible, user.is_authenticated)
    rows = _CATEGORY_THREADS.rows(shape, category_id, *_ids(user), limit=limit, offset=offset)
    return [ThreadRow(*row) for row in rows]


ABOUT_FIELDS = ("pk", "title", "post_count", "solution_id")
_ABOUT = CompiledQuery(
    lambda visible, page_id: (
        Thread.objects.filter(visible, about_page=page_id)
        .order_by("-last_post_at")
        .values_list(*ABOUT_FIELDS)
    )
)


def threads_about(visible: Q, page_id: int, limit: int) -> list[dict]:
    """The latest threads `visible` lets see about the page `page_id` (a recipe, a café…)."""
    return [dict(zip(ABOUT_FIELDS, row, strict=True)) for row in _ABOUT.rows(visible, page_id, limit=limit)]


# A thread and its posts ------------------------------------------------------------------------------------


def _build_thread(authenticated: bool, pk, *user_id) -> QuerySet:
    threads = Thread.objects.filter(pk=pk).select_related("category")
    names = [*model_columns(Thread), *(f"category__{name}" for name in model_columns(Category))]
    if not authenticated:
        return threads.values_list(*names)
    subscription = Subscription.objects.filter(user=user_id[0], thread=OuterRef("pk")).values("level")[:1]
    return threads.annotate(
        read_marker=_read_marker(user_id[0]),
        subscription_level=Subquery(subscription),
        read_all_before=_read_all_before(user_id[0]),
    ).values_list(*names, "read_marker", "subscription_level", "read_all_before")


_THREAD = CompiledQuery(_build_thread)


def thread(user, pk: int) -> Thread | None:
    """The thread and its category; for a member, `read_marker`, `subscription_level`, `read_all_before`."""
    if user.is_authenticated:
        rows = _THREAD.rows(True, pk, user.pk)
        extra = ("read_marker", "subscription_level", "read_all_before")
    else:
        rows, extra = _THREAD.rows(False, pk), ()
    if not rows:
        return None
    width = len(model_columns(Thread))
    (row,) = rows
    current = _instances(Thread, [(*row[:width], *row[width + len(model_columns(Category)) :])], extra)[0]
    current.category = _instances(Category, [row[width : width + len(model_columns(Category))]])[0]
    return current


def _page_ids(order: str) -> str:
    """The ids of a page of a thread's posts, by (thread, limit, offset) in `order` ("ASC" or "DESC"): the
    offset walks the (thread, id) index alone, not every joined row before the page."""
    quote = connection.ops.quote_name
    meta = Post._meta
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    thread_column = quote(meta.get_field("thread").column)
    # Only quoted names from the model's metadata go into the text; the thread and the page are parameters.
    return f"SELECT {pk} FROM {table} WHERE {thread_column} = %s ORDER BY {pk} {order} LIMIT %s OFFSET %s"  # noqa: S608  # nosec B608


@dataclass(slots=True)
class PostRow:
    """A post as a thread page shows it (forum_tags.post_articles): no Markdown source, the author's name and
    café; the view adds `links`, `unread` and `reaction_summary`."""

    pk: int
    author_id: int | None
    body_html: str
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    hidden_at: datetime | None
    author_name: str | None
    cafe_title: str | None
    has_attachments: bool
    has_reactions: bool
    attachment_list: list = field(default_factory=list)
    links: dict | None = None
    unread: bool = False
    reaction_summary: tuple = ()

    @property
    def is_visible(self) -> bool:
        return self.deleted_at is None and self.hidden_at is None


def _build_posts(order: str | None, *values) -> QuerySet:
    """A page of a thread's posts, counted from its first post (`order` "ASC") or its last ("DESC"), or
    (`order` None) one post by id."""
    if order:
        thread_id, limit, offset = values
        # The text holds only quoted names from the model's metadata; the thread and the page are parameters.
        ids = RawSQL(_page_ids(order), (thread_id, limit, offset))  # noqa: S611  # nosec B611
        posts = Post.objects.filter(pk__in=ids)
    else:
        posts = Post.objects.filter(pk=values[0])
    posts = posts.annotate(
        author_name=F("author__username"),
        cafe_title=F("author__member__cafe__title"),
        has_attachments=Exists(Attachment.objects.filter(post=OuterRef("pk"))),
        has_reactions=Exists(Reaction.objects.filter(post=OuterRef("pk"))),
    )
    return posts.order_by("id").values_list(
        "id", "author_id", "body_html", "created_at", "edited_at", "deleted_at", "hidden_at", "author_name",
        "cafe_title", "has_attachments", "has_reactions",
    )  # fmt: skip


_POSTS = CompiledQuery(_build_posts)


def _build_attachments(count: int, *post_ids) -> QuerySet:
    attachments = Attachment.objects.filter(post_id__in=post_ids).order_by("id")
    return attachments.values_list(*model_columns(Attachment))


def _build_reactions(count: int, *post_ids) -> QuerySet:
    return Reaction.objects.filter(post_id__in=post_ids).order_by().values_list("post_id", "emoji", "user_id")


_ATTACHMENTS = CompiledQuery(_build_attachments)
_REACTIONS = CompiledQuery(_build_reactions)


def _with_attachments(posts: list[PostRow]) -> list[PostRow]:
    """Each post's `attachment_list`, from one query for all of them, none when no post has any."""
    by_id = {post.pk: post for post in posts if post.has_attachments}
    if by_id:
        ids = list(by_id)
        for item in _instances(Attachment, _ATTACHMENTS.rows(len(ids), *ids)):
            by_id[item.post_id].attachment_list.append(item)
    return posts


def page_posts(thread_id: int, limit: int, offset: int, count: int) -> list[PostRow]:
    """A page of a thread's posts, by id, with their attachments. `count`: the thread's posts (its stored
    count, which also sizes its pages): a page in the second half is counted from the last post, so that the
    latest pages, the most read, do not walk the index from the first."""
    from_end = count - offset - limit
    if from_end < offset:
        rows = _POSTS.rows("DESC", thread_id, limit, max(from_end, 0))
    else:
        rows = _POSTS.rows("ASC", thread_id, limit, offset)
    return _with_attachments([PostRow(*row) for row in rows])


def post(pk: int) -> PostRow | None:
    """One post as page_posts gives them."""
    return next(iter(_with_attachments([PostRow(*row) for row in _POSTS.rows(None, pk)])), None)


def reactions(post_ids: list[int]) -> list[tuple[int, str, int]]:
    """(post id, emoji, user id) of every reaction on these posts (those with `has_reactions`: no query when
    none has any)."""
    return _REACTIONS.rows(len(post_ids), *post_ids) if post_ids else []


# The header's count ----------------------------------------------------------------------------------------


def _build_header_counts(visible: Q, user_id) -> QuerySet:
    from django.contrib.auth import get_user_model

    notifications = Notification.objects.filter(visible, recipient=user_id, read_at__isnull=True)
    messages = RoomMembership.objects.filter(user=user_id, room__last_seq__gt=F("last_read_seq"))
    unread = Sum(F("room__last_seq") - F("last_read_seq"))
    return (
        get_user_model()
        .objects.filter(pk=user_id)
        .annotate(
            notifications=Coalesce(Subquery(_total(notifications, "recipient", Count("id"))), 0),
            messages=Coalesce(Subquery(_total(messages, "user", unread)), 0),
        )
        .values_list("notifications", "messages")
    )


def _total(queryset: QuerySet, owner: str, total) -> QuerySet:
    return queryset.order_by().values(owner).annotate(n=total).values("n")


_HEADER_COUNTS = CompiledQuery(_build_header_counts)


def header_counts(visible: Q, user_id: int) -> tuple[int, int]:
    """The header's two counts in one query: the member's unread notifications among those `visible`
    (forum.services' condition) lets them see, and their unread chat messages in the rooms they follow."""
    rows = _HEADER_COUNTS.rows(visible, user_id)
    return rows[0] if rows else (0, 0)
