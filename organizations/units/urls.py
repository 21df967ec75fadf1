from django.urls import path

from organizations.units import views

urlpatterns = [
    path("units/", views.unit_tree, name="unit_tree"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/lookup/", views.unit_lookup, name="unit_lookup"),
]
