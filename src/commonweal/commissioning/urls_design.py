"""The market, the barrier check and the lot designer: paths under /plans/."""

from django.urls import path

from commonweal.commissioning import views_design, views_lots, views_market

urlpatterns = [
    path("<int:pk>/market/", views_market.market, name="market"),
    path("<int:pk>/barriers/", views_design.barriers, name="barriers"),
    path("<int:pk>/lots/", views_lots.lots, name="lots"),
    path("<int:pk>/lots/new/", views_lots.lot_add, name="lot-add"),
    path("<int:pk>/lots/<int:lot_pk>/", views_lots.lot_edit, name="lot-edit"),
    path("<int:pk>/lots/<int:lot_pk>/remove/", views_lots.lot_remove, name="lot-remove"),
]
