"""Models of producteurs: filled by its own issue."""
