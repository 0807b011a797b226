from __future__ import annotations

from django.urls import path

from recouple.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("recover/", views.recover, name="recover"),
    path("settings/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("logout/", views.logout_view, name="logout"),
    path("settings/", views.settings_view, name="settings"),
    path("settings/password/", views.password_view, name="password"),
    path("settings/email/confirm/", views.send_confirmation, name="send_confirmation"),
    path("email/confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("settings/delete/", views.delete_view, name="delete"),
    path("settings/tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("settings/export.json", views.export_json_view, name="export_json"),
    path("settings/export-csv.zip", views.export_csv_view, name="export_csv"),
    path("settings/import/", views.import_view, name="import"),
]
