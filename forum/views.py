"""The forum's pages: thin views that ask reseau.access who may see what and call forum.services to write.

Every list is a fixed number of queries whatever the data (select_related, prefetches, annotated subqueries),
which tests/forum/test_queries.py checks as rows grow.
"""

from collections import defaultdict
from functools import cache

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from forum import reads, services
from forum.forms import (
    EditForm,
    MergeForm,
    ModerationForm,
    MoveForm,
    PostForm,
    ProfileForm,
    ReactionForm,
    ReportForm,
    ThreadForm,
)
from forum.links import Links
from forum.markup import quote
from forum.models import (
    ABOUT_PAGE_CATEGORIES,
    Attachment,
    Category,
    ForumProfile,
    ModerationAction,
    Post,
    Reaction,
    Report,
    Subscription,
    Thread,
)
from reseau import access


def _deny(request: HttpRequest) -> HttpResponse:
    """A visitor is sent to log in; a logged-in person without the right gets a 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _rows(threads: QuerySet) -> QuerySet:
    """Threads as forum/_thread_row.html shows them: the category's name and the last poster's name come as
    annotations of the same query rather than as related model instances."""
    return threads.annotate(category_name=F("category__name"), last_poster=F("last_post__author__username"))


def _add_links(threads: list[reads.ThreadRow | Thread]) -> None:
    """Each row's addresses, reversed once for the whole list."""
    links = Links(url="forum:thread", first_unread="forum:first-unread")
    for thread in threads:
        thread.links = links(thread.pk)


def _flag_unread(threads: list[reads.ThreadRow], user, read_all_before) -> None:
    for thread in threads:
        thread.unread = services.is_unread(thread, user, read_all_before)


def _thread_for(request: HttpRequest, pk: int) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("category"), pk=pk)
    if not access.can_see(request.user, thread):
        raise _NotAllowed
    return thread


class _NotAllowed(Exception):
    """Raised by lookups; turned into a login redirect or a 403 by `guarded`."""


