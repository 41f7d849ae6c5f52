"""The forum: categories, threads and posts that café managers write all day, and what keeps them informed.

Plain Django models, not Wagtail pages (posts are written constantly and need no editorial workflow); only the
how-to pages that staff draw from solved threads are pages. A category's visibility (reseau.access) decides
who sees its threads, posts, attachments, feeds and notifications. Writes go through forum.services.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from reseau import access
from reseau.models import RestrictedPageMixin, VisibilityMixin
from reseau.page_cache import FramedPageMixin

# Pages a thread may be "about" (recipes, event formats, producers, cafés): model label → the category
# a thread started from that page goes to by default (its slug).
ABOUT_PAGE_CATEGORIES = {
    "reseau.cafepage": "vie-du-reseau",
    "recettes.recipepage": "recettes",
    "evenements.eventformatpage": "evenements",
    "producteurs.producerpage": "fournisseurs-contrats",
}
ABOUT_PAGE_MODELS = set(ABOUT_PAGE_CATEGORIES)

# First segments under /forum/ that forum/urls.py uses: a category cannot take them as its slug.
RESERVED_SLUGS = {
    "recherche",
    "notifications",
    "moderation",
    "sujet",
    "message",
    "piece-jointe",
    "tout-lu",
    "nouveau",
}


class Category(VisibilityMixin):
    """A section of the forum (Difficultés & entraide, Fournisseurs & contrats…), members only by default."""

    name = models.CharField("nom", max_length=80, unique=True)
    slug = models.SlugField("adresse", max_length=80, unique=True)
    description = models.TextField("description", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    # Kept by forum.services as threads and posts are added, moved and merged (like Thread.post_count), so the
    # index never counts every thread: its threads not merged away, and the posts in them.
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "catégorie du forum"
        verbose_name_plural = "catégories du forum"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"« {self.slug} » est déjà une adresse du forum : choisissez-en une autre."}
            )

    def get_absolute_url(self) -> str:
        return reverse("forum:category", args=[self.slug])


class Thread(models.Model):
    """A discussion: a title, a first post and replies, in one category; maybe about one page of the site.

    `post_count`, `last_post` and `last_post_at` are kept up to date by forum.services so that lists never
    count or sort posts. A thread merged into another keeps its id (old links redirect) but leaves the lists.
    """

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField("titre", max_length=150)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="forum_threads"
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_threads",
        verbose_name="à propos de",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)
    last_post = models.ForeignKey("Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    post_count = models.PositiveIntegerField(default=0)
    is_locked = models.BooleanField("verrouillé", default=False)
    is_pinned = models.BooleanField("épinglé", default=False)
    solution = models.ForeignKey("Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # No index of its own: lists filter on "not merged" (nearly every thread), and SQLite, without statistics,
    # preferred that index to the listing ones below and sorted every thread for each page.
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = "sujet"
        # Partial (threads not merged, as every list shows them), in the lists' exact order: a page of a
        # category or the latest threads is read from the index, with no sort, whatever the number of threads.
        indexes = [
            models.Index(
                fields=["category", "-is_pinned", "-last_post_at", "-id"],
                name="forum_thread_listing",
                condition=models.Q(merged_into__isnull=True),
            ),
            models.Index(
                fields=["-last_post_at"],
                name="forum_thread_recent",
                condition=models.Q(merged_into__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", args=[self.pk])

    @property
    def visibility(self) -> str:
        """A thread is as visible as its category (so reseau.access.can_see works on threads too)."""
        return self.category.visibility


class Post(models.Model):
    """One message of a thread, written in Markdown; `body_html` is its sanitised rendering (forum.markup).

    Posts are ordered by id inside a thread, so a post's page is the number of posts before it: its permalink
    (/forum/message/<id>/) stays right whatever is added later. Deleted and hidden posts keep their place.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="forum_posts"
    )
    body = models.TextField("message")
    body_html = models.TextField(editable=False)
    quoted = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = "message"
        indexes = [models.Index(fields=["thread", "id"], name="forum_post_thread")]

    def __str__(self) -> str:
        return f"Message {self.pk} ({self.thread_id})"

    def get_absolute_url(self) -> str:
        return reverse("forum:post", args=[self.pk])

    @property
    def is_visible(self) -> bool:
        return self.deleted_at is None and self.hidden_at is None


