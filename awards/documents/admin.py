"""Signing keys in the admin: a superuser uploads a PKCS#12 file; it must open with its
passphrase (or THIDUA_SIGNING_PASSPHRASE) before it is kept."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.documents import signing
from awards.documents.models import SigningKey


class SigningKeyForm(forms.ModelForm):
    passphrase = forms.CharField(
        label=_("passphrase"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=True),
        help_text=SigningKey._meta.get_field("passphrase").help_text,
    )

    class Meta:
        model = SigningKey
        fields = ["name", "pkcs12", "passphrase", "active"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("pkcs12")
        if upload is None:
            return cleaned
        self.instance.passphrase = cleaned.get("passphrase", "")
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        try:
            signing.describe(self.instance, data)
        except signing.KeyUnusable:
            raise forms.ValidationError(
                _("This file does not open with this passphrase, or holds no key and certificate.")
            ) from None
        return cleaned


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    form = SigningKeyForm
    list_display = ["name", "subject", "not_after", "active", "uploaded_by", "uploaded_at"]
    list_filter = ["active"]
    readonly_fields = ["subject", "not_after", "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
