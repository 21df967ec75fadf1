from django.urls import path

from indicators.report import views

urlpatterns = [
    path("report/", views.indicator_report, name="indicator_report"),
]
