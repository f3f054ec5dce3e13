"""API routes: opportunities (see api_opportunities.py)."""

urlpatterns: list = []
