"""The late-payment calculator: a page anyone can use, without an account."""

app_name = "late_payment"
urlpatterns: list = []
