"""Signing in to the admin: failed-login lockouts, session lifetimes, password reset.

Imported by base.py, so every environment has the same rules; production.py reads the numbers
and the trusted proxies from the environment. What each one protects against is in
docs/security.md, "Signing in"; the code behind the callables is home/login_security.py.
"""

from datetime import timedelta

# --- Failed sign-ins (django-axes) -------------------------------------------------------------
# After AXES_FAILURE_LIMIT wrong passwords for one username from one address, that username is
# refused from that address, right password or not, for AXES_COOLOFF_TIME. Counting the pair
# (not the address alone) keeps one office behind one address from locking each other out; not
# the username alone, so no one can lock an editor out from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A successful sign-in forgets the earlier failures of that username from that address.
AXES_RESET_ON_SUCCESS = True
# Attempts refused during a lockout do not extend it: it ends when the page said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Attempts are counted in the database, which every app server shares.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# The lockout is shown on Wagtail's sign-in page, in the page's language, not as a bare 403.
AXES_LOCKOUT_CALLABLE = "home.login_security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# The client's address: X-Forwarded-For is believed only from TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "home.login_security.client_ip_address"
# Addresses or networks ("10.0.0.0/8") of the reverse proxies in front of the app. Empty: the
# app is reached directly (development), and REMOTE_ADDR is the client.
TRUSTED_PROXIES = []
# There is no Django admin; lockouts are listed and lifted in Wagtail (Settings > Sign-in
# lockouts, administrators only).
AXES_ENABLE_ADMIN = False

# --- Sessions ----------------------------------------------------------------------------------
# A signed-in session ends after SESSION_IDLE_TIMEOUT seconds without a request, and at the
# latest SESSION_COOKIE_AGE seconds after the sign-in (home.login_security.SessionLifetimeMiddleware).
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_COOKIE_AGE = 10 * 60 * 60

# --- Password reset ----------------------------------------------------------------------------
# Wagtail's "Forgotten password?" link; the e-mail speaks the user's admin language.
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "home.login_security.PreferredLanguagePasswordResetForm"
# A reset link works once, for one day.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60
