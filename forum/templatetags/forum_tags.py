"""Template helpers for the forum's long pages (20 posts, 30 threads, the index's categories): the HTML the
forum's templates gave, written by Python for the rows a page repeats (a thread row took about 30 template
nodes, a post about 60, a category card about 20, at ~10 µs each). The rows are format strings filled with
str.format: every text that comes from the database goes through `escape` (html.escape, as Django's escape
filter); ids, counts, constants and the addresses forum.views reverses are written as they are. Post bodies
are HTML sanitised when they were written."""

from datetime import datetime
from functools import cache, lru_cache
from html import escape

from django import template
from django.core.paginator import Page
from django.template.defaultfilters import filesizeformat
from django.template.defaulttags import CsrfTokenNode
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from forum.links import address
from forum.models import Category, Reaction, Thread
from forum.reads import PostRow, ThreadRow
from reseau.access import Visibility

register = template.Library()

# A reaction button up to its count; the count is the only part that varies from post to post.
REACTION_BUTTON = (
    '<button type="submit" name="emoji" value="{}" class="reaction{}" aria-pressed="{}" title="{}">'
    '<span aria-hidden="true">{}</span> <span class="visually-hidden">{} :</span> '
)


@cache
def _reaction_button(key: str, mine: bool) -> SafeString:
    label = Reaction.LABELS[key]
    mine_class, pressed = (" reaction--mine", "true") if mine else ("", "false")
    return format_html(REACTION_BUTTON, key, mine_class, pressed, label, Reaction.EMOJIS[key], label)


@cache
def _month_names(language: str | None) -> tuple[str, ...]:
    """The months' names in `language`, by number: each of django.utils.dates.MONTHS is a lazy translation,
    translated again at each use."""
    return ("", *(str(MONTHS[number]) for number in range(1, 13)))


class _Dates:
    """Writes the dates of one page: the current time zone and the month names are read once, not per date."""

    def __init__(self) -> None:
        self.zone = timezone.get_current_timezone()
        self.months = _month_names(translation.get_language())

    def time(self, value: datetime) -> str:
        """`<time datetime="…">…</time>` in the current time zone, as the template filters `date:"c"` and
        `date:"j F Y à H:i"` write it (27 novembre 2026 à 14:05)."""
        local = value.astimezone(self.zone)
        return (
            f'<time datetime="{local.isoformat()}">{local.day} {self.months[local.month]} {local.year} '
            f"à {local.hour:02}:{local.minute:02}</time>"
        )


@lru_cache(maxsize=512)
def _reaction_buttons(reactions: tuple[tuple[str, int, bool], ...]) -> str:
    """A post's reaction buttons, from its summary (forum.views: (emoji key, count, mine) per emoji): posts
    with the same counts share their HTML (most posts have no reaction at all)."""
    return "\n".join(f"{_reaction_button(key, mine)}{count}</button>" for key, count, mine in reactions)


@lru_cache(maxsize=512)
def _reaction_counts(reactions: tuple[tuple[str, int, bool], ...]) -> str:
    """What a visitor sees of a post's reactions: the counts, without buttons."""
    return "".join(
        REACTION_COUNT.format(label=Reaction.LABELS[key], emoji=Reaction.EMOJIS[key], count=count)
        for key, count, _mine in reactions
        if count
    )


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


@register.simple_tag
def thread_rows(threads: list[ThreadRow | Thread], show_category: bool) -> SafeString:
    """The `<li class="thread-row">` of each thread of a list (forum.views' rows: `unread`, `links`,
    `category_name`, `last_poster`)."""
    dates = _Dates()
    # Every text from the database was escaped above (see the module's docstring).
    return mark_safe("".join(f"{_thread_row(thread, show_category, dates)}\n" for thread in threads))  # noqa: S308  # nosec B308 B703


@register.simple_tag(name="address")
def address_tag(name: str, key: int | str | None = None) -> str:
    """`{% url name key %}` for the forum's patterns taking at most an id or a slug, reversed once per process
    (forum.links)."""
    return address(name, key)


