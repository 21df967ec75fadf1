from indicators.catalogue.urls import urlpatterns as catalogue
from indicators.dashboard.urls import urlpatterns as dashboard
from indicators.entry.urls import urlpatterns as entry
from indicators.report.urls import urlpatterns as report

urlpatterns = [
    *catalogue,
    *entry,
    *report,
    *dashboard,
]
