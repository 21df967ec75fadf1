from django.urls import path

from awards.proposals import views

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/sign/", views.proposal_sign, name="proposal_sign"),
    path("proposals/<int:pk>/print/", views.proposal_print, name="proposal_print"),
    path(
        "proposals/<int:pk>/dossiers.zip", views.proposal_dossier_zip, name="proposal_dossier_zip"
    ),
    path(
        "proposals/<int:pk>/answer/", views.outside_decision_record, name="outside_decision_record"
    ),
]
