"""Answers worked out once per request: "who acts for which places", asked by many parts of a page.

A commissioner's page asks the same questions several times over: the view asks whether the
person is staff for the place, the form asks which places they may choose, the chooser asks again
to limit the needs it offers. Each answer is a few queries. ``remember(key, compute)`` keeps the
answer for the rest of the request, so each is asked of the database once.

The memo lives only as long as one request (``RequestMemoMiddleware``): the next request asks
again, so nobody is ever answered from another request's data. Outside a request (a task, a
command, a test calling a selector directly) nothing is kept and ``compute`` runs every time.
A change to what an answer is made of, in the same request, empties the memo: the app that owns
the models says which with ``forget_when_changed``.
"""

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("commonweal_request_memo", default=None)


class RequestMemoMiddleware:
    """Give each request an empty memo, and drop it when the answer is sent."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """The answer kept for ``key`` in this request, or ``compute()`` (kept if in a request).

    Keep only answers nobody changes in place (frozensets, tuples, booleans, numbers)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = compute()
        return value


def forget(*_args, **_kwargs) -> None:
    """Empty this request's memo (a signal receiver: any arguments are ignored)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


def forget_when_changed(*models) -> None:
    """Empty the memo whenever a row of these models is saved or deleted, or a many-to-many
    relation changes (any: the memo is small, and cheap to fill again), in this request."""
    for model in models:
        uid = f"requestmemo:{model._meta.label}"
        post_save.connect(forget, sender=model, dispatch_uid=f"{uid}:save", weak=False)
        post_delete.connect(forget, sender=model, dispatch_uid=f"{uid}:delete", weak=False)
    m2m_changed.connect(forget, dispatch_uid="requestmemo:m2m", weak=False)
