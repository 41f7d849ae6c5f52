"""Demo content of forum/ (run by manage.py load_demo): the chat's for now (forum.chat_demo)."""

from forum.chat_demo import load  # noqa: F401
