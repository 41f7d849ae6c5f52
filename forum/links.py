"""The forum's addresses, each URL pattern reversed once per process: reverse() costs ~70 µs (about 120
Python calls), and a forum page wrote one for each post and action, and for each of its links."""

from functools import cache

from django.urls import get_script_prefix, reverse

PLACEHOLDER = "987654321"


@cache
def _url_parts(name: str, more: tuple[str, ...], script_prefix: str) -> tuple[str, ...]:
    """The address of URL `name` for a placeholder id, split around it (the script prefix is part of the key,
    as reverse() reads it)."""
    return tuple(reverse(name, args=[PLACEHOLDER, *more]).split(PLACEHOLDER))


@cache
def _fixed(name: str, script_prefix: str) -> str:
    return reverse(name)


def address(name: str, key: int | str | None = None) -> str:
    """What reverse(name) or reverse(name, args=[key]) gives, for an id or a slug (written as it is: neither
    needs quoting in a URL)."""
    prefix = get_script_prefix()
    if key is None:
        return _fixed(name, prefix)
    return str(key).join(_url_parts(name, (), prefix))


class Links:
    """Per-row addresses (a post's permalink and actions, a thread's pages), each pattern reversed once with a
    placeholder id and filled in per row: reverse() per post and action cost ~90 calls on a thread page."""

    def __init__(self, **names: str | tuple[str, ...]) -> None:
        """`names`: per key, a URL name taking the id, or (URL name, further fixed arguments…)."""
        prefix = get_script_prefix()
        self.parts = {}
        for key, name in names.items():
            name, *more = (name,) if isinstance(name, str) else name
            self.parts[key] = _url_parts(name, tuple(more), prefix)

    def __call__(self, key: int | str) -> dict[str, str]:
        """The addresses of the row whose id (or slug) is `key`."""
        text = str(key)
        return {key: text.join(parts) for key, parts in self.parts.items()}
