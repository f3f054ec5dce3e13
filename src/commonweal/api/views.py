"""The API app's own answers: the OpenAPI document, and a JSON 404 for any other address.

Every endpoint lives in its app's api.py; what they share lives in core/api/.
"""

from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _g
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from commonweal.api import schema as openapi


@extend_schema(exclude=True)
class SchemaView(APIView):
    """The OpenAPI 3 document. Public and the same for everyone, so a bad token does not matter here.

    Built once per process (api/schema.py), with a strong ETag: a client that sends it back in
    If-None-Match is answered 304 Not Modified, with no body, until the next deploy changes it.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [OpenApiJsonRenderer2, OpenApiJsonRenderer]

    def get(self, request):
        renderer = request.accepted_renderer
        document = openapi.rendered_api_schema(renderer)
        headers = {
            "ETag": document.etag,
            # Keep it, but ask again (with If-None-Match) before using it: a deploy may change it.
            "Cache-Control": "public, no-cache",
            "Vary": "Accept",
        }
        not_modified = get_conditional_response(request._request, etag=document.etag)
        if not_modified is not None:
            for name, value in headers.items():
                not_modified[name] = value
            return not_modified
        return HttpResponse(
            document.body,
            content_type=renderer.media_type,
            headers={
                **headers,
                "Content-Disposition": 'inline; filename="commonweal-openapi.json"',
            },
        )


@csrf_exempt
def not_found(request, unknown: str = ""):
    """Any other address under /api/: a JSON 404, pointing to the address with a slash when that exists."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            return JsonResponse(
                {
                    "detail": _g("Not found. API addresses end with a slash: try %(path)s")
                    % {"path": request.path + "/"}
                },
                status=404,
            )
    return JsonResponse(
        {"detail": _g("Not found. See the API documentation for the addresses you can use.")},
        status=404,
    )
