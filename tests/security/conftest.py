"""Fixtures of the cross-cutting security tests: the content factories of each app, reused as they are."""

from tests.evenements.conftest import events_index, formats_index, make_event, make_format  # noqa: F401
from tests.forum.conftest import members_category, old_member, other_member, public_category  # noqa: F401
from tests.producteurs.conftest import make_producer, producer_index, vocabulary  # noqa: F401
from tests.recettes.conftest import make_recipe, recipe_index  # noqa: F401
from tests.reseau.conftest import make_image, make_story, story_index  # noqa: F401
