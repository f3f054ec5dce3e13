"""Pages: award (see views_award.py)."""

urlpatterns: list = []
