from django.urls import path

from awards.documents import views

urlpatterns = [
    path("decisions/<int:pk>/decision.pdf", views.decision_pdf, name="decision_pdf"),
    path("decisions/<int:pk>/decision-signed.pdf", views.decision_pdf_signed,
         name="decision_pdf_signed"),
    path("decisions/<int:pk>/decision.docx", views.decision_docx, name="decision_docx"),
    path("council/<int:pk>/minutes.pdf", views.council_minutes_pdf, name="council_minutes_pdf"),
    path("proposals/<int:pk>/proposal.pdf", views.proposal_pdf, name="proposal_pdf"),
    path("proposals/<int:pk>/proposal.docx", views.proposal_docx, name="proposal_docx"),
]  # fmt: skip
