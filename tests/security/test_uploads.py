"""Uploads: checked by content and size with a French error, served inert, members' documents kept members'.

Documents and images go through the admin as an editor uploads them; a story's video through the page's
validation (what the admin's page form shows next to the field).
"""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PilImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from reseau import uploads
from reseau.access import PUBLIC_DOCUMENTS_COLLECTION
from reseau.models import StoryPage
from tests import pdf

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'


def errors_of(response) -> str:
    """The text of the form's errors, as the admin shows them."""
    form = response.context["form"]
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


def add_document(client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content)
    root = Collection.get_first_root_node()
    return client.post("/admin/documents/add/", {"title": name, "file": upload, "collection": root.pk})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("charte.pdf", HTML, "Le contenu de ce fichier ne correspond pas à son extension .pdf"),
        ("contrat.docx", b"%PDF-1.4 pas un docx", "ne correspond pas à son extension .docx"),
        ("liste.csv", HTML, "Ce fichier .csv ne contient pas du texte simple"),
        ("notes.txt", b"\x00\x01binaire", "Ce fichier .txt ne contient pas du texte simple"),
        ("page.html", HTML, "html"),
        ("logo.svg", SVG, "svg"),
    ],
)
def test_a_document_whose_content_is_not_what_its_name_says_is_refused_in_french(
    admin_client, name, content, message
):
    response = add_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not Document.objects.exists()


def test_a_too_big_document_is_refused_with_its_weight(admin_client, monkeypatch):
    monkeypatch.setattr(uploads, "DOCUMENT_MAX_BYTES", 1024 * 1024)
    response = add_document(admin_client, "rapport.pdf", b"%PDF-1.4\n" + b"0" * 1_200_000 + b"\n%%EOF")
    assert "Ce document pèse 1,1 Mo : 1 Mo au plus." in errors_of(response)
    assert not Document.objects.exists()


def test_a_real_pdf_is_accepted(admin_client):
    response = add_document(admin_client, "charte.pdf", pdf.tiny_pdf("Charte du réseau"))
    assert response.status_code == 302
    assert Document.objects.get().title == "charte.pdf"


@pytest.fixture
def documents(db) -> dict[str, Document]:
    root = Collection.get_first_root_node()
    public = root.get_children().get(name=PUBLIC_DOCUMENTS_COLLECTION)
    return {
        "members": Document.objects.create(
            title="Contrat de gérance",
            file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="contrat.pdf"),
            collection=root,
        ),
        "public": Document.objects.create(
            title="Charte", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="charte.pdf"), collection=public
        ),
        "text": Document.objects.create(
            title="Horaires", file=ContentFile(b"<b>lundi</b>", name="horaires.txt"), collection=public
        ),
    }


def test_members_documents_are_not_reachable_by_url_for_a_visitor(client, make_user, member, documents):
    members_only = documents["members"]
    response = client.get(members_only.url)
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")
    # Nor straight from the media folder, whatever its name.
    assert client.get(f"/media/{members_only.file.name}").status_code == 404
    client.force_login(make_user("inscrit-sans-cafe"))
    assert client.get(members_only.url).status_code == 302
    client.force_login(member)
    served = client.get(members_only.url)
    assert served.status_code == 200 and b"".join(served.streaming_content).startswith(b"%PDF-")


def test_public_documents_are_served_inert(client, documents):
    public_pdf = client.get(documents["public"].url)
    assert public_pdf.status_code == 200
    assert public_pdf["Content-Type"] == "application/pdf"
    assert public_pdf["Content-Security-Policy"] == "default-src 'none'"
    assert public_pdf["X-Content-Type-Options"] == "nosniff"
    text = client.get(documents["text"].url)
    assert text["Content-Disposition"].startswith("attachment")
    assert text["Content-Security-Policy"] == "default-src 'none'"
    assert client.get(f"/media/{documents['public'].file.name}").status_code == 404


def image_bytes(size: tuple[int, int], image_format: str = "PNG", mode: str = "1") -> bytes:
    buffer = io.BytesIO()
    PilImage.new(mode, size).save(buffer, image_format)
    return buffer.getvalue()


