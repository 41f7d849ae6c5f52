"""The forum in Wagtail: categories as snippets, the moderation queue, and the threads about a page."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from forum import services
from forum.models import ABOUT_PAGE_MODELS, Category, ModerationAction
from reseau import access


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = "Forum : catégories"
    add_to_admin_menu = True
    list_display = ["name", "slug", "visibility", "position"]


class ModerationActionViewSet(SnippetViewSet):
    """The moderation log, read-only in the admin (actions are only written by forum.services)."""

    model = ModerationAction
    icon = "list-ul"
    menu_label = "Forum : journal de modération"
    add_to_admin_menu = True
    list_display = ["created_at", "moderator", "action", "thread", "reason"]
    inspect_view_enabled = True


register_snippet(CategoryViewSet)
register_snippet(ModerationActionViewSet)


@hooks.register("register_admin_menu_item")
def moderation_queue_item() -> MenuItem:
    return MenuItem("Forum : signalements", reverse("forum:moderation"), icon_name="warning", order=900)


@hooks.register("construct_snippet_action_menu")
def no_editing_of_the_log(menu_items, request, context) -> None:
    if context.get("model") is ModerationAction:
        menu_items[:] = []


@hooks.register("reseau_page_sections")
def threads_about_page(request, page) -> tuple[str, dict] | None:
    """On a recipe, event format, producer or café page: the threads about it and a way to start one."""
    if page.specific_class._meta.label_lower not in ABOUT_PAGE_MODELS:
        return None
    # Plain rows: the section shows four values of at most ten threads.
    threads = services.threads_about(request.user, page.pk, limit=10)
    new_thread_url = ""
    if access.is_member(request.user):  # the category is chosen on the click (forum.views.new_thread_about)
        new_thread_url = f"{reverse('forum:new-thread-about')}?a_propos={page.pk}"
    return "forum/page_section.html", {"threads": threads, "new_thread_url": new_thread_url}
