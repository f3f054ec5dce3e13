"""The API's rate limits, keyed on the real client address (core/client.py), never a header a client made up."""

from rest_framework import throttling

from commonweal.core.client import client_network


class AnonRateThrottle(throttling.AnonRateThrottle):
    """Anonymous calls, counted per client address (an IPv6 /64 counts as one), as the trusted proxies saw it."""

    def get_ident(self, request) -> str:
        return client_network(request)


class UserRateThrottle(throttling.UserRateThrottle):
    """Calls by a signed-in person, counted per person; per client address for anybody else."""

    def get_ident(self, request) -> str:
        return client_network(request)
