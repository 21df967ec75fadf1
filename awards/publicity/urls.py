from django.urls import path

from awards.publicity import views

urlpatterns = [
    path("publicity/", views.publicity_notice_list, name="publicity_notice_list"),
    path("publicity/new/", views.publicity_notice_create, name="publicity_notice_create"),
    path("publicity/<int:pk>/", views.publicity_notice_detail, name="publicity_notice_detail"),
    path(
        "publicity/<int:pk>/withdraw/",
        views.publicity_notice_withdraw,
        name="publicity_notice_withdraw",
    ),
    path("publicity/days-off/", views.publicity_dayoff_list, name="publicity_dayoff_list"),
    path("publicity/days-off/add/", views.publicity_dayoff_add, name="publicity_dayoff_add"),
    path(
        "publicity/days-off/<int:pk>/remove/",
        views.publicity_dayoff_remove,
        name="publicity_dayoff_remove",
    ),
]
