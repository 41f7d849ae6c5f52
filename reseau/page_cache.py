"""What pages share, cached: the site and its menu on every request, and whole pages for anonymous visitors.

Both hang on one "pages version" kept in the cache (Redis in production, so every process sees it):
saving, publishing, unpublishing, moving or deleting any page, or editing a Site, a page's view restriction or
an image, bumps it (reseau.versions: at once, and again when the transaction commits), and every cached frame
and page of an older version is ignored from then on. Members' activity shown
on public pages (tries, threads, next events) reaches the anonymous copies within PAGE_CACHE_SECONDS.

The anonymous page cache stores a Wagtail page's response only when nothing in it belongs to one visitor:
a GET without session or messages cookie, a live page served by Wagtail's own view (never a preview, which
goes through the admin and a session), status 200, no cookie set, no CSRF token used, no CSP nonce. Members
always have a session cookie, so they never read a visitor's copy and their pages are never stored.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from reseau import versions

VERSION_KEY = "reseau:pages-version"
FRAME_SECONDS = 600
CACHE_HEADER = "X-Cache-Pages"


# What a cached page or frame shows: pages, sites, view restrictions, and images (a file replaced gives new
# renditions; the old ones are deleted).
SHOWN_IN_PAGES = (Page, Site, PageViewRestriction, AbstractImage)


def current_version() -> int:
    return versions.read(VERSION_KEY)


def bump_version(**kwargs) -> None:
    """Receiver of every signal after which a cached page or menu may be out of date."""
    instance = kwargs.get("instance")
    if instance is not None and not isinstance(instance, SHOWN_IN_PAGES):
        return
    versions.bump(VERSION_KEY)


def connect_signals() -> None:
    for signal in (page_published, page_unpublished, post_page_move, post_save, post_delete):
        signal.connect(bump_version, dispatch_uid=f"reseau-page-cache-{id(signal)}")


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str


@dataclass(frozen=True)
class Frame:
    """What every page of a site needs: the Site (its root page loaded), the main menu, the live sections
    under the root (specific pages by slug, so that routing into them costs no query) and the tree paths of
    the pages that carry a Wagtail view restriction (none, usually: then no page asks the database for its
    ancestors' restrictions)."""

    version: int
    site: Site | None
    menu: tuple[MenuItem, ...]
    sections: dict[str, Page]
    restricted_paths: tuple[str, ...]

    def url_for(self, url_path: str) -> str | None:
        """What `page.get_url(request)` gives for the page at `url_path` on this site, without the page: for
        lists that read plain values. None for a page outside this site."""
        root = self.site.root_page.url_path if self.site else None
        if root is None or not url_path.startswith(root):
            return None
        return url_path[len(root) - 1 :]

    def may_be_restricted(self, page: Page) -> bool:
        """False when neither `page` nor an ancestor has a view restriction (aliases are always checked)."""
        return page.alias_of_id is not None or page.path.startswith(self.restricted_paths)


def section(request: HttpRequest, model: type[Page]) -> Page | None:
    """The live section of type `model` right under the home page (e.g. the cafés' index), from the frame."""
    return next((page for page in frame(request).sections.values() if isinstance(page, model)), None)


def _frame_key(request: HttpRequest) -> str:
    return f"reseau:frame:{request.get_host()}:{request.get_port()}"


# The frames this process last used, by _frame_key: while the pages version is theirs, a request reads only
# the version from the cache, not the whole pickled frame. Gunicorn's workers serve one request at a time;
# what a request sets on a held page (its frame, a child's parent) is the same for every request.
_held: dict[str, Frame] = {}


def frame(request: HttpRequest, found: dict | None = None) -> Frame:
    """The request's Frame, from this process or the cache while no page changed; also Wagtail's
    `Site.find_for_request`.

    `found`: the version if already read from the cache with other keys (one round trip)."""
    cached = getattr(request, "_reseau_frame", None)
    if cached is not None:
        return cached
    key = _frame_key(request)
    version = versions.read(VERSION_KEY, found)
    cached = _held.get(key)
    if cached is None or cached.version != version:
        cached = cache.get(key)
    if cached is None or cached.version != version:
        site = Site.find_for_request(request)
        sections: dict[str, Page] = {}
        if site is not None:
            site.root_page = site.root_page.specific  # kept specific: Wagtail's routing starts from it
            sections = {page.slug: page for page in site.root_page.get_children().live().specific()}
        in_menu = [page for page in sections.values() if page.show_in_menus]
        menu = tuple(MenuItem(page.title, page.get_url(request)) for page in in_menu)
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True).order_by()
        aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True).order_by()
        cached = Frame(version, site, menu, sections, tuple(restricted) + tuple(aliases))
        cache.set(key, cached, FRAME_SECONDS)
    _held[key] = cached
    request._wagtail_site = cached.site  # what Site.find_for_request would have queried
    request._reseau_frame = cached
    return cached


class FramedPageMixin:
    """For page models: Wagtail asks every page it serves for its and its ancestors' view restrictions (two
    queries); the request's frame knows which tree paths carry one, so most pages need not ask."""

    def get_view_restrictions(self):
        served_in = getattr(self, "_reseau_frame", None)
        if served_in is not None and not served_in.may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def mark_cacheable(page: Page, request: HttpRequest, serve_args, serve_kwargs) -> None:
    """`before_serve_page` hook: hands the page its request's frame (FramedPageMixin), and notes whether this
    response is a live, public page served by Wagtail (not a preview), which the page cache may keep."""
    from reseau import access

    page._reseau_frame = frame(request)
    if page.live and access.audience(page) == access.Visibility.PUBLIC:
        request._reseau_cacheable_page = True


def _page_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"reseau:page:{digest}"


def _anonymous_get(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(("/admin/", "/django-admin/"))
    )


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        getattr(request, "_reseau_cacheable_page", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and getattr(request, "_csp_nonce", None) is None
        and not response.has_header("Cache-Control")
    )


class PageCacheMiddleware:
    """Serves and stores anonymous visitors' copies of public Wagtail pages; primes the Site for Wagtail.

    Works once the URL is resolved (process_view), so that other views, /sante/ included, pay nothing; a copy
    costs one cache round trip (version and page together). It sits above the session middleware and
    below the security and CSP ones, which add their headers to every response, copies included.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        pending = getattr(request, "_reseau_page_miss", None)
        if pending is not None and _storable(request, response):
            key, version = pending
            headers = [(name, value) for name, value in response.items() if name != CACHE_HEADER]
            cache.set(
                key, (version, response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS
            )
            response[CACHE_HEADER] = "miss"
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if not (request.resolver_match and request.resolver_match.url_name == "wagtail_serve"):
            return None
        if not _anonymous_get(request):
            frame(request)
            return None
        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        entry = found.get(key)
        if entry is not None and entry[0] == found.get(VERSION_KEY):
            _, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[CACHE_HEADER] = "hit"
            return response
        request._reseau_page_miss = (key, versions.read(VERSION_KEY, found))
        frame(request, found)
        return None
