from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from organizations.accounts.forms import SignInForm
from organizations.accounts.language import set_language_remembered
from organizations.accounts.views import ThrottledPasswordResetView, signed_in_user

admin.site.site_header = "Thi đua"
admin.site.site_title = "Thi đua"

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path(
        "accounts/password_reset/",
        login_not_required(ThrottledPasswordResetView.as_view()),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", login_not_required(set_language_remembered), name="set_language"),
    path("admin/", admin.site.urls),
    path("indicators/", include("indicators.urls")),
    path("awards/", include("awards.urls")),
    path("public/", include("awards.publicity.public_urls")),
    path("verify/", include("awards.certificates.public_urls")),
    path("healthz/me/", signed_in_user, name="healthz_me"),
    path("", include("organizations.urls")),
]
# Uploaded files (dossiers, campaign documents) are never served from MEDIA_URL, not even in
# debug mode: each download goes through a view that checks who may see it.
