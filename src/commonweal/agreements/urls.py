"""The pages of agreements (each step adds its routes here)."""

app_name = "agreements"
urlpatterns: list = []
