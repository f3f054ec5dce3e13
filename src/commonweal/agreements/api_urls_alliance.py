"""API routes: an alliance's members, decisions, risks and pain and gain (see api_alliance.py)."""

from commonweal.agreements import api_alliance

urlpatterns = api_alliance.urlpatterns
