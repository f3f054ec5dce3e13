"""The API's rate limits, keyed on the real client address (core/client.py), never a header a client made up.

The rates are settings (API_THROTTLE_RATES, in REST_FRAMEWORK's DEFAULT_THROTTLE_RATES); API_THROTTLE=off
switches them off, for benchmarks. The back office may give one API token its own rate (requests a
minute): calls made with that token are counted against it, apart from the person's other calls.
A throttled call is a 429 with Retry-After in whole seconds (core/api/errors.py words the body).
"""

from django.conf import settings
from django.utils.translation import gettext as _g
from django.utils.translation import ngettext
from rest_framework import throttling

from commonweal.core.client import client_network

_PERIODS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}  # as DRF reads "120/min"


def token_rate(request) -> int | None:
    """The requests a minute the back office gave the API token this call was made with, if any.
    (request.auth is the token for a token call: accounts/api_auth.py.)"""
    return getattr(getattr(request, "auth", None), "rate_per_minute", None) or None


class _WholeSecondsWait:
    """Retry-After is never missing and never zero: at least one second, until room is made."""

    def wait(self):
        waited = super().wait()
        if (
            waited is None
        ):  # more calls counted than the rate allows (it was lowered): wait out the window
            oldest = self.history[-1] if self.history else self.now
            waited = self.duration - (self.now - oldest)
        return max(1.0, waited)


class AnonRateThrottle(_WholeSecondsWait, throttling.AnonRateThrottle):
    """Anonymous calls, counted per client address (an IPv6 /64 counts as one), as the trusted proxies saw it."""

    def allow_request(self, request, view) -> bool:
        return not settings.API_THROTTLE or super().allow_request(request, view)

    def get_ident(self, request) -> str:
        return client_network(request)


class UserRateThrottle(_WholeSecondsWait, throttling.UserRateThrottle):
    """Calls by a signed-in person, counted per person; per client address for anybody else.
    Calls with a token the back office gave its own rate are counted per token, at that rate."""

    def allow_request(self, request, view) -> bool:
        if not settings.API_THROTTLE:
            return True
        own = token_rate(request)
        if own is not None and self.rate is not None:
            self.rate = f"{own}/min"
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str | None:
        if token_rate(request) is not None:
            return self.cache_format % {"scope": "token", "ident": request.auth.pk}
        return super().get_cache_key(request, view)

    def get_ident(self, request) -> str:
        return client_network(request)


def _rate_in_words(rate: str) -> str:
    number, period_name = rate.split("/")
    count, period = int(number), _PERIODS[period_name[0]]
    words = {
        "second": ngettext("%(count)d request a second", "%(count)d requests a second", count),
        "minute": ngettext("%(count)d request a minute", "%(count)d requests a minute", count),
        "hour": ngettext("%(count)d request an hour", "%(count)d requests an hour", count),
        "day": ngettext("%(count)d request a day", "%(count)d requests a day", count),
    }
    return words[period] % {"count": count}


def try_again_in_words(seconds: int) -> str:
    """What a throttled caller is told: when to try again."""
    return ngettext(
        "Too many requests in a short time. Try again in %(seconds)d second.",
        "Too many requests in a short time. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


def limits_in_words() -> str:
    """The limits in force, in a sentence or two, from the settings (for the OpenAPI document and docs page)."""
    anon = AnonRateThrottle.THROTTLE_RATES.get(AnonRateThrottle.scope)
    user = UserRateThrottle.THROTTLE_RATES.get(UserRateThrottle.scope)
    if not settings.API_THROTTLE or (anon is None and user is None):
        return _g("This site has switched the API's rate limits off.")
    parts = []
    if anon is not None:
        parts.append(
            _g("Without a token you may make %(rate)s from one network address.")
            % {"rate": _rate_in_words(anon)}
        )
    if user is not None:
        parts.append(
            _g("With a token or a signed-in session you may make %(rate)s.")
            % {"rate": _rate_in_words(user)}
        )
    parts.append(
        _g(
            "If you need more, ask the site's back office: they can give one of your tokens a higher limit."
        )
    )
    return " ".join(parts)
