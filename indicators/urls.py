from indicators import views_catalogue, views_dashboard, views_entry, views_report

urlpatterns = [
    *views_catalogue.urlpatterns,
    *views_entry.urlpatterns,
    *views_report.urlpatterns,
    *views_dashboard.urlpatterns,
]
