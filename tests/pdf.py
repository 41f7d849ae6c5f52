"""A tiny but valid PDF, built in the test (no file shipped): one page saying one line."""

from reseau.demo_media import text_pdf


def tiny_pdf(text: str = "CV de test") -> bytes:
    """A one-page PDF 1.4 with a correct cross-reference table."""
    return text_pdf([text], size=18)
