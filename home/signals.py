"""Receivers of the sign-in security (home/login_security.py), connected once at start-up."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed

from .login_security import log_group_change, log_lockout, start_session_clock

user_locked_out.connect(log_lockout, dispatch_uid="home.log_lockout")
user_logged_in.connect(start_session_clock, dispatch_uid="home.start_session_clock")
m2m_changed.connect(
    log_group_change, sender=get_user_model().groups.through, dispatch_uid="home.log_group_change"
)
