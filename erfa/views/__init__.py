"""Front-end views of erfa-groups (the URL names are in erfa/urls.py)."""

from .meetings import attendance, meeting, meeting_document, minutes, my_calendar
from .membership import decide, join, leave, remove_member
from .posts import hide_post, posts, reply
from .proposals import propose_case

__all__ = [
    "attendance",
    "decide",
    "hide_post",
    "join",
    "leave",
    "meeting",
    "minutes",
    "meeting_document",
    "my_calendar",
    "posts",
    "propose_case",
    "remove_member",
    "reply",
]
