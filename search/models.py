"""Models of search: filled by its own issue."""
