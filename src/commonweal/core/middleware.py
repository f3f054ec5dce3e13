"""Request middleware shared by every app."""

from commonweal.core.audit import audit_context


class AuditActorMiddleware:
    """Attribute every change made while handling a request to the signed-in person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with audit_context(actor=actor):
            return self.get_response(request)