@register.simple_tag
def pagination(page: Page, label: str) -> SafeString:
    """The links to the other pages of a list (Django's Page), named by `label` for screen readers."""
    paginator = page.paginator
    last = paginator.num_pages
    if last <= 1:
        return mark_safe("\n")  # noqa: S308  # nosec B308 B703 - a constant
    links = []
    if page.number > 1:
        links.append(f'<li><a href="?page={page.number - 1}" rel="prev">Page précédente</a></li>')
    links.append(f'\n    <li><span aria-current="page">Page {page.number} sur {last}</span></li>\n    ')
    if page.number < last:
        links.append(f'<li><a href="?page={page.number + 1}" rel="next">Page suivante</a></li>')
    links.append("\n    ")
    if page.number != last:
        links.append(f'<li><a href="?page={last}">Dernière page</a></li>')
    # The label is escaped; the rest are numbers and constants.
    items = "".join(links)
    return mark_safe(  # noqa: S308  # nosec B308 B703
        f'\n<nav class="pagination" aria-label="{escape(label)}">\n  <ul>\n    {items}\n  </ul>\n</nav>\n\n'
    )


@register.simple_tag
def category_cards(categories: list[Category]) -> SafeString:
    """The `<li class="card">` of each category of the index (forum.views' categories: `links`, and for a
    member `unread_count`), or the line saying there is none."""
    if not categories:
        return mark_safe(NO_CATEGORY)  # noqa: S308  # nosec B308 B703 - a constant
    # Every text from the database was escaped here (see the module's docstring).
    return mark_safe("".join(_category_card(category) for category in categories))  # noqa: S308  # nosec B308 B703


CATEGORY_CARD = """
  <li class="card">
    <h3><a href="{url}">{name}</a>{members}</h3>
    {description}
    <p class="thread-row__meta">{threads} sujet{threads_plural} · {posts} message{posts_plural}{unread}</p>
  </li>
  """
NO_CATEGORY = "\n  <li>Aucune catégorie ouverte pour le moment.</li>\n  "


def _category_card(category: Category) -> str:
    unread = getattr(category, "unread_count", 0)
    return CATEGORY_CARD.format(
        url=category.links["url"],
        name=escape(category.name),
        members=' <span class="badge">Membres</span>' if category.visibility == Visibility.MEMBERS else "",
        description=f"<p>{escape(category.description)}</p>" if category.description else "",
        threads=category.thread_count,
        threads_plural=_plural(category.thread_count),
        posts=category.post_count,
        posts_plural=_plural(category.post_count),
        unread=f" · <strong>{unread} non lu{_plural(unread)}</strong>" if unread else "",
    )


THREAD_ROW = """<li class="thread-row{unread_class}">
  <div class="thread-row__main">
    {unread_badge}
    {pinned}
    {locked}
    {solved}
    <a class="thread-row__title" href="{url}">{title}</a>
    {jump}
  </div>
  <p class="thread-row__meta">
    {category}{count} message{plural}
    · dernier message {poster}le {time}
  </p>
</li>"""
UNREAD_BADGE = (
    '<span class="badge badge--new">Nouveau<span class="visually-hidden"> : messages non lus</span></span>'
)
JUMP = (
    '<a class="thread-row__jump" href="{}">premier message non lu'
    '<span class="visually-hidden"> de « {} »</span></a>'
)