class PostRevision(models.Model):
    """The text a post had before an edit: every edit keeps the previous version."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]


class Reaction(models.Model):
    """A member's emoji on a post: a few emojis, at most one of each per member and post."""

    EMOJIS = {"merci": "🙏", "bravo": "👍", "coeur": "❤️", "rire": "😄", "idee": "💡"}
    LABELS = {
        "merci": "Merci",
        "bravo": "Bravo",
        "coeur": "J'adore",
        "rire": "Ça m'a fait rire",
        "idee": "Bonne idée",
    }

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=10, choices=[(key, key) for key in EMOJIS])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user", "emoji"], name="forum_one_reaction")]


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A random name with the extension of the detected type: the member's file name is only displayed."""
    extension = Attachment.EXTENSIONS[instance.kind]
    return f"forum/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    """A photo or PDF attached to a post; served through an access-checked view, never straight from media."""

    class Kind(models.TextChoices):
        JPEG = "jpeg", "photo JPEG"
        PNG = "png", "image PNG"
        WEBP = "webp", "image WebP"
        PDF = "pdf", "document PDF"

    EXTENSIONS = {"jpeg": ".jpg", "png": ".png", "webp": ".webp", "pdf": ".pdf"}
    CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "pdf": "application/pdf"}

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    name = models.CharField("nom du fichier", max_length=200)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.kind != self.Kind.PDF

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES[self.kind]

    def get_absolute_url(self) -> str:
        return reverse("forum:attachment", args=[self.pk])

    @property
    def stored_name(self) -> str:
        return Path(self.file.name).name


class Subscription(models.Model):
    """A member watching or muting a thread or a whole category (exactly one of the two)."""

    class Level(models.TextChoices):
        WATCH = "suivre", "suivre"
        MUTE = "silence", "ne plus suivre"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    level = models.CharField(max_length=8, choices=Level.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_one_thread_subscription"),
            models.UniqueConstraint(fields=["user", "category"], name="forum_one_category_subscription"),
            models.CheckConstraint(
                condition=models.Q(thread__isnull=True) ^ models.Q(category__isnull=True),
                name="forum_subscription_thread_xor_category",
            ),
        ]


class ThreadRead(models.Model):
    """How far a member has read a thread: the id of the last post they were shown."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_post_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_one_read_marker")]


class ForumProfile(models.Model):
    """A member's forum preferences: the e-mail digest, and "everything before this is read"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_profile"
    )
    email_digest = models.BooleanField(
        "recevoir un résumé quotidien par e-mail",
        default=False,
        help_text="Un e-mail par jour au plus, avec les notifications que vous n'avez pas encore lues.",
    )
    read_all_before = models.DateTimeField(null=True, blank=True)


class Notification(models.Model):
    """Something a member should know: a reply in a thread they watch, a mention, a quote."""

    class Kind(models.TextChoices):
        REPLY = "reponse", "a répondu dans"
        MENTION = "mention", "vous a mentionné dans"
        QUOTE = "citation", "vous a cité dans"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="forum_notification_unread")]

    def get_absolute_url(self) -> str:
        return reverse("forum:notification", args=[self.pk])


class Report(models.Model):
    """A member's report of a post, with a reason, waiting in the moderators' queue until handled."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField("motif")
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = "signalement"

    def __str__(self) -> str:
        return f"Signalement du message {self.post_id}"


class ModerationAction(models.Model):
    """The log of every moderation action: who did what to which thread or post, when and why."""

    class Action(models.TextChoices):
        HIDE = "masquer", "a masqué un message"
        RESTORE = "retablir", "a rétabli un message"
        DISMISS = "classer", "a classé un signalement sans suite"
        LOCK = "verrouiller", "a verrouillé le sujet"
        UNLOCK = "deverrouiller", "a déverrouillé le sujet"
        PIN = "epingler", "a épinglé le sujet"
        UNPIN = "desepingler", "a désépinglé le sujet"
        MOVE = "deplacer", "a déplacé le sujet"
        MERGE = "fusionner", "a fusionné le sujet"

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    thread = models.ForeignKey(Thread, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reason = models.TextField("motif", blank=True)
    details = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "action de modération"
        verbose_name_plural = "journal de modération"


class HowToIndexPage(FramedPageMixin, Page):
    """/fiches-pratiques/: the how-to pages that staff drew from solved forum threads."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["reseau.HomePage"]
    subpage_types = ["forum.HowToPage"]
    max_count = 1

    class Meta:
        verbose_name = "liste des fiches pratiques"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        howtos = HowToPage.objects.live().child_of(self).order_by("-first_published_at")
        context["howtos"] = access.visible(howtos, request.user)
        return context


class HowToPage(RestrictedPageMixin, FramedPageMixin, Page):
    """A how-to written from a solved thread; it cites the thread (and its solution's author)."""

    intro = models.TextField("chapeau", blank=True)
    body = RichTextField("texte")
    source_thread = models.ForeignKey(
        Thread,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="howto_pages",
        verbose_name="sujet source",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("source_thread"),
    ]
    settings_panels = [FieldPanel("visibility"), *Page.settings_panels]
    parent_page_types = ["forum.HowToIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("visibility"),
    ]

    class Meta:
        verbose_name = "fiche pratique"


# The chat's models live in their own module (see forum/chat_models.py).
from forum.chat_models import *  # noqa: E402,F401,F403
