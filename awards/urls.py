from awards.campaigns.urls import urlpatterns as campaigns
from awards.catalogue.urls import urlpatterns as catalogue
from awards.eligibility.urls import urlpatterns as eligibility
from awards.history.urls import urlpatterns as history
from awards.nominations.urls import urlpatterns as nominations

urlpatterns = [*catalogue, *history, *campaigns, *nominations, *eligibility]
