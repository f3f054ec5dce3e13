"""API routes: bids (see api_bids.py)."""

urlpatterns: list = []
