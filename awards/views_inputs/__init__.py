"""Screens for the inputs that eligibility needs: annual ratings, initiatives, holds, award
history, emulation clusters, and their imports.

Permissions (organizations.access.ACTIONS):
- "award.inputs" (clerks and officers) enters ratings and initiatives of their units' people;
- "award.history" (officers) sees and enters holds, imports past awards and clusters;
- everyone with a role reads the initiatives, award history and clusters of what they can see.
A unit outside the user's subtrees is a 404; a visible unit without the role is a 403.
"""

from django.urls import path

from awards.views_inputs.clusters import cluster_list
from awards.views_inputs.history import award_history
from awards.views_inputs.holds import (
    hold_create,
    hold_list,
    hold_update,
)
from awards.views_inputs.imports import IMPORTS, inputs_import
from awards.views_inputs.initiatives import (
    initiative_create,
    initiative_list,
    initiative_update,
)
from awards.views_inputs.ratings import (
    ratings_grid,
    ratings_index,
)

urlpatterns = [
    path("ratings/", ratings_index, name="ratings_index"),
    path("ratings/<int:unit_pk>/<int:year>/", ratings_grid, name="ratings_grid"),
    path("initiatives/", initiative_list, name="initiative_list"),
    path("initiatives/new/", initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/edit/", initiative_update, name="initiative_update"),
    path("holds/", hold_list, name="hold_list"),
    path("holds/new/", hold_create, name="hold_create"),
    path("holds/<int:pk>/edit/", hold_update, name="hold_update"),
    path("history/", award_history, name="award_history"),
    path("clusters/", cluster_list, name="cluster_list"),
    *(
        path(f"imports/{kind}/", inputs_import, {"kind": kind}, name=f"import_{kind}")
        for kind in IMPORTS
    ),
]
