"""What editors upload in the admin, checked by its content (never by its name alone) and its size.

Documents (through reseau.document_form) and a story's video and captions. Images go through
Wagtail's own field, which reads the real format, and WAGTAILIMAGES_MAX_UPLOAD_SIZE / _MAX_IMAGE_PIXELS;
members' uploads have their forms (forum attachments, recipe photos, CVs). Whatever passes is then served
inertly: documents through Wagtail's serve view (attachment unless PDF, `default-src 'none'`, nosniff,
members-only unless in the public collection: reseau.access), never straight from MEDIA_ROOT.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
VIDEO_MAX_BYTES = 300 * 1024 * 1024
CAPTIONS_MAX_BYTES = 1024 * 1024
SNIFF_BYTES = 4096

ZIP = b"PK\x03\x04"  # .docx, .xlsx, .odt and .ods are zip archives
DOCUMENT_SIGNATURES = {"pdf": (b"%PDF-",), "docx": (ZIP,), "xlsx": (ZIP,), "odt": (ZIP,), "ods": (ZIP,)}
TEXT_EXTENSIONS = {"csv", "txt"}
# Markup a browser would render if it ever ignored the text/plain type: refused in text documents.
MARKUP_STARTS = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body", b"<iframe")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _head(file: File) -> bytes:
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return head


def _check_size(file: File, limit: int, what: str) -> None:
    if file.size > limit:
        raise ValidationError(
            f"{what} pèse {_megabytes(file.size)} Mo : {limit // 1024 // 1024} Mo au plus.", code="too_big"
        )


def check_document(file: File) -> None:
    """A French ValidationError unless `file` holds what its extension says (PDF, office file, text)."""
    _check_size(file, DOCUMENT_MAX_BYTES, "Ce document")
    extension = Path(file.name).suffix.lower().lstrip(".")
    if extension not in TEXT_EXTENSIONS | DOCUMENT_SIGNATURES.keys():
        return  # Wagtail's own check refuses the other extensions (WAGTAILDOCS_EXTENSIONS).
    head = _head(file)
    if extension in TEXT_EXTENSIONS:
        if b"\x00" in head or head.lstrip().lower().startswith(MARKUP_STARTS):
            raise ValidationError(
                f"Ce fichier .{extension} ne contient pas du texte simple : enregistrez-le en texte ou CSV.",
                code="bad_content",
            )
        return
    if not head.startswith(DOCUMENT_SIGNATURES[extension]):
        raise ValidationError(
            f"Le contenu de ce fichier ne correspond pas à son extension .{extension} "
            "(nous vérifions le contenu, pas seulement le nom).",
            code="bad_content",
        )


def check_video(file: File) -> None:
    """A French ValidationError unless `file` is an MP4 or WebM video (by content) within the size limit."""
    _check_size(file, VIDEO_MAX_BYTES, "Cette vidéo")
    head = _head(file)
    is_mp4 = head[4:8] == b"ftyp"
    is_webm = head.startswith(b"\x1a\x45\xdf\xa3")
    if not (is_mp4 or is_webm):
        raise ValidationError(
            "Ce fichier n'est pas une vidéo MP4 ou WebM (nous vérifions son contenu, pas seulement son nom).",
            code="bad_content",
        )


def check_captions(file: File) -> None:
    """A French ValidationError unless `file` is a WebVTT captions file."""
    _check_size(file, CAPTIONS_MAX_BYTES, "Ce fichier de sous-titres")
    if not _head(file).removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(
            "Ce fichier n'est pas un fichier de sous-titres WebVTT (il doit commencer par « WEBVTT »).",
            code="bad_content",
        )
