from awards.campaigns.urls import urlpatterns as campaigns
from awards.catalogue.urls import urlpatterns as catalogue
from awards.certificates.urls import urlpatterns as certificates
from awards.council.urls import urlpatterns as council
from awards.decisions.urls import urlpatterns as decisions
from awards.documents.urls import urlpatterns as documents
from awards.eligibility.urls import urlpatterns as eligibility
from awards.history.urls import urlpatterns as history
from awards.nominations.urls import urlpatterns as nominations
from awards.proposals.urls import urlpatterns as proposals
from awards.publicity.urls import urlpatterns as publicity
from awards.registrations.urls import urlpatterns as registrations
from awards.reports.urls import urlpatterns as reports

urlpatterns = [
    *catalogue,
    *history,
    *campaigns,
    *registrations,
    *nominations,
    *eligibility,
    *publicity,
    *council,
    *decisions,
    *proposals,
    *reports,
    *certificates,
    *documents,
]
