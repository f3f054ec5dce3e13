"""API routes: award (see api_award.py)."""

from commonweal.competitions import api_award

urlpatterns = api_award.urlpatterns
