from django.urls import path

from organizations.imports import views

urlpatterns = [
    path("imports/units/", views.directory_import, {"kind": "units"}, name="import_units"),
    path("imports/people/", views.directory_import, {"kind": "people"}, name="import_people"),
]
