"""Every write of the forum, one function per action, each in a transaction (views stay thin).

Notifications are rows first (the database is the source of truth: a page refresh shows them); once the
transaction commits, each recipient's channel-layer group `user.<id>` gets a `forum.notification` event, which
the chat's websocket consumer forwards to open pages. The channel layer is only a doorbell: losing an event
loses nothing but its live delivery.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from forum import reads
from forum.markup import Rendered, mention_candidates, render_markdown
from forum.models import (
    Attachment,
    Category,
    ForumProfile,
    HowToIndexPage,
    HowToPage,
    ModerationAction,
    Notification,
    Post,
    PostRevision,
    Reaction,
    Report,
    Subscription,
    Thread,
    ThreadRead,
)
from reseau import access
from search.indexing import content_changed

logger = logging.getLogger(__name__)

POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 30
# New members (joined less than NEW_MEMBER_DAYS ago, not the team) write under these limits.
NEW_MEMBER_DAYS = getattr(settings, "FORUM_NEW_MEMBER_DAYS", 7)
NEW_MEMBER_POSTS_PER_MINUTE = getattr(settings, "FORUM_NEW_MEMBER_POSTS_PER_MINUTE", 3)
NEW_MEMBER_MENTIONS_PER_POST = getattr(settings, "FORUM_NEW_MEMBER_MENTIONS_PER_POST", 3)
NEW_MEMBER_LINKS_PER_POST = getattr(settings, "FORUM_NEW_MEMBER_LINKS_PER_POST", 2)


class RateLimited(Exception):
    """A new member went over a limit; the message says which, in French, for the person."""


@dataclass
class NewFile:
    """An upload that forum.forms has already checked: its detected kind and the member's file name."""

    file: object
    kind: str
    name: str
    size: int


# Reading ---------------------------------------------------------------------------------------------------


def visible_categories(user) -> QuerySet:
    return access.visible(Category.objects.all(), user)


def visible_threads(user) -> QuerySet:
    """Threads `user` may see: those of categories reseau.access lets them see, merged ones left out."""
    return Thread.objects.filter(_visible(user))


def _visible(user, through: str = "") -> Q:
    """The condition of visible_threads, on Thread or on a model pointing to it (`through`: "thread__").

    A member sees every category (as access.visible says), so their lists need no join at all; others get a
    join on the category's visibility rather than `category IN (subquery)`: SQLite then reads the latest
    threads straight from the forum_thread_recent index."""
    condition = Q(**{f"{through}merged_into__isnull": True})
    if not access.is_member(user):
        condition &= Q(**{f"{through}category__visibility__in": access.audiences(user)})
    return condition


def is_unread(thread: reads.ThreadRow, user, read_all_before: datetime | None) -> bool:
    """Has `thread` (a list row, with the member's `last_read` marker) posts `user` has not seen?
    `read_all_before`: the member's "everything before this is read" date (ForumProfile), if any."""
    if not user.is_authenticated or thread.last_post_id is None:
        return False
    if read_all_before and thread.last_post_at <= read_all_before:
        return False
    return (getattr(thread, "last_read", None) or 0) < thread.last_post_id


def unread_counts(user, read_all_before: datetime | None, categories: list[Category]) -> dict[int, int]:
    """Per category id, the threads with posts `user` has not seen (the index's counts), zeros left out.

    `categories`: those `user` may see (visible_categories). Their stored thread counts (or, after "mark all
    read", the threads active since then) minus the threads the member's read markers cover: the work follows
    the member's markers and recent activity, not the number of threads (counting 10,000 threads took
    milliseconds on every index). `read_all_before`: the member's ForumProfile date as the caller read it;
    the queries compare with the stored date itself (forum.reads)."""
    visible = _visible(user)
    since = read_all_before is not None
    if since:
        counts = dict(reads.active_counts(visible, user.pk))
    else:
        counts = {category.pk: category.thread_count for category in categories}
    for category, n in reads.read_counts(visible, user.pk, since):
        counts[category] = counts.get(category, 0) - n
    return {category: n for category, n in counts.items() if n > 0}


