"""API routes: evaluation (see api_evaluation.py)."""

from commonweal.competitions import api_evaluation

urlpatterns = api_evaluation.urlpatterns

# The panel and the low-bid reviews, and a bidder's explanation (api_management.py).
from commonweal.competitions import api_management  # noqa: E402

urlpatterns = urlpatterns + api_management.evaluation_urlpatterns