def _thread_row(thread: ThreadRow | Thread, show_category: bool, dates: _Dates) -> str:
    unread = getattr(thread, "unread", False)  # search results carry no read markers
    title = escape(thread.title)
    return THREAD_ROW.format(
        unread_class=" thread-row--unread" if unread else "",
        unread_badge=UNREAD_BADGE if unread else "",
        pinned='<span class="badge">Épinglé</span>' if thread.is_pinned else "",
        locked='<span class="badge">Verrouillé</span>' if thread.is_locked else "",
        solved='<span class="badge badge--solved">Résolu</span>' if thread.solution_id else "",
        url=thread.links["url"],
        title=title,
        jump=JUMP.format(thread.links["first_unread"], title) if unread else "",
        category=f"{escape(thread.category_name)} · " if show_category else "",
        count=thread.post_count,
        plural=_plural(thread.post_count),
        poster=f"de {escape(thread.last_poster)} " if thread.last_poster else "",
        time=dates.time(thread.last_post_at),
    )


POST_HEADER = """<article class="post{classes}" id="{html_id}" aria-labelledby="{anchor}-{pk}-titre">
  <header class="post__header">
    <h3 class="post__author" id="{anchor}-{pk}-titre">
      {solution_badge}{author}{cafe}
    </h3>
    <p class="post__meta">
      <a href="{permalink}" title="Lien permanent vers ce message">{time}</a>
      {unread}
      {edited}
      {solution_mark}
    </p>
  </header>
"""
POST_MODERATION = """  <form method="post" action="{action}" class="moderation-inline">{csrf}
    <label for="motif-{pk}">Motif</label> <input id="motif-{pk}" name="reason" type="text">
    <button type="submit">{label}</button>
  </form>
"""
SOLUTION_BADGE = '<span class="badge badge--solved">Solution</span>'
HIDDEN_FOR_MODERATORS = (
    '  <p class="post__placeholder">Masqué par la modération (visible de la modération seulement) :</p>\n'
)
REACTION_COUNT = (
    '<span title="{label}"><span aria-hidden="true">{emoji}</span> '
    '<span class="visually-hidden">{label} :</span> {count}</span> '
)
CITE = '<li><a href="{}?citer={}">Citer<span class="visually-hidden"> le message de {}</span></a></li>'
REPORT = '<li><a href="{}">Signaler<span class="visually-hidden"> le message de {}</span></a></li>'
SOLUTION_BUTTON = (
    '<li><form method="post" action="{}" class="inline-form">{}'
    '<button type="submit" class="link-button">{}</button></form></li>'
)


