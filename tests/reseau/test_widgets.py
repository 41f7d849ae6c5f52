"""QuickSelect writes its options itself: they must escape and select exactly as Django's Select does."""

from django import forms
from django.utils.safestring import mark_safe

from reseau.widgets import QuickSelect

CHOICES = [
    ("", "Tous"),
    ("Un label précis", [("ab", "Agriculture biologique"), ('x"><script>', "<b>Nature & Progrès</b>")]),
    ("03", "03 · Allier"),
    ("safe", mark_safe("<em>déjà sûr</em>")),
]


def test_options_are_escaped_selected_and_grouped_like_djangos_select():
    for value in ("03", 'x"><script>', ""):
        quick = QuickSelect(choices=CHOICES).render("departement", value, attrs={"id": "id_departement"})
        django = forms.Select(choices=CHOICES).render("departement", value, attrs={"id": "id_departement"})
        assert "<script>" not in quick and "<b>" not in quick
        assert "&lt;b&gt;Nature &amp; Progrès&lt;/b&gt;" in quick
        assert "<em>déjà sûr</em>" in quick  # a label already marked safe is kept as it is
        assert quick.count(" selected") == django.count(" selected") == 1
        assert options(quick) == options(django)


def options(select: str) -> str:
    """The options of a rendered <select>, without the whitespace and spelling Django's template adds."""
    inner = select[select.index(">") + 1 :]
    return " ".join(inner.replace('selected=""', "selected").replace("&#x27;", "'").split()).replace(
        "> <", "><"
    )
