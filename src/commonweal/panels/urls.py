from django.urls import path

app_name = "panels"
urlpatterns: list = []
