from django.urls import path

from awards.catalogue import views

urlpatterns = [
    path("catalogue/", views.award_type_list, name="award_type_list"),
    path("catalogue/<int:pk>/edit/", views.award_type_update_view, name="award_type_update"),
]
