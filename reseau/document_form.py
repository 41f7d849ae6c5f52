"""The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): Wagtail's, plus reseau.uploads' check."""

from wagtail.documents.forms import BaseDocumentForm

from reseau.uploads import check_document


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, plus the content and size check."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_document(file)
        return file
