from django.urls import path

from awards.decisions import views

urlpatterns = [
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/edit/", views.decision_update, name="decision_update"),
    path("decisions/<int:pk>/issue/", views.decision_issue, name="decision_issue"),
    path("decisions/<int:pk>/discard/", views.decision_discard, name="decision_discard"),
    path("decisions/<int:pk>/amend/", views.decision_amend, name="decision_amend"),
    path(
        "decisions/<int:pk>/lines/<int:line_pk>/remove/",
        views.decision_line_remove,
        name="decision_line_remove",
    ),
]

# Revocation (Law 2022 ch. VII), in awards/decisions/revocation_views.py.
from awards.decisions import revocation_views  # noqa: E402

urlpatterns += [
    path("history/<int:pk>/revoke/", revocation_views.award_revoke_view, name="award_revoke"),
    path("revocations/", revocation_views.revocation_list, name="revocation_list"),
    path("revocations/<int:pk>/", revocation_views.revocation_detail, name="revocation_detail"),
]