def add_image(client, name: str, content: bytes):
    root = Collection.get_first_root_node()
    upload = SimpleUploadedFile(name, content)
    return client.post("/admin/images/add/", {"title": name, "file": upload, "collection": root.pk})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", SVG, "Format d'image non supporté."),
        ("page.html", HTML, "Format d'image non supporté."),
        ("photo.jpg", HTML, "L'extension de fichier ne correspond pas au format du fichier"),
        ("photo.png", image_bytes((8, 8), "JPEG", "RGB"), "L'extension de fichier ne correspond pas"),
        # 8,000 × 8,000 = 64 million pixels (a few kilobytes of PNG): over WAGTAILIMAGES_MAX_IMAGE_PIXELS.
        ("bombe.png", image_bytes((8000, 8000)), "Ce fichier a un trop grand nombre de pixels (64000000)"),
    ],
)
def test_an_image_is_checked_by_its_content_and_its_pixels_in_french(admin_client, name, content, message):
    response = add_image(admin_client, name, content)
    assert response.status_code == 200
    assert message in errors_of(response), errors_of(response)
    assert not Image.objects.exists()


MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


@pytest.mark.parametrize(
    ("video", "captions", "field", "message"),
    [
        (HTML, b"WEBVTT\n", "video_file", "Ce fichier n'est pas une vidéo MP4 ou WebM"),
        (MP4_HEAD, HTML, "video_captions", "Ce fichier n'est pas un fichier de sous-titres WebVTT"),
    ],
)
def test_a_story_video_is_checked_by_its_content(cafe, make_story, video, captions, field, message):
    story = make_story(cafe)
    story.video_file = SimpleUploadedFile("film.mp4", video)
    story.video_captions = SimpleUploadedFile("film.vtt", captions)
    with pytest.raises(ValidationError) as refused:
        story.full_clean()
    assert refused.value.message_dict[field][0].startswith(message)


def test_a_real_video_and_captions_pass_and_a_huge_one_is_refused(cafe, make_story, monkeypatch):
    story = make_story(cafe, reopened_on=date(2022, 5, 1))
    story.video_file = SimpleUploadedFile("film.mp4", MP4_HEAD + b"\x00" * 1_200_000)
    story.video_captions = SimpleUploadedFile(
        "film.vtt", "\ufeffWEBVTT\n\n00:00.000 --> 00:02.000\nBonjour".encode()
    )
    story.full_clean()
    monkeypatch.setattr(uploads, "VIDEO_MAX_BYTES", 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        story.full_clean()
    assert refused.value.message_dict["video_file"] == ["Cette vidéo pèse 1,1 Mo : 1 Mo au plus."]
    assert StoryPage.objects.get(pk=story.pk).video_file == ""


BOMB = image_bytes((8000, 8000))  # 64 million pixels in a few kilobytes


def test_a_pixel_bomb_attached_to_a_forum_post_is_refused_and_the_text_kept(
    client, old_member, members_category
):
    from forum import services as forum_services
    from forum.models import Attachment

    thread = forum_services.create_thread(old_member, members_category, "Photos du comptoir", "Les voici")
    client.force_login(old_member)
    response = client.post(
        f"/forum/sujet/{thread.pk}/repondre/",
        {"body": "Mon texte précieux", "attachment": SimpleUploadedFile("comptoir.png", BOMB)},
    )
    page = response.content.decode()
    assert "La photo « comptoir.png » est trop grande (8000 × 8000 pixels)" in page
    assert "Mon texte précieux</textarea>" in page
    assert thread.posts.count() == 1 and not Attachment.objects.exists()


def test_a_pixel_bomb_as_a_recipe_photo_is_refused_in_french(db):
    from recettes.forms import PhotoField

    with pytest.raises(ValidationError) as refused:
        PhotoField().clean(SimpleUploadedFile("tarte.png", BOMB))
    assert refused.value.messages == ["Cette image est trop grande (64000000 pixels) : réduisez-la."]
