"""Classic XSS payloads, and a checker that finds live markup in a rendered page."""

from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](  javascript:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '![x" onerror="alert(1)](/forum/piece-jointe/1/)',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "[x](&#106;avascript:alert(1))",
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    "<marquee onstart=alert(1)>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<svg><script>alert(1)</script></svg>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    '<a href="vbscript:msgbox(1)">x</a>',
    "[x](vbscript:msgbox(1))",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<textarea><script>alert(1)</script></textarea>",
    '[a](https://example.org "titre\\" onmouseover=\\"alert(1)")',
    '<http://example.org/"onmouseover="alert(1)>',
    'https://example.org/"><script>alert(1)</script>',
    "![](https://example.org/pixel.png)",
    "<img src=//example.org/x.png>",
]

FORBIDDEN_TAGS = {"iframe", "object", "embed", "svg", "math", "style", "base", "marquee", "video", "source"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class LiveMarkup(HTMLParser):
    """Collects what would run or load in a browser and did not come from our own templates."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/static/"):
            self.problems.append("<script> inline")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.problems.append("<meta http-equiv>")
        if tag == "img" and not (dict(attrs).get("src") or "").startswith(
            ("/forum/piece-jointe/", "/static/")
        ):
            self.problems.append(f"<img src={dict(attrs).get('src')!r}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name == "style":
                self.problems.append(f"{tag} style=")
            cleaned = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and cleaned.startswith(BAD_SCHEMES):
                self.problems.append(f"{tag} {name}={value!r}")


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    return parser.problems
