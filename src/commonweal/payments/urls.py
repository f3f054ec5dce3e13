"""The pages of payments (each step adds its routes here)."""

app_name = "payments"
urlpatterns: list = []
