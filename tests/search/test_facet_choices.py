"""The facet checkboxes (search_tags.facet_choices, written by Python) escape what documents carry."""

from search.documents import Facet, FacetValue
from search.templatetags.search_tags import facet_choices


def test_each_value_is_a_checkbox_with_its_label_and_grouped_count_escaped():
    facet = Facet(
        key="tag",
        label="Mots-clés",
        values=[
            FacetValue('"><script>alert(1)</script>', "<b>Marché</b> & co", 1234, selected=True),
            FacetValue("ete", "été", 7),
        ],
    )
    html = facet_choices(facet)
    assert "<script>" not in html and "<b>" not in html
    typed = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f'<input type="checkbox" id="filtre-tag-1" name="tag" value="{typed}" checked>' in html
    assert (
        '<label for="filtre-tag-1">&lt;b&gt;Marché&lt;/b&gt; &amp; co <span class="facet-count">(1\xa0234)'
        in html
    )
    assert '<input type="checkbox" id="filtre-tag-2" name="tag" value="ete">' in html
    assert '<label for="filtre-tag-2">été <span class="facet-count">(7)</span></label>' in html


def test_counts_are_grouped_as_intcomma_groups_them_on_either_side_of_a_thousand():
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.utils import translation

    counts = [0, 7, 999, 1000, 12_345, 1_234_567]
    with translation.override("fr"):
        html = facet_choices(Facet("region", "Région", [FacetValue(str(n), str(n), n) for n in counts]))
        for count in counts:
            assert f'<span class="facet-count">({intcomma(count)})</span>' in html
    assert "(1\xa0000)" in html and "(999)" in html
