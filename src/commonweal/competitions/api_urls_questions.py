"""API routes: questions (see api_questions.py)."""

from commonweal.competitions import api_questions

urlpatterns = api_questions.urlpatterns