def recent_threads(user, limit: int) -> list[reads.ThreadRow]:
    """The latest threads `user` may see, as list rows (with the member's read marker)."""
    return reads.recent_threads(user, _visible(user), limit)


def threads_about(user, page_id: int, limit: int) -> list[dict]:
    """The latest threads `user` may see about a page, as (pk, title, post_count, solution_id) dicts."""
    return reads.threads_about(_visible(user), page_id, limit)


def category_threads(user, category: Category, limit: int, offset: int) -> list[reads.ThreadRow]:
    """A page of the threads of `category` that `user` may see, as list rows."""
    return reads.category_threads(user, _visible(user), category.pk, limit, offset)


def page_of(post: Post) -> int:
    """The page of its thread a post is on: stable, since posts keep their order and are never removed."""
    before = Post.objects.filter(thread_id=post.thread_id, id__lt=post.id).count()
    return before // POSTS_PER_PAGE + 1


def permalink(post: Post) -> str:
    page = page_of(post)
    query = f"?page={page}" if page > 1 else ""
    return f"{reverse('forum:thread', args=[post.thread_id])}{query}#message-{post.pk}"


def first_unread_post(thread: Thread, user) -> Post | None:
    marker = (
        ThreadRead.objects.filter(user=user, thread=thread)
        .values_list("last_read_post_id", flat=True)
        .first()
    )
    posts = Post.objects.filter(thread=thread)
    return (posts.filter(id__gt=marker) if marker else posts).order_by("id").first() or posts.order_by(
        "id"
    ).last()


def header_counts(user) -> tuple[int, int]:
    """(unread notifications, unread chat messages) for the header; chat is for members only."""
    if not user.is_authenticated:
        return 0, 0
    notifications, messages = reads.header_counts(_visible(user, "thread__"), user.pk)
    return notifications, messages if access.is_member(user) else 0


def visible_notifications(user) -> QuerySet:
    """A member's notifications, only about threads they may (still) see (a join: `thread IN (visible
    threads)` had SQLite list every thread for each page's unread count)."""
    return Notification.objects.filter(_visible(user, "thread__"), recipient=user)


def is_new_member(user) -> bool:
    if access.is_team(user):
        return False
    return user.date_joined > timezone.now() - timedelta(days=NEW_MEMBER_DAYS)


def notification_group(user_id: int) -> str:
    """The channel-layer group of one user (the chat's websocket joins it to carry notifications live)."""
    return f"user.{user_id}"


# Writing ---------------------------------------------------------------------------------------------------


def _render(body: str) -> tuple[Rendered, list]:
    candidates = mention_candidates(body)
    users = (
        list(get_user_model().objects.filter(username__in=candidates, is_active=True)) if candidates else []
    )
    return render_markdown(body, [user.username for user in users]), users


def _check_rate_limits(user, rendered: Rendered) -> None:
    if not is_new_member(user):
        return
    if len(rendered.mentions) > NEW_MEMBER_MENTIONS_PER_POST:
        raise RateLimited(
            f"Votre message mentionne {len(rendered.mentions)} membres : tant que votre compte a moins de "
            f"{NEW_MEMBER_DAYS} jours, un message peut en mentionner {NEW_MEMBER_MENTIONS_PER_POST} au plus."
        )
    if rendered.links > NEW_MEMBER_LINKS_PER_POST:
        raise RateLimited(
            f"Votre message contient {rendered.links} liens : tant que votre compte a moins de "
            f"{NEW_MEMBER_DAYS} jours, un message peut en contenir {NEW_MEMBER_LINKS_PER_POST} au plus."
        )
    recent = Post.objects.filter(author=user, created_at__gte=timezone.now() - timedelta(minutes=1)).count()
    if recent >= NEW_MEMBER_POSTS_PER_MINUTE:
        raise RateLimited(
            f"Vous avez déjà publié {recent} messages dans la dernière minute : tant que votre compte "
            f"a moins de {NEW_MEMBER_DAYS} jours, c'est {NEW_MEMBER_POSTS_PER_MINUTE} par minute au plus. "
            "Patientez un instant puis envoyez à nouveau : votre texte est conservé."
        )


