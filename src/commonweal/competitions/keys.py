"""The master secret that each tender's sealing key is derived from (competitions/sealing.py).

It is ``COMPETITION_SEALING_KEY``, held outside the database like the audit trail's keys, so a copy
of the database opens no bid. Older secrets in ``COMPETITION_SEALING_KEY_FALLBACKS`` are still tried
when a bid is opened, so the secret can be rotated. The demo, DEBUG and the tests derive one from
``SECRET_KEY`` (and ``commonweal check`` warns about it).
"""

import base64
import binascii
import hashlib
import hmac

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from commonweal.competitions import sealing


def _decoded(text: str, name: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(
            f"{name} is not base64. Make a new one with `commonweal competitions key`."
        ) from None
    if len(key) < sealing.MASTER_MIN_BYTES:
        raise ImproperlyConfigured(
            f"{name} is shorter than {sealing.MASTER_MIN_BYTES} bytes. Make a new one with "
            "`commonweal competitions key`."
        )
    return key


def master() -> bytes:
    """The secret new bids are sealed under."""
    if settings.COMPETITION_SEALING_KEY:
        return _decoded(settings.COMPETITION_SEALING_KEY, "COMPETITION_SEALING_KEY")
    return hmac.new(
        settings.SECRET_KEY.encode(), b"commonweal competition sealing key", hashlib.sha256
    ).digest()


def masters() -> list[bytes]:
    """Every secret a bid may have been sealed under: the current one first, then the fallbacks."""
    return [
        master(),
        *(
            _decoded(text, "COMPETITION_SEALING_KEY_FALLBACKS")
            for text in settings.COMPETITION_SEALING_KEY_FALLBACKS
        ),
    ]


def new_key_text() -> str:
    """A fresh master secret, as the setting takes it."""
    return base64.b64encode(sealing.new_master_key()).decode()


@checks.register(checks.Tags.security, deploy=True)
def check_sealing_key(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    try:
        masters()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="commonweal.E140")]
    if settings.COMPETITION_SEALING_KEY or settings.DEMO_MODE:
        return []
    return [
        checks.Warning(
            "COMPETITION_SEALING_KEY is not set, so bids are sealed under a key derived from "
            "SECRET_KEY: anyone who knows SECRET_KEY can open them before the deadline. Set it; "
            "`commonweal competitions key` makes one.",
            id="commonweal.W140",
        )
    ]
