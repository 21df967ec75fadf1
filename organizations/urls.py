from django.urls import path

from organizations import views, views_audit, views_jobs, views_notifications

urlpatterns = [
    path("", views.home, name="home"),
    path("units/", views.unit_tree, name="unit_tree"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/lookup/", views.unit_lookup, name="unit_lookup"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_update, name="person_update"),
    path("audit/", views_audit.audit_log, name="audit_log"),
    path("notifications/", views_notifications.notification_list, name="notification_list"),
    path(
        "notifications/read/",
        views_notifications.notification_read_all,
        name="notification_read_all",
    ),
    path(
        "notifications/<int:pk>/read/",
        views_notifications.notification_read,
        name="notification_read",
    ),
    path("imports/units/", views.directory_import, {"kind": "units"}, name="import_units"),
    path("imports/people/", views.directory_import, {"kind": "people"}, name="import_people"),
    path("jobs/<int:pk>/", views_jobs.job_detail, name="job_detail"),
    path("jobs/<int:pk>/status/", views_jobs.job_status, name="job_status"),
    path("jobs/<int:pk>/file/", views_jobs.job_output, name="job_output"),
]
