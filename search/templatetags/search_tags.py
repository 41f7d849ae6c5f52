"""The results page's facet checkboxes, written by Python: a search over the network lists a hundred facet
values or more (tags, regions), and the template took about 150 function calls for each."""

from html import escape

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import SafeString, mark_safe

from search.documents import Facet

register = template.Library()

FACET_CHOICE = """<div class="facet-choice">
            <input type="checkbox" id="filtre-{key}-{number}" name="{key}" value="{value}"{checked}>
            <label for="filtre-{key}-{number}">{label} <span class="facet-count">({count})</span></label>
          </div>"""


@register.simple_tag
def facet_choices(facet: Facet) -> SafeString:
    """The checkbox and label of each value of `facet`, its count grouped as `intcomma` groups it."""
    key = escape(facet.key)
    choices = (
        FACET_CHOICE.format(
            key=key,
            number=number,
            value=escape(value.value),
            checked=" checked" if value.selected else "",
            label=escape(value.label),
            # Below a thousand intcomma groups nothing, and its locale lookups cost more than the rest.
            count=str(value.count) if value.count < 1000 else escape(str(intcomma(value.count))),
        )
        for number, value in enumerate(facet.values, start=1)
    )
    # Keys, values, labels and counts are escaped above.
    return mark_safe("\n          ".join(choices))  # noqa: S308  # nosec B308 B703
