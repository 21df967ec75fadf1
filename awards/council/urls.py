from django.urls import path

from awards.council import views

urlpatterns = [
    path("council/", views.council_session_list, name="council_session_list"),
    path("council/new/", views.council_session_create, name="council_session_create"),
    path("council/<int:pk>/", views.council_session_detail, name="council_session_detail"),
    path("council/<int:pk>/minutes/", views.council_session_minutes,
         name="council_session_minutes"),
    path("council/<int:pk>/attendance/", views.council_attendance, name="council_attendance"),
    path("council/<int:pk>/close/", views.council_session_close, name="council_session_close"),
    path("council/<int:pk>/items/<int:item_pk>/ballot/", views.council_ballot_cast,
         name="council_ballot_cast"),
    path("council/<int:pk>/items/<int:item_pk>/conflict/", views.council_conflict_declare,
         name="council_conflict_declare"),
]  # fmt: skip
