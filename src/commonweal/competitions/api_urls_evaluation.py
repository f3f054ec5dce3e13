"""API routes: evaluation (see api_evaluation.py)."""

urlpatterns: list = []
