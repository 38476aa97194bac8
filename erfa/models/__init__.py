from .meetings import Attendance, Meeting, MeetingDocument
from .membership import CalendarToken, CaseProposal, JoinRequest, Membership, Profile
from .pages import ErfaGroupIndexPage, ErfaGroupPage, ErfaGroupSource
from .posts import Post

__all__ = [
    "Attendance",
    "CalendarToken",
    "CaseProposal",
    "ErfaGroupIndexPage",
    "ErfaGroupPage",
    "ErfaGroupSource",
    "JoinRequest",
    "Meeting",
    "MeetingDocument",
    "Membership",
    "Post",
    "Profile",
]
