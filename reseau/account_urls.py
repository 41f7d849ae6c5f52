"""/compte/: login, logout, password change and reset, profile."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from reseau import views
from reseau.accounts import ThrottledLoginView

app_name = "compte"
urlpatterns = [
    path("", views.profile, name="profil"),
    path("connexion/", ThrottledLoginView.as_view(), name="connexion"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="deconnexion"),
    path(
        "mot-de-passe/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("compte:mot-de-passe-change")),
        name="mot-de-passe",
    ),
    path("mot-de-passe/change/", auth_views.PasswordChangeDoneView.as_view(), name="mot-de-passe-change"),
    path(
        "mot-de-passe/oubli/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("compte:oubli-envoye"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="oubli",
    ),
    path("mot-de-passe/oubli/envoye/", auth_views.PasswordResetDoneView.as_view(), name="oubli-envoye"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("compte:nouveau-fait")),
        name="nouveau",
    ),
    path("mot-de-passe/nouveau/fait/", auth_views.PasswordResetCompleteView.as_view(), name="nouveau-fait"),
]
