"""Models of forum: filled by its own issue."""

from forum.chat_models import *  # noqa: F401,F403