def _require_member(user) -> None:
    if not access.is_member(user):
        raise PermissionDenied("Le forum est réservé aux membres du réseau.")


def _require_moderator(user) -> None:
    if not access.is_moderator(user):
        raise PermissionDenied("Action réservée à la modération.")


def _watch(user, thread: Thread) -> None:
    """Authors and repliers follow the thread, unless they chose to mute it."""
    Subscription.objects.get_or_create(user=user, thread=thread, defaults={"level": Subscription.Level.WATCH})


def _mark_read(user, thread_id: int, post_id: int) -> None:
    updated = ThreadRead.objects.filter(user=user, thread_id=thread_id, last_read_post_id__lt=post_id).update(
        last_read_post_id=post_id
    )
    if not updated:
        ThreadRead.objects.get_or_create(
            user=user, thread_id=thread_id, defaults={"last_read_post_id": post_id}
        )


def _count_in(category_id: int, threads: int = 0, posts: int = 0) -> None:
    """Add to (or take from) a category's denormalised counts, in the caller's transaction."""
    Category.objects.filter(pk=category_id).update(
        thread_count=F("thread_count") + threads, post_count=F("post_count") + posts
    )


def recount_categories() -> None:
    """Set every category's counts from its threads (after threads were written without these services)."""
    totals = (
        Thread.objects.filter(category=OuterRef("pk"), merged_into__isnull=True).order_by().values("category")
    )
    Category.objects.update(
        thread_count=Coalesce(Subquery(totals.annotate(n=Count("id")).values("n")), 0),
        post_count=Coalesce(Subquery(totals.annotate(n=Sum("post_count")).values("n")), 0),
    )


def _add_post(author, thread: Thread, body: str, rendered: Rendered, mentioned: list, quoted, files) -> Post:
    post = Post.objects.create(
        thread=thread, author=author, body=body, body_html=rendered.html, quoted=quoted
    )
    names = set(rendered.mentions)
    post.mentions.set([user for user in mentioned if user.username.lower() in names and user != author])
    for upload in files:
        Attachment.objects.create(
            post=post, file=upload.file, kind=upload.kind, name=upload.name, size=upload.size
        )
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_post=post, last_post_at=post.created_at
    )
    _count_in(thread.category_id, posts=1)
    _watch(author, thread)
    _mark_read(author, thread.pk, post.pk)
    _notify(post, thread, quoted)
    return post


def create_thread(author, category: Category, title: str, body: str, files=(), about_page=None) -> Thread:
    """A new thread and its first post; the author follows it."""
    _require_member(author)
    if not access.can_see(author, category):
        raise PermissionDenied
    rendered, mentioned = _render(body)
    _check_rate_limits(author, rendered)
    with transaction.atomic():
        thread = Thread.objects.create(
            category=category, title=title.strip(), author=author, about_page=about_page
        )
        _count_in(category.pk, threads=1)
        _add_post(author, thread, body, rendered, mentioned, None, files)
    thread.refresh_from_db()
    return thread


def reply(author, thread: Thread, body: str, files=(), quoted: Post | None = None) -> Post:
    """A reply; watchers, the quoted author and mentioned members are notified once it is committed."""
    _require_member(author)
    if not access.can_see(author, thread):
        raise PermissionDenied
    if thread.is_locked and not access.is_moderator(author):
        raise PermissionDenied("Ce sujet est verrouillé.")
    if quoted is not None and quoted.thread_id != thread.pk:
        quoted = None
    rendered, mentioned = _render(body)
    _check_rate_limits(author, rendered)
    with transaction.atomic():
        return _add_post(author, thread, body, rendered, mentioned, quoted, files)


def can_edit(user, post: Post) -> bool:
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and post.deleted_at is None
        and post.hidden_at is None
        and not post.thread.is_locked
    )


