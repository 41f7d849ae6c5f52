"""Login with attempts limited per account and per address, so that passwords cannot be guessed."""

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse

from reseau import throttle

LOCKED_MESSAGE = (
    "Trop de tentatives de connexion échouées. Par sécurité, attendez {minutes} minutes avant de réessayer, "
    "ou choisissez un nouveau mot de passe avec « Mot de passe oublié ? »."
)


def client_address(request: HttpRequest) -> str:
    """The visitor's address (the front server puts the real one last in X-Forwarded-For)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if settings.USE_X_FORWARDED_FOR else ""
    return forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")


class ThrottledLoginView(LoginView):
    redirect_authenticated_user = True

    def keys(self) -> list[str]:
        username = self.request.POST.get("username", "").strip().lower()[:150]
        return [f"login:user:{username}", f"login:ip:{client_address(self.request)}"]

    def limits(self) -> list[int]:
        return [settings.LOGIN_ATTEMPTS_PER_ACCOUNT, settings.LOGIN_ATTEMPTS_PER_ADDRESS]

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if any(throttle.too_many(key, limit) for key, limit in zip(self.keys(), self.limits(), strict=True)):
            # The password is not even checked while locked: the form comes back empty but for the username.
            form = self.form_class(self.request, initial={"username": request.POST.get("username", "")})
            locked = LOCKED_MESSAGE.format(minutes=settings.LOGIN_LOCKOUT_SECONDS // 60)
            return self.render_to_response(self.get_context_data(form=form, locked=locked), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        for key in self.keys():
            throttle.count(key, settings.LOGIN_LOCKOUT_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form):
        throttle.reset(self.keys()[0])
        return super().form_valid(form)
