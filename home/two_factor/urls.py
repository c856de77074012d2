from django.urls import path

from . import views

# Under the admin's own URLs (register_admin_urls), so they need a signed-in admin account.
urlpatterns = [
    path("two-factor/verify/", views.VerifyView.as_view(), name="two_factor_verify"),
    path("account/two-factor/", views.TwoFactorView.as_view(), name="two_factor"),
    path("account/two-factor/set-up/", views.SetupView.as_view(), name="two_factor_setup"),
    path("account/two-factor/turn-off/", views.TurnOffView.as_view(), name="two_factor_turn_off"),
    path(
        "account/two-factor/recovery-codes/",
        views.RecoveryCodesView.as_view(),
        name="two_factor_recovery_codes",
    ),
]
