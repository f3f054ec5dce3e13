from django.urls import path

from commonweal.panels import api

urlpatterns = [
    path("panels/", api.PanelListView.as_view(), name="panel-list"),
    path("panels/<int:pk>/", api.PanelDetailView.as_view(), name="panel-detail"),
    path("panels/<int:pk>/pool/", api.PanelPoolView.as_view(), name="panel-pool"),
]
