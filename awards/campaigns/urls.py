from django.urls import path

from awards.campaigns import views

urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_update, name="campaign_update"),
    path(
        "campaigns/<int:pk>/transition/<str:action>/",
        views.campaign_transition,
        name="campaign_transition",
    ),
    path(
        "campaigns/<int:pk>/documents/",
        views.campaign_document_upload,
        name="campaign_document_upload",
    ),
    path(
        "campaigns/<int:pk>/documents/<int:document_pk>/",
        views.campaign_document_download,
        name="campaign_document_download",
    ),
]
