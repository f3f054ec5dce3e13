"""Pages: bids (see views_bids.py)."""

urlpatterns: list = []
