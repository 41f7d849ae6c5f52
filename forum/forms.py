"""The forum's forms: what a person types, checked with French errors next to the field."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError
from wagtail.models import Page

from forum.models import ABOUT_PAGE_MODELS, Category, ForumProfile, Reaction, Thread
from forum.services import NewFile

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}
BODY_HELP = (
    "Markdown : **gras**, *italique*, > citation, - liste, [texte](https://adresse). "
    "Mentionnez un membre avec @identifiant."
)


def inspect_upload(upload) -> NewFile:
    """The upload's real type, read from its content (never from its name or the browser's claim)."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"Le fichier « {upload.name} » pèse {upload.size / 1024 / 1024:.1f} Mo : 5 Mo au plus.",
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    size = (0, 0)
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    else:
        try:
            with Image.open(upload) as image:
                image.verify()
                kind, size = IMAGE_FORMATS.get(image.format or ""), image.size
        except Image.DecompressionBombError:
            kind, size = "bomb", (0, 0)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            kind = None
        upload.seek(0)
    if kind is None:
        raise ValidationError(
            f"Le fichier « {upload.name} » n'est ni une photo (JPEG, PNG, WebP) ni un PDF.", code="bad_type"
        )
    if kind == "bomb" or size[0] * size[1] > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        # A few kilobytes can declare billions of pixels: every browser showing the post would decode them.
        dimensions = f" ({size[0]} × {size[1]} pixels)" if size[0] else ""
        raise ValidationError(
            f"La photo « {upload.name} » est trop grande{dimensions} : réduisez-la avant de l'envoyer.",
            code="too_many_pixels",
        )
    name = "".join(ch for ch in upload.name if ch.isprintable())[:200] or "fichier"
    return NewFile(file=upload, kind=kind, name=name, size=upload.size)


class PostForm(forms.Form):
    """A reply: its Markdown text and an optional photo or PDF."""

    body = forms.CharField(
        label="Votre message",
        help_text=BODY_HELP,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8, "data-mention-autocomplete": "true"}),
    )
    attachment = forms.FileField(
        label="Pièce jointe (photo ou PDF, 5 Mo au plus)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )
    quoted = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError("Le message est vide.")
        return body

    def clean_attachment(self) -> NewFile | None:
        upload = self.cleaned_data.get("attachment")
        return inspect_upload(upload) if upload else None

    @property
    def files_to_attach(self) -> list[NewFile]:
        upload = self.cleaned_data.get("attachment")
        return [upload] if upload else []


class ThreadForm(PostForm):
    """A new thread: a title, then the first post (maybe about a page of the site: a recipe, a café…)."""

    title = forms.CharField(label="Titre du sujet", max_length=150)
    about_page = forms.ModelChoiceField(
        queryset=Page.objects.live(), required=False, widget=forms.HiddenInput
    )
    quoted = None

    field_order = ["title", "body", "attachment"]

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if len(title) < 5:
            raise ValidationError("Le titre doit compter au moins 5 caractères.")
        return title

    def clean_about_page(self) -> Page | None:
        page = self.cleaned_data.get("about_page")
        if page is not None and page.specific_class._meta.label_lower not in ABOUT_PAGE_MODELS:
            raise ValidationError(
                "Un sujet peut porter sur une recette, un format, un producteur ou un café."
            )
        return page


class EditForm(forms.Form):
    body = forms.CharField(
        label="Message", help_text=BODY_HELP, max_length=20000, widget=forms.Textarea(attrs={"rows": 10})
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError("Le message est vide.")
        return body


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="Pourquoi signalez-vous ce message ?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="La modération lit chaque signalement ; l'auteur ne sait pas qui l'a signalé.",
        error_messages={"required": "Dites en quelques mots ce qui pose problème dans ce message."},
    )


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label="Motif (inscrit au journal de modération)", max_length=1000, required=False
    )


class MoveForm(ModerationForm):
    category = forms.ModelChoiceField(label="Nouvelle catégorie", queryset=Category.objects.all())


class MergeForm(ModerationForm):
    target = forms.IntegerField(
        label="Numéro du sujet dans lequel fusionner",
        help_text="Le numéro figure dans l'adresse du sujet : /forum/sujet/<numéro>/.",
        min_value=1,
    )

    def __init__(self, *args, source: Thread, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source

    def clean_target(self) -> Thread:
        target = Thread.objects.filter(pk=self.cleaned_data["target"], merged_into__isnull=True).first()
        if target is None:
            raise ValidationError("Aucun sujet ne porte ce numéro.")
        if target.pk == self.source.pk:
            raise ValidationError("Un sujet ne peut pas être fusionné avec lui-même.")
        return target


class ReactionForm(forms.Form):
    emoji = forms.ChoiceField(choices=[(key, key) for key in Reaction.EMOJIS])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = ForumProfile
        fields = ["email_digest"]
