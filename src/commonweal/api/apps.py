from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "commonweal.api"
    label = "api"
