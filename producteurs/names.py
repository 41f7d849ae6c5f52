"""Comparing names the way people type them: case, accents, hyphens and apostrophes do not matter."""

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'"})
_SEPARATORS = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """A comparison key: « Saint-Émiland », "saint emiland" and "SAINT-EMILAND" share "saint emiland"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LIGATURES))
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", ascii_only.lower()).strip()


def slug_for(name: str) -> str:
    """A French slug that keeps ligatures readable: « œufs de poule » → "oeufs-de-poule"."""
    return name_key(name).replace(" ", "-")
