"""The results page's facet checkboxes and results, written by Python: a search over the network lists a
hundred facet values or more (tags, regions), and the template took about 150 function calls for each value
and 200 for each result."""

from html import escape

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import SafeString, mark_safe

from search.documents import Facet, Result

register = template.Library()

FACET_CHOICE = """<div class="facet-choice">
            <input type="checkbox" id="filtre-{key}-{number}" name="{key}" value="{value}"{checked}>
            <label for="filtre-{key}-{number}">{label} <span class="facet-count">({count})</span></label>
          </div>"""

RESULT = """
        <li>
          <article class="search-result">
            <p class="badge">{kind}</p>
            <h3><a href="{url}">{title}</a></h3>
            {excerpt}
            {place}
          </article>
        </li>
        """
PLACE = """
            <p class="search-result__place">{cafe}{region}</p>
            """


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


@register.simple_tag
def search_results(results: list[Result]) -> SafeString:
    """Each result: its type, linked title, highlighted excerpt (HTML from search.text.highlight, already
    escaped) and its café and region."""
    items = []
    for result in results:
        place = ""
        if result.region_name or result.cafe_title:
            cafe = ""
            if result.cafe_title:
                separator = " · " if result.region_name else ""
                cafe = f'<a href="{escape(result.cafe_url)}">{escape(result.cafe_title)}</a>{separator}'
            place = PLACE.format(cafe=cafe, region=escape(result.region_name))
        excerpt = f'<p class="search-result__excerpt">{result.excerpt}</p>' if result.excerpt else ""
        items.append(
            RESULT.format(
                kind=escape(str(result.kind_label)),
                url=escape(result.url),
                title=escape(result.title),
                excerpt=excerpt,
                place=place,
            )
        )
    # Every field is escaped above but the excerpt, which highlight() built from escaped text.
    return mark_safe("".join(items))  # noqa: S308  # nosec B308 B703