def guarded(view):
    """Turn a forbidden lookup into the right answer for visitors and members alike."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _NotAllowed:
            return _deny(request)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _member_required(request: HttpRequest) -> None:
    if not access.is_member(request.user):
        raise _NotAllowed


# Reading ---------------------------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    """/forum/: the categories one may see, their activity and unread counts, and the latest threads."""
    user = request.user
    categories = reads.categories(user)
    read_all_before = None
    if user.is_authenticated:
        read_all_before = categories[0].read_all_before if categories else None
        unread = services.unread_counts(user, read_all_before, categories)
        for category in categories:
            category.unread_count = unread.get(category.pk, 0)
    links = Links(url="forum:category")
    for category in categories:
        category.links = links(category.slug)
    # No category to see, no thread either: without this, a visitor's query for public threads walked every
    # thread of a members-only forum to find none.
    recent = services.recent_threads(user, 15) if categories else []
    _flag_unread(recent, user, read_all_before)
    _add_links(recent)
    return render(request, "forum/index.html", {"categories": categories, "recent": recent})


class _Slices:
    """A paginator's list read one page at a time by `read(limit, offset)`; the paginator's count is set by
    the view from a stored figure."""

    def __init__(self, read) -> None:
        self.read = read

    def __getitem__(self, part: slice) -> list:
        if part.stop <= part.start:  # an empty list's only page: nothing to read
            return []
        return self.read(part.stop - part.start, part.start)


@guarded
def category(request: HttpRequest, slug: str) -> HttpResponse:
    """One category's threads: pinned first, then by latest activity, with the member's unread markers.

    The category comes with the member's subscription and "all read before" date; its stored thread count
    sizes the pages (no COUNT over its threads)."""
    user = request.user
    current = reads.category(user, slug)
    if current is None:
        raise Http404
    if not access.can_see(user, current):
        raise _NotAllowed
    threads = _Slices(lambda limit, offset: services.category_threads(user, current, limit, offset))
    paginator = Paginator(threads, services.THREADS_PER_PAGE)
    paginator.count = current.thread_count
    page = paginator.get_page(request.GET.get("page"))
    rows = page.object_list
    _flag_unread(rows, user, getattr(current, "read_all_before", None))
    _add_links(rows)
    return render(
        request,
        "forum/category.html",
        {
            "category": current,
            "page_obj": page,
            "threads": rows,
            "subscription": getattr(current, "subscription_level", None),
        },
    )


# The summary of every post without reactions (most of them): one tuple, whose buttons forum_tags writes once.
NO_REACTIONS = tuple((key, 0, False) for key in Reaction.EMOJIS)


def _reaction_summaries(posts: list[reads.PostRow], user) -> None:
    """Attach to each post its reactions, (emoji key, count, mine) for each emoji, in one query for the whole
    page; a tuple, so that forum_tags writes the buttons of posts with the same reactions once.

    The page's reactions come as plain rows counted here: a few per post, and a GROUP BY with a filtered
    count cost the ORM twice as much to write as reading them."""
    counts = defaultdict(int)
    mine = set()
    for post_id, emoji, user_id in reads.reactions([post.pk for post in posts if post.has_reactions]):
        counts[post_id, emoji] += 1
        if user_id == user.pk:
            mine.add((post_id, emoji))
    reacted = {post_id for post_id, _ in counts}
    for post in posts:
        if post.pk in reacted:
            post.reaction_summary = tuple(
                (key, counts.get((post.pk, key), 0), (post.pk, key) in mine) for key in Reaction.EMOJIS
            )
        else:
            post.reaction_summary = NO_REACTIONS


def _post_links() -> Links:
    return Links(
        permalink="forum:post",
        history="forum:history",
        edit="forum:edit",
        delete="forum:delete",
        report="forum:report",
        react="forum:react",
        solution="forum:solution",
        hide=("forum:moderate-post", "masquer"),
        restore=("forum:moderate-post", "retablir"),
    )


@cache
def _reply_form() -> str:
    """The fields of the empty reply form under a thread: the same for every reader (the CSRF field is the
    page's), so written once per process rather than through a dozen widget templates on each page."""
    return render_to_string("includes/form.html", {"form": PostForm()})


@guarded
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    """A thread, 20 posts a page; the solution first; what the member had not read yet is marked.

    The thread comes with the reader's read marker, subscription and "all read before" date in one query."""
    user = request.user
    current = reads.thread(user, pk)
    if current is None:
        raise Http404
    if not access.can_see(user, current):
        raise _NotAllowed
    if current.merged_into_id:
        return redirect(current.merged_into)
    count = current.post_count or current.posts.count()
    posts = _Slices(lambda limit, offset: reads.page_posts(current.pk, limit, offset, count))
    paginator = Paginator(posts, services.POSTS_PER_PAGE)
    paginator.count = count
    page = paginator.get_page(request.GET.get("page"))
    page_posts = page.object_list
    solution = None
    if current.solution_id and page.number == 1:  # shown above the posts of the first page only
        solution = next((p for p in page_posts if p.pk == current.solution_id), None) or reads.post(
            current.solution_id
        )
    _reaction_summaries(page_posts, user)
    links = _post_links()
    for post in [*page_posts, *([solution] if solution else [])]:
        post.links = links(post.pk)
    if user.is_authenticated:
        last_read = current.read_marker or 0
        if current.read_all_before and current.last_post_at <= current.read_all_before:
            last_read = current.last_post_id or 0
        for post in page_posts:
            post.unread = post.pk > last_read
        if page_posts:
            services.mark_read(user, current, page_posts[-1].pk, known=current.read_marker)
    is_moderator = access.is_moderator(user)
    can_mark_solution = services.can_mark_solution(user, current)
    first_post_id = None
    if can_mark_solution:
        first_post_id = (
            page_posts[0].pk
            if page.number == 1 and page_posts
            else current.posts.order_by("id").values_list("id", flat=True).first()
        )
    may_reply = access.is_member(user) and (not current.is_locked or is_moderator)
    return render(
        request,
        "forum/thread.html",
        {
            "thread": current,
            "page_obj": page,
            "posts": page_posts,
            "solution": solution,
            "reply_form": _reply_form() if may_reply else None,
            "reply_url": Links(url="forum:reply")(current.pk)["url"],
            "subscription": getattr(current, "subscription_level", None),
            "is_moderator": is_moderator,
            "first_post_id": first_post_id,
            "can_mark_solution": can_mark_solution,
            "howto_pages": list(current.howto_pages.all()) if access.is_team(user) else [],
            "is_team": access.is_team(user),
        },
    )


@guarded
def post_permalink(request: HttpRequest, pk: int) -> HttpResponse:
    """/forum/message/<id>/: the stable address of a post, sent to the page of its thread it is on."""
    post = get_object_or_404(Post, pk=pk)
    _thread_for(request, post.thread_id)
    return redirect(services.permalink(post))


@guarded
@login_required
def first_unread(request: HttpRequest, pk: int) -> HttpResponse:
    current = _thread_for(request, pk)
    post = services.first_unread_post(current, request.user)
    return redirect(services.permalink(post) if post else current.get_absolute_url())


@guarded
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """An attachment, served only to those who may see its thread (media URLs are never handed out)."""
    item = get_object_or_404(Attachment.objects.select_related("post__thread__category"), pk=pk)
    if not access.can_see(request.user, item.post.thread) or (
        not item.post.is_visible and not access.is_moderator(request.user)
    ):
        raise _NotAllowed
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    disposition = "inline" if item.is_image else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{item.stored_name}"'
    response["Cache-Control"] = "private, max-age=3600"
    return response


def search(request: HttpRequest) -> HttpResponse:
    """/forum/recherche/?q=: titles and posts of the threads one may see."""
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        results = list(
            _rows(services.visible_threads(request.user))
            .filter(Q(title__icontains=query) | Q(posts__body__icontains=query))
            .distinct()
            .order_by("-last_post_at")[:30]
        )
        _add_links(results)
    return render(request, "forum/search.html", {"query": query, "results": results})


class LatestThreadsFeed(Feed):
    """/forum/flux.rss: the latest threads the requester may see (a visitor: public categories only)."""

    title = "Forum du réseau 1000 cafés"
    link = "/forum/"
    description = "Les derniers sujets du forum."

    def get_object(self, request, *args, **kwargs):
        return request.user

    def items(self, user):
        return (
            services.visible_threads(user)
            .select_related("category", "last_post")
            .order_by("-last_post_at")[:30]
        )

    def item_title(self, item: Thread) -> str:
        return item.title

    def item_description(self, item: Thread) -> str:
        return f"Catégorie : {item.category.name}"

    def item_pubdate(self, item: Thread):
        return item.last_post_at


# Writing ---------------------------------------------------------------------------------------------------


def _too_many(request, template: str, context: dict, error: services.RateLimited) -> HttpResponse:
    context["form"].add_error(None, str(error))
    return render(request, template, context, status=429)


@guarded
def new_thread_about(request: HttpRequest) -> HttpResponse:
    """« Ouvrir une discussion à ce sujet » on a page (?a_propos=<page id>): the new-thread form of the page
    type's category, or of the first category when that one does not exist. Decided on the click, so that
    the pages showing the link read no category."""
    _member_required(request)
    page = _about_page(request.GET.get("a_propos"))
    if page is None:
        raise Http404("Cette page n'existe pas ou n'est plus publiée.")
    slugs = [category.slug for category in reads.categories(request.user)]  # in order
    preferred = ABOUT_PAGE_CATEGORIES.get(page.specific_class._meta.label_lower)
    slug = preferred if preferred in slugs else next(iter(slugs), None)
    if slug is None:
        raise Http404("Le forum n'a encore aucune catégorie où ouvrir une discussion.")
    return redirect(f"{reverse('forum:new-thread', args=[slug])}?a_propos={page.pk}")


@guarded
def new_thread(request: HttpRequest, slug: str) -> HttpResponse:
    _member_required(request)
    current = get_object_or_404(Category, slug=slug)
    if not access.can_see(request.user, current):
        raise _NotAllowed
    initial = {"about_page": request.GET.get("a_propos")} if request.GET.get("a_propos") else {}
    form = ThreadForm(request.POST or None, request.FILES or None, initial=initial)
    context = {"category": current, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_thread(
                request.user,
                current,
                data["title"],
                data["body"],
                form.files_to_attach,
                about_page=data.get("about_page"),
            )
        except services.RateLimited as error:
            return _too_many(request, "forum/new_thread.html", context, error)
        return redirect(created)
    about = form["about_page"].value() if not form.is_bound else request.POST.get("about_page")
    context["about"] = _about_page(about)
    return render(request, "forum/new_thread.html", context)


def _about_page(page_id):
    from wagtail.models import Page

    try:
        return Page.objects.live().filter(pk=int(page_id)).first() if page_id else None
    except (TypeError, ValueError):
        return None


@guarded
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    """The reply form (its own page, e.g. to quote a post) and the reply itself."""
    _member_required(request)
    current = _thread_for(request, pk)
    if current.is_locked and not access.is_moderator(request.user):
        messages.error(request, "Ce sujet est verrouillé : on ne peut plus y répondre.")
        return redirect(current)
    initial = {}
    quoted_id = request.GET.get("citer")
    if quoted_id and quoted_id.isdigit():
        quoted = Post.objects.filter(pk=quoted_id, thread=current, deleted_at=None, hidden_at=None).first()
        if quoted:
            author = quoted.author.get_username() if quoted.author else "un membre"
            initial = {"body": quote(quoted.body, f"@{author}"), "quoted": quoted.pk}
    form = PostForm(request.POST or None, request.FILES or None, initial=initial)
    context = {"thread": current, "form": form}
    if request.method == "POST" and form.is_valid():
        quoted_post = None
        if form.cleaned_data.get("quoted"):
            quoted_post = Post.objects.filter(pk=form.cleaned_data["quoted"], thread=current).first()
        try:
            post = services.reply(
                request.user, current, form.cleaned_data["body"], form.files_to_attach, quoted=quoted_post
            )
        except services.RateLimited as error:
            return _too_many(request, "forum/reply.html", context, error)
        return redirect(services.permalink(post))
    return render(request, "forum/reply.html", context)


def _own_post(request: HttpRequest, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__category"), pk=pk)
    if not access.can_see(request.user, post.thread):
        raise _NotAllowed
    return post


@guarded
def edit_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = _own_post(request, pk)
    if not services.can_edit(request.user, post):
        raise PermissionDenied("Vous ne pouvez modifier que vos propres messages.")
    form = EditForm(request.POST or None, initial={"body": post.body})
    context = {"post": post, "thread": post.thread, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(request.user, post, form.cleaned_data["body"])
        except services.RateLimited as error:
            return _too_many(request, "forum/edit_post.html", context, error)
        messages.success(request, "Message modifié ; la version précédente est conservée dans l'historique.")
        return redirect(services.permalink(post))
    return render(request, "forum/edit_post.html", context)


@guarded
def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    post = _own_post(request, pk)
    if not post.is_visible and not access.is_moderator(request.user):
        raise _NotAllowed
    revisions = post.revisions.select_related("edited_by")
    return render(
        request, "forum/post_history.html", {"post": post, "thread": post.thread, "revisions": revisions}
    )


@guarded
def delete_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = _own_post(request, pk)
    if post.author_id != request.user.pk:
        raise PermissionDenied("Vous ne pouvez supprimer que vos propres messages.")
    if request.method == "POST":
        services.delete_post(request.user, post)
        messages.success(request, "Message supprimé.")
        return redirect(services.permalink(post))
    return render(request, "forum/delete_post.html", {"post": post, "thread": post.thread})


@guarded
@require_POST
def react(request: HttpRequest, pk: int) -> HttpResponse:
    _member_required(request)
    post = _own_post(request, pk)
    form = ReactionForm(request.POST)
    if form.is_valid():
        services.toggle_reaction(request.user, post, form.cleaned_data["emoji"])
    return redirect(services.permalink(post))


@guarded
@require_POST
def mark_solution(request: HttpRequest, pk: int) -> HttpResponse:
    post = _own_post(request, pk)
    services.mark_solution(request.user, post)
    return redirect(post.thread)


@guarded
def report(request: HttpRequest, pk: int) -> HttpResponse:
    _member_required(request)
    post = _own_post(request, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_post(request.user, post, form.cleaned_data["reason"])
        messages.success(request, "Merci : la modération va examiner ce message.")
        return redirect(services.permalink(post))
    return render(request, "forum/report.html", {"post": post, "thread": post.thread, "form": form})


SUBSCRIPTION_LEVELS = {"suivre": Subscription.Level.WATCH, "silence": Subscription.Level.MUTE, "defaut": None}


@guarded
@require_POST
def subscribe_thread(request: HttpRequest, pk: int) -> HttpResponse:
    _member_required(request)
    current = _thread_for(request, pk)
    level = request.POST.get("niveau")
    if level in SUBSCRIPTION_LEVELS:
        services.set_subscription(request.user, SUBSCRIPTION_LEVELS[level], thread=current)
    return redirect(current)


@guarded
@require_POST
def subscribe_category(request: HttpRequest, slug: str) -> HttpResponse:
    _member_required(request)
    current = get_object_or_404(Category, slug=slug)
    if not access.can_see(request.user, current):
        raise _NotAllowed
    level = request.POST.get("niveau")
    if level in SUBSCRIPTION_LEVELS:
        services.set_subscription(request.user, SUBSCRIPTION_LEVELS[level], category=current)
    return redirect(current)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(request.user)
    messages.success(request, "Tous les sujets sont marqués comme lus.")
    return redirect("forum:index")


# Notifications ---------------------------------------------------------------------------------------------


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The member's notifications (only about threads they may still see) and their e-mail preference."""
    profile = ForumProfile.objects.filter(user=request.user).first() or ForumProfile(user=request.user)
    form = ProfileForm(
        request.POST if request.POST.get("action") == "preferences" else None, instance=profile
    )
    if request.method == "POST":
        if request.POST.get("action") == "tout-lu":
            services.mark_notifications_read(request.user)
            messages.success(request, "Toutes les notifications sont marquées comme lues.")
            return redirect("forum:notifications")
        if form.is_valid():
            form.save()
            messages.success(request, "Préférence enregistrée.")
            return redirect("forum:notifications")
    items = Paginator(
        services.visible_notifications(request.user).select_related("actor", "thread", "post"), 30
    ).get_page(request.GET.get("page"))
    return render(
        request, "forum/notifications.html", {"page_obj": items, "items": items.object_list, "form": form}
    )


@login_required
def notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a notification: marked read, the member lands on the post (if they may still see it)."""
    item = get_object_or_404(services.visible_notifications(request.user), pk=pk)
    services.mark_notifications_read(request.user, [item.pk])
    return redirect(services.permalink(item.post))


def mention_suggestions(request: HttpRequest) -> JsonResponse:
    """/forum/membres.json?q=: up to 8 members whose username starts with q (for @mention autocomplete)."""
    if not access.is_member(request.user):
        return JsonResponse({"erreur": "Réservé aux membres du réseau."}, status=403)
    query = request.GET.get("q", "").strip().lstrip("@")
    if not query:
        return JsonResponse({"membres": []})
    users = access.members_among(get_user_model().objects.filter(username__istartswith=query)).order_by(
        "username"
    )
    return JsonResponse(
        {
            "membres": [
                {"identifiant": user.username, "nom": user.get_full_name() or user.username}
                for user in users[:8]
            ]
        }
    )


# Moderation ------------------------------------------------------------------------------------------------


def _moderator_required(request: HttpRequest) -> None:
    if not access.is_moderator(request.user):
        raise _NotAllowed


@guarded
def moderation_queue(request: HttpRequest) -> HttpResponse:
    """Open reports, grouped by post, oldest first."""
    _moderator_required(request)
    reports = Report.objects.filter(handled_at__isnull=True).select_related(
        "post__thread__category", "post__author", "reporter"
    )
    by_post: dict[int, dict] = {}
    for item in reports:
        entry = by_post.setdefault(item.post_id, {"post": item.post, "reports": []})
        entry["reports"].append(item)
    hidden = (
        Post.objects.filter(hidden_at__isnull=False)
        .select_related("thread", "author")
        .order_by("-hidden_at")[:20]
    )
    return render(
        request, "forum/moderation_queue.html", {"entries": list(by_post.values()), "hidden": hidden}
    )


@guarded
def moderation_log(request: HttpRequest) -> HttpResponse:
    _moderator_required(request)
    actions = Paginator(ModerationAction.objects.select_related("moderator", "thread", "post"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "forum/moderation_log.html", {"page_obj": actions, "actions": actions.object_list})


POST_ACTIONS = {
    "masquer": services.hide_post,
    "retablir": services.restore_post,
    "classer": services.dismiss_reports,
}


@guarded
@require_POST
def moderate_post(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _moderator_required(request)
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    if action not in POST_ACTIONS:
        raise Http404
    form = ModerationForm(request.POST)
    form.is_valid()
    POST_ACTIONS[action](request.user, post, form.cleaned_data.get("reason", ""))
    messages.success(
        request,
        {"masquer": "Message masqué.", "retablir": "Message rétabli.", "classer": "Signalement classé."}[
            action
        ],
    )
    if request.POST.get("suite") == "file":
        return redirect("forum:moderation")
    return redirect(services.permalink(post))


@guarded
@require_POST
def moderate_thread(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _moderator_required(request)
    current = _thread_for(request, pk)
    if action not in services.THREAD_FLAGS:
        raise Http404
    form = ModerationForm(request.POST)
    form.is_valid()
    services.set_thread_flag(request.user, current, action, form.cleaned_data.get("reason", ""))
    messages.success(request, dict(ModerationAction.Action.choices)[action].capitalize() + ".")
    return redirect(current)


@guarded
def move_thread(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator_required(request)
    current = _thread_for(request, pk)
    form = MoveForm(request.POST or None, initial={"category": current.category_id})
    if request.method == "POST" and form.is_valid():
        services.move_thread(
            request.user, current, form.cleaned_data["category"], form.cleaned_data["reason"]
        )
        messages.success(request, f"Sujet déplacé dans « {form.cleaned_data['category']} ».")
        return redirect(current)
    return render(
        request, "forum/moderation_form.html", {"thread": current, "form": form, "title": "Déplacer le sujet"}
    )


@guarded
def merge_thread(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator_required(request)
    current = _thread_for(request, pk)
    form = MergeForm(request.POST or None, source=current)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        services.merge_threads(request.user, current, target, form.cleaned_data["reason"])
        messages.success(request, f"Sujet fusionné dans « {target.title} ».")
        return redirect(target)
    return render(
        request,
        "forum/moderation_form.html",
        {"thread": current, "form": form, "title": "Fusionner le sujet"},
    )


@guarded
@require_POST
def make_howto(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff turn a solved thread into a draft how-to page and continue in Wagtail's editor."""
    current = _thread_for(request, pk)
    if not access.is_team(request.user):
        raise PermissionDenied
    if current.solution_id is None:
        messages.error(
            request, "Ce sujet n'a pas encore de solution : impossible d'en tirer une fiche pratique."
        )
        return redirect(current)
    page = services.create_howto(request.user, current)
    messages.success(request, "Brouillon de fiche pratique créé : relisez-le puis publiez-le.")
    return redirect("wagtailadmin_pages:edit", page.pk)
