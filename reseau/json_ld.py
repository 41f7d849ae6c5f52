"""schema.org JSON-LD data blocks (recipes, events…): data, not code, so the script-src CSP lets them be."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The characters that could close the <script> element or open a comment, escaped as in Django's json_script.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """A `<script type="application/ld+json">` block holding `data`."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    # `<`, `>` and `&` are escaped above, so the payload cannot close the script block.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308  # nosec B308 B703
