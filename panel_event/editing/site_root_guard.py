"""Only an administrator may delete a site's home page, in any language.

Wagtail lets anyone who may edit a page without children delete it. For a site's home page in
some language that would take the language off the site; the roles grant page permissions on
these pages (``roles.ensure_role_groups``), so this guard ships with them.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from .roles import site_root_pages


def site_root_page_ids():
    return {page.pk for page in site_root_pages()}


@hooks.register("before_delete_page")
def keep_site_root_pages(request, page):
    if request.user.is_superuser or page.pk not in site_root_page_ids():
        return None
    messages.error(
        request,
        _(
            "“%(title)s” is a home page of the site (%(language)s) and can be deleted only by "
            "an administrator."
        )
        % {"title": page.get_admin_display_title(), "language": page.locale.get_display_name()},
    )
    return redirect("wagtailadmin_explore", page.pk)


@hooks.register("before_bulk_action")
def keep_site_root_pages_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete" or request.user.is_superuser:
        return None
    root_ids = site_root_page_ids()
    roots = [obj for obj in objects if isinstance(obj, Page) and obj.pk in root_ids]
    if not roots:
        return None
    messages.error(
        request,
        _("Home pages of the site can be deleted only by an administrator: %(titles)s.")
        % {"titles": ", ".join(page.get_admin_display_title() for page in roots)},
    )
    return redirect(action_class_instance.next_url or "wagtailadmin_explore_root")
