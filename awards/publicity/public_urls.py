"""The public pages (no sign-in), included from config/urls.py under public/."""

from django.urls import path

from awards.publicity import public_views

urlpatterns = [
    path("notices/", public_views.public_notice_index, name="public_notice_index"),
    path("notices/<str:token>/", public_views.public_notice_detail, name="public_notice_detail"),
    path(
        "notices/<str:token>/entries/<int:entry_pk>/comment/",
        public_views.public_comment_create,
        name="public_comment_create",
    ),
]
