"""Pages: evaluation (see views_evaluation.py)."""

urlpatterns: list = []