def edit_post(user, post: Post, body: str) -> Post:
    """The author's new text; the previous one is kept as a revision."""
    if not can_edit(user, post):
        raise PermissionDenied("Vous ne pouvez modifier que vos propres messages.")
    rendered, mentioned = _render(body)
    _check_rate_limits_for_edit(user, rendered)
    with transaction.atomic():
        PostRevision.objects.create(post=post, body=post.body, edited_by=user)
        post.body, post.body_html, post.edited_at = body, rendered.html, timezone.now()
        post.save(update_fields=["body", "body_html", "edited_at"])
        names = set(rendered.mentions)
        post.mentions.set([m for m in mentioned if m.username.lower() in names and m != user])
    return post


def _check_rate_limits_for_edit(user, rendered: Rendered) -> None:
    """An edit cannot slip in more mentions or links than a new post could (the per-minute limit aside)."""
    if is_new_member(user) and (
        len(rendered.mentions) > NEW_MEMBER_MENTIONS_PER_POST or rendered.links > NEW_MEMBER_LINKS_PER_POST
    ):
        raise RateLimited(
            f"Tant que votre compte a moins de {NEW_MEMBER_DAYS} jours, un message peut mentionner "
            f"{NEW_MEMBER_MENTIONS_PER_POST} membres et contenir {NEW_MEMBER_LINKS_PER_POST} liens au plus."
        )


def delete_post(user, post: Post) -> None:
    """Soft delete by its author: the post keeps its place (and permalinks) but shows a placeholder."""
    if post.author_id != user.pk:
        raise PermissionDenied("Vous ne pouvez supprimer que vos propres messages.")
    Post.objects.filter(pk=post.pk, deleted_at__isnull=True).update(deleted_at=timezone.now())
    content_changed(post)  # update() sends no signal: the search index drops the deleted text


def toggle_reaction(user, post: Post, emoji: str) -> bool:
    """Add the member's emoji to the post, or take it back; True when it is now there."""
    _require_member(user)
    if emoji not in Reaction.EMOJIS or not access.can_see(user, post.thread):
        raise PermissionDenied
    with transaction.atomic():
        deleted, _ = Reaction.objects.filter(post=post, user=user, emoji=emoji).delete()
        if deleted:
            return False
        Reaction.objects.create(post=post, user=user, emoji=emoji)
        return True


def can_mark_solution(user, thread: Thread) -> bool:
    return user.is_authenticated and (thread.author_id == user.pk or access.is_moderator(user))


def mark_solution(user, post: Post) -> None:
    """The thread's author (or a moderator) marks a reply as the answer; again on the same post unmarks it."""
    thread = post.thread
    if not can_mark_solution(user, thread):
        raise PermissionDenied("Seul l'auteur du sujet peut choisir la solution.")
    solution = None if thread.solution_id == post.pk else post
    Thread.objects.filter(pk=thread.pk).update(solution=solution)


def set_subscription(
    user, level: str | None, *, thread: Thread | None = None, category: Category | None = None
):
    """Watch, mute, or (level None) go back to the default for a thread or a category."""
    _require_member(user)
    target = {"thread": thread} if thread is not None else {"category": category}
    if level is None:
        Subscription.objects.filter(user=user, **target).delete()
    else:
        Subscription.objects.update_or_create(user=user, **target, defaults={"level": level})


def mark_read(user, thread: Thread, post_id: int, known: int | None = None) -> None:
    """Move the member's marker up to `post_id`; `known`: the marker the caller already read, if any."""
    if not user.is_authenticated:
        return
    if known is None:
        _mark_read(user, thread.pk, post_id)
    elif known < post_id:
        ThreadRead.objects.filter(user=user, thread=thread, last_read_post_id__lt=post_id).update(
            last_read_post_id=post_id
        )


def mark_all_read(user) -> None:
    ForumProfile.objects.update_or_create(user=user, defaults={"read_all_before": timezone.now()})


def mark_notifications_read(user, ids=None) -> None:
    notifications = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        notifications = notifications.filter(pk__in=ids)
    notifications.update(read_at=timezone.now())


# Notifications ---------------------------------------------------------------------------------------------


