from django.urls import path

from awards.reports import views

urlpatterns = [
    path("reports/", views.report_index, name="report_index"),
    path("reports/awards/", views.report_awards, name="report_awards"),
    path("reports/awards.xlsx", views.report_awards_xlsx, name="report_awards_xlsx"),
    path("reports/performance/", views.report_performance, name="report_performance"),
    path("reports/performance.xlsx", views.report_performance_xlsx, name="report_performance_xlsx"),
    path(
        "reports/decisions/<int:pk>/annex.xlsx",
        views.decision_annex_xlsx,
        name="decision_annex_xlsx",
    ),
]
