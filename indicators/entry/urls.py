from django.urls import path

from indicators.entry import views

urlpatterns = [
    path("status/", views.figures_status, name="figures_status"),
    path("entry/<int:unit_pk>/<int:year>/", views.figures_entry, name="figures_entry"),
    path(
        "entry/<int:unit_pk>/<int:year>/template.xlsx",
        views.figures_template,
        name="figures_template",
    ),
    path("entry/<int:unit_pk>/<int:year>/upload/", views.figures_upload, name="figures_upload"),
    path(
        "entry/<int:unit_pk>/<int:year>/<str:action>/",
        views.figures_transition,
        name="figures_transition",
    ),
]
