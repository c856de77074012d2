"""Two-factor sign-in to the Wagtail admin, on django-otp's TOTP and static (recovery code) devices.

After the password, a session owes a second factor when its user has turned two-factor sign-in on,
or must have it (``ADMIN_2FA_REQUIRED_FOR``); until it gives one, ``middleware`` lets it reach only
the verify step, or, for a user who must have it and has none yet, the setup page.
"""
