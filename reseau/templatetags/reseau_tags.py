"""Template tags of the network's core."""

from django import template
from django.forms import BoundField
from django.template.defaultfilters import urlencode
from django.template.defaulttags import CsrfTokenNode
from django.template.loader import get_template
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

from reseau.widgets import escaped

register = template.Library()

PAGE_SECTIONS_HOOK = "reseau_page_sections"


@register.simple_tag(takes_context=True)
def page_sections(context, page) -> SafeString:
    """What other apps add to a page (a café's next events, the threads about a recipe…).

    Each function registered with `@hooks.register("reseau_page_sections")` takes (request, page) and returns
    (template name, context) for this page, or None when it has nothing to add; so reseau never imports the
    apps that extend it. Sections are rendered like an {% include %}, in the page's own context: the context
    processors (user, member, menus) have already run once for the page and do not run again.
    """
    parts = []
    for section in hooks.get_hooks(PAGE_SECTIONS_HOOK):
        found = section(context["request"], page)
        if found:
            name, values = found
            with context.push(values):
                parts.append(get_template(name).template.render(context))
    # Rendered by the template engine, which escaped every value.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


FIELD = """<div class="field{error_class}">
  <label for="{target}">{label}{required}</label>
  {help}
  {widget}
  {errors}
</div>"""


@register.simple_tag
def form_field(field: BoundField) -> SafeString:
    """One form field with its label, help and errors next to it (includes/form_field.html), written by
    Python: the template took about as long as the widget itself, on forms of up to a dozen fields."""
    target = escaped(field.id_for_label)
    errors = field.errors
    help_text = (
        f'<p class="help" id="{target}-aide">{escaped(field.help_text)}</p>' if field.help_text else ""
    )
    error_list = "".join(f"<li>{escaped(error)}</li>" for error in errors)
    # Every text is escaped by escaped; the widget is Django's own safe HTML.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        FIELD.format(
            error_class=" field--error" if errors else "",
            target=target,
            label=escaped(field.label),
            required=' <span aria-hidden="true">*</span>' if field.field.required else "",
            help=help_text,
            widget=field,
            errors=f'<ul class="errorlist" id="{target}-erreurs">{error_list}</ul>' if errors else "",
        )
    )


@register.simple_tag
def form_fields(form) -> SafeString:
    """A form's errors, hidden fields and visible fields (includes/form.html), written by Python: including
    includes/form_field.html for each field cost as much as the field."""
    errors = form.non_field_errors()
    alert = "".join(f"<p>{escaped(error)}</p>" for error in errors)
    hidden = "".join(str(field) for field in form.hidden_fields())
    fields = "\n".join(form_field(field) for field in form.visible_fields())
    # The errors are escaped; the fields are Django's own safe HTML and form_field's.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        (f'<div class="errorlist errorlist--form" role="alert">{alert}</div>\n' if errors else "")
        + (f"{hidden}\n" if hidden else "")
        + fields
    )


HEADER = """<header class="site-header">
  <div class="wrap site-header__inner">
    <a class="brand" href="/"><span class="brand__mark" aria-hidden="true">☕</span> Réseau 1000 cafés</a>
    <nav aria-label="Navigation principale">
      <ul class="nav">
        {links}
      </ul>
    </nav>
    {search}
    <div class="account">
      {account}
    </div>
  </div>
</header>"""
SEARCH_BOX = """<form class="search-box" role="search" action="{action}" method="get">
      <label for="recherche-entete" class="visually-hidden">Rechercher dans le réseau</label>
      <input id="recherche-entete" type="search" name="q" value="{query}" placeholder="Rechercher…" \
autocomplete="off" data-suggestions="{suggestions}">
      <button type="submit">Rechercher</button>
    </form>
    <script src="{script}" defer></script>"""
MEMBER_ACCOUNT = """{notifications}
        <a href="{profile}">Mon compte</a>
        <form method="post" action="{logout}" class="inline-form">{csrf}<button type="submit" \
class="link-button">Se déconnecter</button></form>"""


def _current(path: str, url: str) -> str:
    return ' aria-current="page"' if path == url else ""


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    """The site's header (menu, search box, account links), written by Python: as a template it cost about
    as much as a short page's own content, on every page."""
    request, urls, is_member = context["request"], context["header_urls"], context["is_member"]
    path = request.path
    links = [
        f'<li><a href="{escaped(url)}"{_current(path[:-1], url[:-1])}>{escaped(page.title)}</a></li>'
        for page, url in ((page, page.url) for page in context["menu_pages"])
    ]
    if is_member:
        links.append(f'<li><a href="/reseau/"{_current(path[:8], "/reseau/")}>Ressources</a></li>')
    if urls.get("forum"):
        links.append(f'<li><a href="{urls["forum"]}">Forum</a></li>')
    if is_member and urls.get("chat"):
        unread = context.get("chat_unread")
        badge = ""
        if unread:
            plural = "" if unread == 1 else "s"
            badge = (
                f' <span class="nav-badge" data-chat-unread-total>{unread}<span class="visually-hidden"> '
                f"message{plural} non lu{plural}</span></span>"
            )
        current = _current(path[:12], "/discussion/")
        links.append(f'<li><a href="{urls["chat"]}"{current}>Discussion{badge}</a></li>')
    search = ""
    if urls.get("search"):
        search = SEARCH_BOX.format(
            action=urls["search"],
            query=escaped(context.get("search_query") or ""),
            suggestions=urls["suggestions"],
            script=escaped(static("search/js/suggestions.js")),
        )
    if context["user"].is_authenticated:
        notifications = ""
        if urls.get("notifications"):
            count = escaped(context["forum_unread_notifications"])
            notifications = (
                f'<a href="{urls["notifications"]}" class="notifications-link">Notifications '
                f'<span class="badge" data-notification-count>{count}</span>'
                '<span class="visually-hidden"> non lues</span></a>'
            )
        account = MEMBER_ACCOUNT.format(
            notifications=notifications,
            profile=urls["profile"],
            logout=urls["logout"],
            csrf=CsrfTokenNode().render(context),
        )
    else:
        back = escaped(urlencode(request.get_full_path()))
        account = f'<a href="{urls["login"]}?next={back}">Se connecter</a>'
    # Every text from the database or the request is escaped by escaped; addresses are reversed routes.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        HEADER.format(links="\n        ".join(links), search=search, account=account)
    )
