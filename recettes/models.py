"""Models of recettes: filled by its own issue."""
