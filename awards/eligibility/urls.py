from django.urls import path

from awards.eligibility import views

urlpatterns = [
    path("campaigns/<int:pk>/screening/", views.campaign_screening, name="campaign_screening"),
]
