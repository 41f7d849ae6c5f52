"""Images read as columns of a compiled query's rows (reseau.compiled), as `select_related` would read them:
every column of the image a relation points to, then the Image built from them and its renditions fetched in
one query for all the rows (the pages show renditions, never the original)."""

from collections.abc import Sequence

from django.db.models import prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from reseau.compiled import model_columns


def image_columns(relation: str) -> list[str]:
    """values_list() names of the image `relation` points to (e.g. "photo__id", "photo__title"…)."""
    return [f"{relation}__{name}" for name in model_columns(get_image_model())]


def images(rows: Sequence[Sequence], start: int, renditions: bool = True) -> list[AbstractImage | None]:
    """The image whose columns (image_columns) start at `start` in each row, None where there is none, with
    its renditions unless `renditions` is False (read later, if ever, by whoever shows them)."""
    model, names = get_image_model(), model_columns(get_image_model())
    end = start + len(names)
    found = [None if row[start] is None else model.from_db("default", names, row[start:end]) for row in rows]
    if renditions:
        prefetch_related_objects([image for image in found if image is not None], "renditions")
    return found
