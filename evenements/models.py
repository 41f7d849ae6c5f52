"""Models of evenements: filled by its own issue."""
