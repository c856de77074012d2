"""Settings > Sign-in lockouts: the failed sign-ins django-axes is counting, and "Lift lockout".

Administrators (superusers) only: the list shows who tried which username from where, and
lifting a lockout undoes a protection. Nobody else sees the menu item or reaches the views,
whatever permissions their groups hold.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.log_actions import log
from wagtail.permission_policies.base import BasePermissionPolicy

from .login_security import lockout_title


class AdministratorsOnlyPolicy(BasePermissionPolicy):
    """Superusers may see and lift lockouts; nobody may add or edit an attempt by hand."""

    actions = {"view", "delete"}

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in self.actions

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return users if self.actions & set(actions) else users.none()


def failures_of_pair(attempt):
    """Failures of the attempt's username from its address, over every browser it used."""
    return AccessAttempt.objects.filter(
        username=attempt.username, ip_address=attempt.ip_address
    ).aggregate(failures=Sum("failures_since_start"), latest=Max("attempt_time"))


class StatusColumn(Column):
    def get_value(self, instance):
        pair = failures_of_pair(instance)
        ends = pair["latest"] + get_cool_off()
        if pair["failures"] >= settings.AXES_FAILURE_LIMIT and ends > timezone.now():
            local = timezone.localtime(ends)
            return gettext("Locked until %(time)s") % {"time": date_format(local, "H:i")}
        return gettext("%(failures)s of %(limit)s failed attempts") % {
            "failures": pair["failures"],
            "limit": settings.AXES_FAILURE_LIMIT,
        }


class LockoutIndexView(generic.IndexView):
    page_title = gettext_lazy("Sign-in lockouts")
    default_ordering = "-attempt_time"

    @cached_property
    def columns(self):
        return [
            # The first column carries the row's buttons (Lift lockout).
            self._get_title_column("username"),
            Column("ip_address", label=gettext("IP address")),
            StatusColumn("status", label=gettext("Status")),
            DateColumn("attempt_time", label=gettext("Last failed attempt")),
            Column("user_agent", label=gettext("Browser")),
        ]

    def get_base_queryset(self):
        # Attempts older than the cool-off no longer count; axes deletes them at the next sign-in.
        return super().get_base_queryset().filter(attempt_time__gte=timezone.now() - get_cool_off())

    def get_list_more_buttons(self, instance):
        return []

    def get_list_buttons(self, instance):
        url = self.get_delete_url(instance)
        return (
            [ListingButton(gettext("Lift lockout"), url=url, icon_name="lock-open")] if url else []
        )


class LiftLockoutView(generic.DeleteView):
    page_title = gettext_lazy("Lift lockout")
    template_name = "home/lift_lockout.html"

    def get_page_subtitle(self):
        return lockout_title(self.object.username, self.object.ip_address)

    @property
    def confirmation_message(self):
        return gettext(
            "Forget the failed sign-ins of “%(username)s” from %(ip_address)s? They can sign "
            "in again at once."
        ) % {"username": self.object.username, "ip_address": self.object.ip_address}

    def get_success_message(self):
        return gettext("Lockout of “%(username)s” from %(ip_address)s lifted.") % {
            "username": self.object.username,
            "ip_address": self.object.ip_address,
        }

    def delete_action(self):
        attempt = self.object
        log(
            attempt,
            "home.lockout_lifted",
            user=self.request.user,
            title=lockout_title(attempt.username, attempt.ip_address),
            data={"username": attempt.username, "ip_address": attempt.ip_address},
        )
        AxesProxyHandler.reset_attempts(username=attempt.username, ip_address=attempt.ip_address)


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    name = "login_lockouts"
    url_prefix = "login-lockouts"
    icon = "lock"
    menu_label = gettext_lazy("Sign-in lockouts")
    add_to_settings_menu = True
    index_view_class = LockoutIndexView
    delete_view_class = LiftLockoutView
    # No form is ever shown: attempts are written by axes only.
    form_fields = ["username"]

    def get_permissions_to_register(self):
        # Nothing to grant to a group: only superusers may lift lockouts.
        return Permission.objects.none()
