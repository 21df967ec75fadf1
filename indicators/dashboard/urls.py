from django.urls import path

from indicators.dashboard import views

urlpatterns = [
    path("dashboard/", views.indicator_dashboard, name="indicator_dashboard"),
]
