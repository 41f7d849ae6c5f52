"""Chat text to safe HTML: escaped, with web links and @mentions made clickable, then cleaned by nh3.

Kept minimal on purpose: the forum's Markdown renderer (same nh3 policy) will take over once it lands, and
this module is then folded into it. Messages are stored as typed; HTML is produced at display time.
"""

import html
import re

import nh3

# A web address: http(s)://… up to whitespace, without the punctuation that usually ends a sentence.
LINK = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
MENTION = re.compile(r"(?<![\w@])@([\w.+-]{2,150})")
ALLOWED_TAGS = {"a", "br", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}}


def mentioned_usernames(text: str) -> set[str]:
    """The usernames written as @identifiant in `text` (trailing dots and dashes are punctuation)."""
    return {name.rstrip(".-") for name in MENTION.findall(text)}


def render(text: str) -> str:
    """Safe HTML for a chat message: links open outside with rel=nofollow noopener, no other markup."""
    pieces: list[str] = []
    position = 0
    for match in LINK.finditer(text):
        pieces.append(_escape_with_mentions(text[position : match.start()]))
        url = match.group(0)
        pieces.append(f'<a href="{html.escape(url)}">{html.escape(url)}</a>')
        position = match.end()
    pieces.append(_escape_with_mentions(text[position:]))
    return nh3.clean(
        "".join(pieces).replace("\n", "<br>"),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer",
    )


def _escape_with_mentions(text: str) -> str:
    escaped = html.escape(text)
    return MENTION.sub(lambda m: f'<span class="chat-mention">@{m.group(1)}</span>', escaped)
