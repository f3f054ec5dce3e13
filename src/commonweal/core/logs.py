"""Filters for the site's logs (settings.LOGGING).

Django logs a page refused to a person (a 403, "Forbidden (Permission denied)") with the whole
traceback of the PermissionDenied that refused it: twenty lines for something that is not a fault,
burying the real errors in a busy site's log. A refusal is the site doing its job: one line says
which page, to whom it answered, and with what status.
"""

import logging


class OneLineClientErrors(logging.Filter):
    """Drop the traceback from ``django.request``'s record of an answer in the 400s; keep the line."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
