from django.urls import path

from indicators.catalogue import views

urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("new/", views.indicator_create, name="indicator_create"),
    path("<int:pk>/edit/", views.indicator_update, name="indicator_update"),
    path("import/", views.import_indicators, name="import_indicators"),
]
