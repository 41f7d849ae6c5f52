"""Markdown written by members, turned into HTML that is safe to show to everyone.

One module for the forum and the chat: Python-Markdown renders, then nh3 (an allow-list sanitiser) keeps only
harmless tags and attributes. Raw HTML typed by a member is never interpreted (Markdown's HTML pass-through is
switched off, so it shows as text), links may only be http(s) or mailto, images are kept only when they come
from the site's own uploads (others become plain links), headings are shifted down so a post never adds an
<h1>, and @mentions of existing members become <span class="mention">.
"""

import re
import xml.etree.ElementTree as etree  # noqa: S405 - builds elements for Markdown, parses nothing
from collections.abc import Iterable
from dataclasses import dataclass, field

import markdown
import nh3
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

MENTION_RE = r"(?<![\w@/])@([\w.+-]{1,150})"
BARE_URL_RE = r"(?<![\(<\"'=\w])(https?://[^\s<>\"'\)\]]+[^\s<>\"'\)\].,;:!?])"
# Where the site serves its own uploads (forum attachments through an access-checked view, and media).
OWN_UPLOAD_PREFIXES = ("/forum/piece-jointe/", settings.MEDIA_URL)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h3", "h4", "h5", "h6", "span", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}


def _is_own_upload(url: str) -> bool:
    return url.startswith(OWN_UPLOAD_PREFIXES) and not url.startswith("//")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not _is_own_upload(value):
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow ugc noopener noreferrer",
    allowed_classes={"span": {"mention"}},
)


@dataclass
class Rendered:
    """A rendered text, with what the rate limits and notifications need to know about it."""

    html: SafeString
    mentions: list[str] = field(default_factory=list)
    links: int = 0


class _MentionProcessor(InlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, known: set[str], found: list[str]):
        super().__init__(pattern, md)
        self.known = known
        self.found = found

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        username = m.group(1).rstrip(".")
        if username.lower() not in self.known:
            return None, None, None
        if username.lower() not in self.found:
            self.found.append(username.lower())
        element = etree.Element("span", {"class": "mention"})
        element.text = f"@{username}"
        return element, m.start(0), m.start(0) + len(username) + 1


class _BareUrlProcessor(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        element = etree.Element("a", {"href": m.group(1)})
        element.text = m.group(1)
        return element, m.start(0), m.end(0)


class _SafeTree(Treeprocessor):
    """Shift headings down (a post lives under the page's h1/h2) and turn foreign images into links."""

    HEADINGS = {"h1": "h3", "h2": "h4", "h3": "h5", "h4": "h6", "h5": "h6"}

    def __init__(self, md: markdown.Markdown, stats: dict):
        super().__init__(md)
        self.stats = stats

    def run(self, root):
        for element in root.iter():
            if element.tag in self.HEADINGS:
                element.tag = self.HEADINGS[element.tag]
            elif element.tag == "img" and not _is_own_upload(element.get("src", "")):
                src = element.attrib.pop("src", "")
                alt = element.attrib.pop("alt", "") or src
                element.attrib.clear()
                element.tag = "a"
                element.set("href", src)
                element.text = alt
            if element.tag == "a":
                self.stats["links"] += 1
        return None


def mention_candidates(text: str) -> set[str]:
    """Every @word in `text`, lower-cased: the usernames to look up before rendering."""
    return {match.rstrip(".").lower() for match in re.findall(MENTION_RE, text)}


def render_markdown(text: str, mentionable: Iterable[str] = ()) -> Rendered:
    """Markdown → sanitised HTML; `mentionable` are the (existing) usernames that @ may point to."""
    found: list[str] = []
    stats = {"links": 0}
    md = markdown.Markdown(extensions=["sane_lists", "nl2br"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.register(_BareUrlProcessor(BARE_URL_RE, md), "bare_url", 95)
    md.inlinePatterns.register(
        _MentionProcessor(MENTION_RE, md, {name.lower() for name in mentionable}, found), "mention", 94
    )
    md.treeprocessors.register(_SafeTree(md, stats), "safe_tree", 1)
    # nh3's allow-list output: no script, no event handler, no javascript: URL can survive it.
    html = _cleaner.clean(md.convert(text))
    return Rendered(html=mark_safe(html), mentions=found, links=stats["links"])  # noqa: S308  # nosec B308 B703


def markdown_to_html(text: str) -> SafeString:
    """The short form for callers that only need the HTML (the chat, the how-to pages)."""
    return render_markdown(text).html


def quote(text: str, author: str) -> str:
    """A Markdown quotation of `text` by `author`, ready to start a reply with."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())
    return f"> **{author}** a écrit :\n{quoted}\n\n"
