"""API routes: questions (see api_questions.py)."""

urlpatterns: list = []
