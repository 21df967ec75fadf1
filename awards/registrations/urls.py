from django.urls import path

from awards.registrations import views

urlpatterns = [
    path("registrations/", views.registration_list, name="registration_list"),
    path("registrations/results/", views.registration_results, name="registration_results"),
    path(
        "registrations/<int:unit_pk>/<int:year>/",
        views.registration_edit,
        name="registration_edit",
    ),
    path(
        "registrations/<int:unit_pk>/<int:year>/<str:action>/",
        views.registration_transition,
        name="registration_transition",
    ),
]
