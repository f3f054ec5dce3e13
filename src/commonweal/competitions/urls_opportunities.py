"""Pages: opportunities (see views_opportunities.py)."""

urlpatterns: list = []