class _PostWriter:
    """Writes the posts of a thread page for one reader: what depends on the reader and the thread (their
    rights, the CSRF field, the reply form) is read from the page's context once, not once per post."""

    def __init__(self, context: template.Context) -> None:
        user = context.get("user")
        self.user_pk = user.pk if user is not None and user.is_authenticated else None
        self.is_member = bool(context.get("is_member"))
        self.is_moderator = bool(context.get("is_moderator"))
        self.thread = context["thread"]
        self.reply_url = context.get("reply_url") if context.get("reply_form") else None
        self.can_mark_solution = bool(context.get("can_mark_solution"))
        self.first_post_id = context.get("first_post_id")
        self.csrf = CsrfTokenNode().render(context)
        self.dates = _Dates()

    def article(self, post: PostRow, is_solution: bool) -> str:
        parts = [self._header(post, is_solution), self._content(post)]
        if post.is_visible and not is_solution:
            parts.append(self._footer(post))
        if self.is_moderator and not is_solution:
            hidden = post.hidden_at is not None
            parts.append(
                POST_MODERATION.format(
                    action=post.links["restore" if hidden else "hide"],
                    csrf=self.csrf,
                    pk=post.pk,
                    label="Rétablir le message" if hidden else "Masquer le message",
                )
            )
        parts.append("</article>")
        return "".join(parts)

    def _header(self, post: PostRow, is_solution: bool) -> str:
        unread = getattr(post, "unread", False)
        edited = post.edited_at and post.is_visible
        return POST_HEADER.format(
            classes=(" post--unread" if unread else "") + (" post--solution" if is_solution else ""),
            html_id="solution" if is_solution else f"message-{post.pk}",
            anchor="solution" if is_solution else "message",
            pk=post.pk,
            solution_badge=f"{SOLUTION_BADGE} " if is_solution else "",
            author=escape(post.author_name or "Compte supprimé"),
            cafe=f' <span class="post__cafe">· {escape(post.cafe_title)}</span>' if post.cafe_title else "",
            permalink=post.links["permalink"],
            time=self.dates.time(post.created_at),
            unread='<span class="badge badge--new">Non lu</span>' if unread else "",
            edited=f'· <a href="{post.links["history"]}">modifié</a>' if edited else "",
            solution_mark=SOLUTION_BADGE if not is_solution and self.thread.solution_id == post.pk else "",
        )

    def _content(self, post: PostRow) -> str:
        if post.deleted_at:
            return '  <p class="post__placeholder">Message supprimé par son auteur.</p>\n'
        if post.hidden_at and not self.is_moderator:
            return '  <p class="post__placeholder">Message masqué par la modération.</p>\n'
        parts = [HIDDEN_FOR_MODERATORS] if post.hidden_at else []
        parts.append(f'  <div class="post__body">{post.body_html}</div>\n')
        if post.attachment_list:
            items = "".join(_attachment(item) for item in post.attachment_list)
            parts.append(f'  <ul class="post__attachments">\n{items}  </ul>\n')
        return "".join(parts)

    def _footer(self, post: PostRow) -> str:
        if self.is_member:
            reactions = (
                f'  <form method="post" action="{post.links["react"]}" class="reactions">{self.csrf}\n'
                f"    {_reaction_buttons(post.reaction_summary)}\n  </form>\n"
            )
        else:
            reactions = f'  <p class="reactions">{_reaction_counts(post.reaction_summary)}</p>\n'
        author = escape(post.author_name or "")
        links = [CITE.format(self.reply_url, post.pk, author)] if self.reply_url else []
        if self.user_pk is not None and post.author_id == self.user_pk:
            if not self.thread.is_locked:
                links.append(f'<li><a href="{post.links["edit"]}">Modifier</a></li>')
            links.append(f'<li><a href="{post.links["delete"]}">Supprimer</a></li>')
        if self.is_member and post.author_id != self.user_pk:
            links.append(REPORT.format(post.links["report"], author))
        if self.can_mark_solution and post.pk != self.first_post_id:
            chosen = self.thread.solution_id == post.pk
            label = "Ce n'est plus la solution" if chosen else "C'est la solution"
            links.append(SOLUTION_BUTTON.format(post.links["solution"], self.csrf, label))
        items = "".join(f"    {link}\n" for link in links)
        return (
            f'  <footer class="post__actions">\n{reactions}'
            f'  <ul class="post__links">\n{items}  </ul>\n  </footer>\n'
        )


def _attachment(item) -> str:
    url = item.get_absolute_url()
    name = escape(item.name)
    if item.is_image:
        return (
            f'    <li><a href="{url}"><img src="{url}" alt="Photo jointe : {name}" loading="lazy" '
            'width="240"></a></li>\n'
        )
    kind = escape(item.get_kind_display())
    return f'    <li><a href="{url}">{name}</a> ({kind}, {filesizeformat(item.size)})</li>\n'


@register.simple_tag(takes_context=True)
def post_articles(context: template.Context, posts: list[PostRow]) -> SafeString:
    """The `<article class="post">` of each post of a thread page (forum.views' posts: `links`, `unread`,
    `reaction_summary`, `attachment_list`, `author_name`, `cafe_title`)."""
    writer = _PostWriter(context)
    # Every text from the database was escaped above (see the module's docstring).
    return mark_safe("".join(f"\n{writer.article(post, False)}\n" for post in posts))  # noqa: S308  # nosec B308 B703


@register.simple_tag(takes_context=True)
def solution_article(context: template.Context, post: PostRow) -> SafeString:
    """The thread's solution, shown above the posts: the same article without actions."""
    # Every text from the database was escaped above (see the module's docstring).
    return mark_safe(f"\n{_PostWriter(context).article(post, True)}\n")  # noqa: S308  # nosec B308 B703
