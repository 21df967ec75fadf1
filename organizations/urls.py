from django.urls import path

from organizations import views
from organizations.audit.urls import urlpatterns as audit
from organizations.imports.urls import urlpatterns as imports
from organizations.jobs.urls import urlpatterns as jobs
from organizations.notifications.urls import urlpatterns as notifications
from organizations.people.urls import urlpatterns as people
from organizations.units.urls import urlpatterns as units

urlpatterns = [
    path("", views.home, name="home"),
    *units,
    *people,
    *audit,
    *notifications,
    *imports,
    *jobs,
]
