"""Public addresses of awards/certificates/views_public.py, under /verify/ (config/urls.py)."""

from django.urls import path

from awards.certificates import views_public

urlpatterns = [
    path("<str:code>/", views_public.certificate_verify, name="certificate_verify"),
    path("<str:code>/decision.pdf", views_public.certificate_decision_pdf,
         name="certificate_decision_pdf"),
]  # fmt: skip
