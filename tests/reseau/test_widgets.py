"""QuickSelect and the site's form renderer write widgets themselves: they must escape, check and select
exactly as Django's templates do."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from reseau.form_renderer import QuickWidgetRenderer
from reseau.templatetags.reseau_tags import form_field
from reseau.widgets import QuickSelect, SharedChoices

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


def test_shared_choices_are_written_once_and_selected_per_render():
    shared = SharedChoices(CHOICES)
    for value in ("03", 'x"><script>', "", None, "absent", "03"):
        written = QuickSelect(choices=shared).render("departement", value, attrs={"id": "id_departement"})
        plain = QuickSelect(choices=CHOICES).render("departement", value, attrs={"id": "id_departement"})
        assert written == plain
        assert written.count(" selected") == (0 if value == "absent" else 1)
    assert " selected" not in shared.options  # a render never marks the shared options


def test_a_choice_field_keeps_shared_choices_as_they_are():
    shared = SharedChoices(CHOICES)

    class Filters(forms.Form):
        departement = forms.ChoiceField(widget=QuickSelect, required=False)

    form = Filters(data={"departement": 'x"><script>'})
    form.fields["departement"].choices = shared
    assert (
        form.fields["departement"].choices is shared and form.fields["departement"].widget.choices is shared
    )
    assert form.is_valid()
    refused = Filters(data={"departement": "99"})
    refused.fields["departement"].choices = shared
    assert not refused.is_valid()


def options(select: str) -> str:
    """The options of a rendered <select>, without the whitespace and spelling Django's template adds."""
    inner = select[select.index(">") + 1 :]
    return " ".join(inner.replace('selected=""', "selected").replace("&#x27;", "'").split()).replace(
        "> <", "><"
    )


TRICKY = [
    'Tarte "maison" & <script>alert(1)</script>',
    mark_safe("<em>déjà sûr</em>"),
    "",
    0,
    12.5,
    None,
    "l'épicerie",
]


def widgets() -> list[tuple[forms.Widget, object]]:
    """Each plain widget the site renderer writes, with values and attributes that need escaping."""
    attrs = {"id": 'id_"champ"', "class": "a&b", "required": True, "disabled": False, "data-x": "<b>"}
    cases = []
    for value in TRICKY:
        cases += [
            (forms.TextInput(attrs=attrs), value),
            (forms.NumberInput(attrs={"size": 6}), value),
            (forms.HiddenInput(), value),
            (forms.EmailInput(attrs={"placeholder": "vous@exemple.fr"}), value),
            (forms.Textarea(attrs={"rows": 3, **attrs}), value),
            (forms.DateInput(), value),
        ]
    for value in (True, False, "on", "", None):
        cases.append((forms.CheckboxInput(attrs={"id": "id_saison"}), value))
    return cases


def test_the_site_renderer_writes_the_plain_widgets_as_djangos_templates_do():
    quick, templates = QuickWidgetRenderer(), DjangoTemplates()
    assert quick.writers  # no installed app overrides Django's widget templates here
    for widget, value in widgets():
        written = widget.render("champ", value, attrs={"aria-describedby": "aide"}, renderer=quick)
        assert written == widget.render(
            "champ", value, attrs={"aria-describedby": "aide"}, renderer=templates
        )
        assert "<script>" not in written and "<b>" not in written


def test_radio_and_checkbox_options_are_written_as_djangos_templates_write_them():
    choices = [
        ("5", "5 sur 5"),
        ('x"><script>', "<b>Nature & Progrès</b>"),
        ("safe", mark_safe("<em>sûr</em>")),
    ]
    for widget_class in (forms.RadioSelect, forms.CheckboxSelectMultiple):
        for renderer in (QuickWidgetRenderer(), DjangoTemplates()):

            class Rating(forms.Form):
                note = forms.MultipleChoiceField(choices=choices, widget=widget_class)
                default_renderer = renderer

            options = [radio.tag() for radio in Rating(initial={"note": ["5"]})["note"]]
            labels = [str(radio) for radio in Rating(initial={"note": ["5"]})["note"]]
            if isinstance(renderer, QuickWidgetRenderer):
                written = (options, labels)
            else:
                assert written == (options, labels)
        assert (
            "<script>" not in "".join(written[1])
            and "&lt;b&gt;Nature &amp; Progrès&lt;/b&gt;" in written[1][1]
        )
        assert " checked" in written[0][0] and " checked" not in written[0][1]


def test_a_form_field_shows_its_label_help_and_errors_escaped():
    class Sharing(forms.Form):
        titre = forms.CharField(label="Titre <b>gras</b>", help_text="Court & clair", max_length=5)
        note = forms.CharField(label="Note", required=False)

    form = Sharing(data={"titre": '<script>alert("x")</script>'})
    assert not form.is_valid()
    html = form_field(form["titre"])
    assert html.startswith(
        '<div class="field field--error">\n  <label for="id_titre">Titre &lt;b&gt;gras&lt;/b&gt;'
    )
    assert '<span aria-hidden="true">*</span></label>' in html
    assert '<p class="help" id="id_titre-aide">Court &amp; clair</p>' in html
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in html  # what was typed, kept
    assert (
        '<ul class="errorlist" id="id_titre-erreurs"><li>Assurez-vous que cette valeur comporte au plus 5'
        in html
    )
    assert "<script>" not in html
    optional = form_field(form["note"])
    assert optional.startswith('<div class="field">') and "*" not in optional and "errorlist" not in optional
