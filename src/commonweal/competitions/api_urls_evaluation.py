"""API routes: evaluation (see api_evaluation.py)."""

from commonweal.competitions import api_evaluation

urlpatterns = api_evaluation.urlpatterns
