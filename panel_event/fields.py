from django.db import models

from .validators import validate_public_url


class PublicURLField(models.URLField):
    """A web address readers can follow: http(s) only, with an error that says so."""

    default_validators = [validate_public_url]

    def formfield(self, **kwargs):
        return super().formfield(
            **{"error_messages": {"invalid": validate_public_url.message}, **kwargs}
        )