def _notify(post: Post, thread: Thread, quoted: Post | None) -> None:
    """Notify once per recipient (mention, else quote, else reply) and ring their group on commit."""
    kinds: dict[int, str] = {}
    for user_id in Subscription.objects.filter(
        Q(thread=thread) | Q(category_id=thread.category_id), level=Subscription.Level.WATCH
    ).values_list("user_id", flat=True):
        kinds[user_id] = Notification.Kind.REPLY
    muted = set(
        Subscription.objects.filter(thread=thread, level=Subscription.Level.MUTE).values_list(
            "user_id", flat=True
        )
    )
    for user_id in muted:
        kinds.pop(user_id, None)
    if quoted is not None and quoted.author_id:
        kinds[quoted.author_id] = Notification.Kind.QUOTE
    for user_id in post.mentions.values_list("pk", flat=True):
        kinds[user_id] = Notification.Kind.MENTION
    kinds.pop(post.author_id, None)
    if not kinds:
        return
    recipients = get_user_model().objects.filter(pk__in=kinds)
    if thread.category.visibility != access.Visibility.PUBLIC:
        recipients = access.members_among(recipients)
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=user_id, actor=post.author, kind=kinds[user_id], thread=thread, post=post
            )
            for user_id in recipients.values_list("pk", flat=True)
        ]
    )
    transaction.on_commit(lambda: broadcast_notifications(notifications))


def notification_text(notification: Notification) -> str:
    actor = notification.actor.get_username() if notification.actor else "Un membre"
    return f"{actor} {notification.get_kind_display()} « {Truncator(notification.thread.title).chars(80)} »"


def broadcast_notifications(notifications: list[Notification]) -> None:
    """Ring each recipient's group with the new notification and their unread count (after commit)."""
    if not notifications:
        return
    layer = get_channel_layer()
    if layer is None:
        return
    counts = dict(
        Notification.objects.filter(
            recipient__in=[n.recipient_id for n in notifications], read_at__isnull=True
        )
        .values_list("recipient")
        .annotate(n=Count("id"))
    )
    for notification in notifications:
        event = {
            "type": "forum.notification",
            "id": notification.pk,
            "text": notification_text(notification),
            "url": reverse("forum:notification", args=[notification.pk]),
            "unread": counts.get(notification.recipient_id, 0),
        }
        try:
            async_to_sync(layer.group_send)(notification_group(notification.recipient_id), event)
        except Exception:  # the doorbell may fail; the notification row is there for the next page load
            logger.warning("notification %s non diffusée en direct", notification.pk, exc_info=True)


# Moderation ------------------------------------------------------------------------------------------------


def report_post(user, post: Post, reason: str) -> Report:
    _require_member(user)
    if not access.can_see(user, post.thread):
        raise PermissionDenied
    return Report.objects.create(post=post, reporter=user, reason=reason.strip())


def _log(moderator, action: str, *, thread=None, post=None, reason: str = "", details: str = "") -> None:
    ModerationAction.objects.create(
        moderator=moderator, action=action, thread=thread, post=post, reason=reason, details=details[:255]
    )


def _close_reports(moderator, post: Post) -> None:
    Report.objects.filter(post=post, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=moderator
    )


def hide_post(moderator, post: Post, reason: str) -> None:
    _require_moderator(moderator)
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(hidden_at=timezone.now())
        _close_reports(moderator, post)
        _log(moderator, ModerationAction.Action.HIDE, thread=post.thread, post=post, reason=reason)


def restore_post(moderator, post: Post, reason: str) -> None:
    _require_moderator(moderator)
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(hidden_at=None)
        _log(moderator, ModerationAction.Action.RESTORE, thread=post.thread, post=post, reason=reason)


def dismiss_reports(moderator, post: Post, reason: str) -> None:
    _require_moderator(moderator)
    with transaction.atomic():
        _close_reports(moderator, post)
        _log(moderator, ModerationAction.Action.DISMISS, thread=post.thread, post=post, reason=reason)


