from awards import (
    views_campaigns,
    views_catalogue,
    views_inputs,
    views_nominations,
    views_screening,
)

urlpatterns = [
    *views_catalogue.urlpatterns,
    *views_inputs.urlpatterns,
    *views_campaigns.urlpatterns,
    *views_nominations.urlpatterns,
    *views_screening.urlpatterns,
]
