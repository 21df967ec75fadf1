from django.urls import path

from awards.certificates import views

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
]  # fmt: skip
