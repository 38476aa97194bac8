"""Structured logging: the current request's id on every record, and a JSON formatter.

The request id lives in a context variable set by portal.middleware.RequestIDMiddleware, so log
lines written anywhere while a request is handled (views, search, e-mail) can be tied to the
access log line gunicorn writes for the same request.
"""

import contextvars
import json
import logging
from datetime import UTC, datetime

# "-" outside a request (management commands, start-up), so the field is always present.
NO_REQUEST = "-"
current_request_id = contextvars.ContextVar("current_request_id", default=NO_REQUEST)

# Attributes every LogRecord has; anything else was passed with `extra=` and is kept.
_STANDARD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
}


class RequestIDFilter(logging.Filter):
    """Adds `request_id` to each record; never drops one."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object per line, for log shippers that parse fields instead of text."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # default=str: a stray object in `extra=` (a request, a user) must not break logging.
        return json.dumps(entry, ensure_ascii=False, default=str)
