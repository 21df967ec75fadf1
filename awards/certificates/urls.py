from django.urls import path

from awards.certificates import views, views_printing

urlpatterns = [
    path("certificates/<int:award_pk>/", views.certificate_detail, name="certificate_detail"),
    path("certificates/<int:award_pk>/pdf/", views.certificate_pdf_view, name="certificate_pdf"),
    path("certificates/<int:award_pk>/overprint/", views.certificate_overprint,
         name="certificate_overprint"),
    path("certificates/<int:award_pk>/overprint/pdf/", views.certificate_overprint_pdf,
         name="certificate_overprint_pdf"),
    path("certificates/<int:award_pk>/calibration/", views.certificate_calibration,
         name="certificate_calibration"),
    path("certificates/<int:award_pk>/<slug:mode>.css", views.certificate_stylesheet,
         name="certificate_css"),
    path("certificates/<int:award_pk>/border/", views.certificate_border,
         name="certificate_border"),
    path("decisions/<int:pk>/certificates/print/", views_printing.decision_certificates_print,
         name="decision_certificates_print"),
    path("certificates/printers/", views_printing.printer_list, name="printer_list"),
    path("certificates/printers/<int:pk>/", views_printing.printer_edit, name="printer_edit"),
]  # fmt: skip
