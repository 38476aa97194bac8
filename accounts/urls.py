from django.urls import path

from .views import access, passwords, profile

app_name = "accounts"

urlpatterns = [
    path("anmod-om-adgang/", access.request_access, name="request_access"),
    path("anmod-om-adgang/tjek-din-e-mail/", access.request_sent, name="request_sent"),
    path("anmod-om-adgang/bekraeft/<str:token>/", access.verify_request, name="verify_request"),
    path("glemt-adgangskode/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path(
        "glemt-adgangskode/sendt/",
        passwords.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "nulstil-adgangskode/<uidb64>/<token>/",
        passwords.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "vaelg-adgangskode/<uidb64>/<token>/",
        passwords.SetFirstPasswordView.as_view(),
        name="set_password",
    ),
    path(
        "adgangskode-gemt/",
        passwords.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("min-profil/", profile.profile, name="profile"),
    path("min-profil/navn/", profile.change_name, name="change_name"),
    path("min-profil/e-mail/", profile.change_email, name="change_email"),
    path("min-profil/e-mail/<str:token>/", profile.confirm_email, name="confirm_email"),
    path("min-profil/adgangskode/", profile.PasswordChangeView.as_view(), name="password_change"),
    path("min-profil/slet-konto/", profile.delete_account, name="delete_account"),
]
