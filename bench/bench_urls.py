"""The benchmark server's URLs (bench/load.py): every Commonweal URL, plus a bare Django view.

The bare view answers a few bytes of plain text through the whole middleware stack and nothing
else: the most a worker can serve, so each page's throughput is shown as a share of it.
"""

from django.http import HttpResponse
from django.urls import path

from commonweal.urls import handler400, handler403, handler404, handler500, urlpatterns

HELLO_PATH = "__bench__/hello/"


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path(HELLO_PATH, hello, name="bench-hello"), *urlpatterns]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
