"""API routes: award (see api_award.py)."""

urlpatterns: list = []
