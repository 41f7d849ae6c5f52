"""Models of forum: filled by its own issue."""