THREAD_FLAGS = {
    ModerationAction.Action.LOCK: {"is_locked": True},
    ModerationAction.Action.UNLOCK: {"is_locked": False},
    ModerationAction.Action.PIN: {"is_pinned": True},
    ModerationAction.Action.UNPIN: {"is_pinned": False},
}


def set_thread_flag(moderator, thread: Thread, action: str, reason: str) -> None:
    _require_moderator(moderator)
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(**THREAD_FLAGS[action])
        _log(moderator, action, thread=thread, reason=reason)


def move_thread(moderator, thread: Thread, category: Category, reason: str) -> None:
    _require_moderator(moderator)
    with transaction.atomic():
        details = f"de « {thread.category} » vers « {category} »"
        current = Thread.objects.select_for_update().get(pk=thread.pk)
        if current.category_id != category.pk:
            Thread.objects.filter(pk=thread.pk).update(category=category)
            threads = 0 if current.merged_into_id else 1
            _count_in(current.category_id, threads=-threads, posts=-current.post_count)
            _count_in(category.pk, threads=threads, posts=current.post_count)
        _log(moderator, ModerationAction.Action.MOVE, thread=thread, reason=reason, details=details)


def merge_threads(moderator, source: Thread, target: Thread, reason: str) -> None:
    """Move every post of `source` into `target` (they interleave by id); `source` then redirects there."""
    _require_moderator(moderator)
    if source.pk == target.pk or target.merged_into_id:
        raise ValueError("Impossible de fusionner un sujet avec lui-même ou avec un sujet déjà fusionné.")
    with transaction.atomic():
        source_row = Thread.objects.select_for_update().get(pk=source.pk)
        moved = Post.objects.filter(thread=source).update(thread=target)
        Notification.objects.filter(thread=source).update(thread=target)
        Subscription.objects.filter(thread=source).delete()
        ThreadRead.objects.filter(thread=source).delete()
        stats = Post.objects.filter(thread=target).aggregate(n=Count("id"), last=Max("id"))
        last = Post.objects.get(pk=stats["last"])
        Thread.objects.filter(pk=target.pk).update(
            post_count=stats["n"], last_post=last, last_post_at=last.created_at
        )
        Thread.objects.filter(pk=source.pk).update(
            merged_into=target, post_count=0, last_post=None, solution=None
        )
        _count_in(source_row.category_id, threads=0 if source_row.merged_into_id else -1, posts=-moved)
        _count_in(target.category_id, posts=moved)
        _log(
            moderator,
            ModerationAction.Action.MERGE,
            thread=target,
            reason=reason,
            details=f"« {source.title} » (n° {source.pk}) fusionné dans « {target.title} » (n° {target.pk})",
        )


def create_howto(user, thread: Thread) -> HowToPage:
    """A draft how-to page drawn from a solved thread, citing it; staff finish and publish it in Wagtail."""
    if not access.is_team(user):
        raise PermissionDenied("Seule l'équipe peut rédiger une fiche pratique.")
    if thread.solution_id is None:
        raise ValueError("Ce sujet n'a pas encore de solution.")
    from reseau.models import HomePage

    question = thread.posts.order_by("id").first()
    solution = thread.solution
    solver = solution.author.get_username() if solution.author else "un membre"
    source = reverse("forum:thread", args=[thread.pk])
    with transaction.atomic():
        index = HowToIndexPage.objects.first()
        if index is None:
            home = HomePage.objects.first()
            index = home.add_child(instance=HowToIndexPage(title="Fiches pratiques", slug="fiches-pratiques"))
        body = (
            f"<h2>La question</h2>{question.body_html}<h2>La solution</h2>{solution.body_html}"
            f'<p>D\'après la discussion <a href="{source}">« {thread.title} »</a> du forum, '
            f"solution proposée par {solver}.</p>"
        )
        page = index.add_child(
            instance=HowToPage(
                title=thread.title,
                intro=f"Fiche pratique tirée de la discussion « {thread.title} » du forum du réseau.",
                body=body,
                source_thread=thread,
                visibility=thread.category.visibility,
                live=False,
                owner=user,
            )
        )
        page.save_revision(user=user)
    return page
