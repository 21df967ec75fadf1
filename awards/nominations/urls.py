from django.urls import path

from awards.nominations import views

urlpatterns = [
    path("nominations/", views.nomination_list, name="nomination_list"),
    path("nominations/new/", views.nomination_create, name="nomination_create"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", views.nomination_update, name="nomination_update"),
    path("nominations/<int:pk>/dossier/", views.dossier_upload, name="dossier_upload"),
    path(
        "nominations/<int:pk>/dossier/<int:document_pk>/",
        views.dossier_download,
        name="dossier_download",
    ),
    path(
        "nominations/<int:pk>/dossier/<int:document_pk>/remove/",
        views.dossier_remove,
        name="dossier_remove",
    ),
    path(
        "nominations/<int:pk>/<slug:action>/",
        views.nomination_transition,
        name="nomination_transition",
    ),
]
