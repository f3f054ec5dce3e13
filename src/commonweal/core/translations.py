"""Translation lookups without Django's empty English fallbacks.

Django builds a language's catalogue from its own and each installed app's ``.mo`` files, and chains
behind it every file that had a fallback of its own. For English those are Django's and its contrib
apps' ``en`` catalogues, which hold nothing but a header; yet every message not found (in English,
every message) walked the whole chain, six calls deep, about 4 µs for each ``{% translate %}`` of
every page. ``install`` unhooks them once per process: an empty catalogue answers nothing, so
every message translates exactly as before.
"""

from django.conf import settings
from django.utils.translation import trans_real


def drop_empty_fallbacks(translation) -> None:
    """Unhook from ``translation``'s chain of fallbacks every catalogue that holds no message."""
    previous, current = translation, getattr(translation, "_fallback", None)
    while current is not None:
        catalog = getattr(current, "_catalog", None)
        if isinstance(catalog, dict) and set(catalog) <= {""}:  # "" is the file's header
            previous._fallback = current._fallback
        else:
            previous = current
        current = current._fallback


def install() -> None:
    """Prune the catalogues of every language the site speaks (built now, as a first page would)."""
    for code, _name in settings.LANGUAGES:
        drop_empty_fallbacks(trans_real.translation(code))
