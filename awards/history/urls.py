from django.urls import path

from awards.history.views import clusters, history, holds, imports, initiatives, ratings

urlpatterns = [
    path("ratings/", ratings.ratings_index, name="ratings_index"),
    path("ratings/<int:unit_pk>/<int:year>/", ratings.ratings_grid, name="ratings_grid"),
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/new/", initiatives.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/edit/", initiatives.initiative_update, name="initiative_update"),
    path("holds/", holds.hold_list, name="hold_list"),
    path("holds/new/", holds.hold_create, name="hold_create"),
    path("holds/<int:pk>/edit/", holds.hold_update, name="hold_update"),
    path("history/", history.award_history, name="award_history"),
    path("clusters/", clusters.cluster_list, name="cluster_list"),
    *(
        path(f"imports/{kind}/", imports.inputs_import, {"kind": kind}, name=f"import_{kind}")
        for kind in imports.IMPORTS
    ),
]
