"""Whole pages kept for people who are not signed in, until anything recorded changes.

Most visits to a city's public pages (the needs register, a need, a place, a round's results)
come from people who are not signed in, and each of them sees exactly the same page. This
middleware keeps such a page, whole, the first time it is built, and answers the next visitor
with it without running the view.

What is kept, and for whom:

- Only a GET from someone with no session cookie, no messages waiting and no API credentials:
  nobody signed in ever gets a kept page, and nothing a signed-in person sees is ever kept.
- Only a 200 answer of at most a megabyte (a page or a public download) that set no cookie (a
  page with a form sets the CSRF cookie, so sign-in, sign-up and every form are built afresh each
  time), whose Cache-Control does not say private, no-cache or no-store, and that varies on
  nothing but the cookie and the language.
- Never the API (its own limits and tokens apply to every call) or the back office.

When it goes stale: the key holds the audit trail's head (its sequence number, advanced by the
sealer a few milliseconds after every recorded change commits, bulk operations included) and
every page stamp (``pagecache.bump``), so a change made through a service or the back office
shows to the next visitor. What is not recorded (ballots, which are secret) and what changes
with the clock ("closes tomorrow") shows after at most ``ANONYMOUS_CACHE_SECONDS`` (0 keeps
nothing; DEBUG keeps nothing either, so a template being changed shows at once). The pages are
kept in each worker's memory (``CACHES["responses"]``), apart from the page parts and the
throttle counts, so neither pushes the other out.

Django's own per-site cache middleware was not used: it keys a page on the whole Cookie header,
so it would keep a copy of every signed-in person's pages, and nothing would make a kept page
stale when the data changes.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db.models import CharField, Value
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re

CACHE = "responses"

# Where a kept page is never used: the API answers each caller under its own limits and
# credentials; the back office is for staff only.
NEVER_KEPT_UNDER = ("/api/", "/admin/")

# A bigger answer (a city's election file, say) is not kept: the memory is for many pages.
LARGEST = 1_000_000

# What a kept page may vary on: the cookie (no cookie at all, for everyone it is served to) and the
# language (part of the key). Anything else would need its own key.
_MAY_VARY_ON = {"cookie", "accept-language"}
_NOT_FOR_SHARING = {"private", "no-cache", "no-store"}


def _may_be_served(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(NEVER_KEPT_UNDER)
    )


def _may_be_kept(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if len(response.content) > LARGEST:
        return False
    control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    }
    if control & _NOT_FOR_SHARING:
        return False
    varies = {
        part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()
    }
    return varies <= _MAY_VARY_ON


def _version() -> str:
    """The audit trail's head and every page stamp, in one query."""
    from commonweal.core.models import AuditChainHead, PageStamp

    head = AuditChainHead.objects.filter(pk=1).values_list(
        Value("audit trail", output_field=CharField()), Cast("seq", CharField())
    )
    rows = PageStamp.objects.values_list("name", "value").union(head, all=True)
    return "|".join(f"{name}={value}" for name, value in sorted(rows))


def _key(request: HttpRequest) -> str:
    described = "\n".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", ""),
            _version(),
        )
    )
    return "response:" + hashlib.sha256(described.encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    """Answer people who are not signed in with a page kept whole (see the module's text).

    Placed after LocaleMiddleware (the language is part of the key) and before every middleware
    that reads the session, the CSRF cookie or the signed-in person; the headers those add on the
    way out are kept with the page, and the ones added by the middleware before this one are
    added afresh to every answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.ANONYMOUS_CACHE_SECONDS
        if not seconds or not _may_be_served(request):
            return self.get_response(request)
        key = _key(request)
        cache = caches[CACHE]
        kept = cache.get(key)
        if kept is not None:
            status, headers, content = kept
            return HttpResponse(content, status=status, headers=headers)
        response = self.get_response(request)
        if _may_be_kept(response):
            cache.set(
                key, (response.status_code, dict(response.items()), response.content), seconds
            )
        return response
