"""The three content locales and the home page as the default site's root."""

from django.db import migrations

CONTENT_LANGUAGE_CODES = ["sr-latn", "sr-cyrl", "en"]
SOURCE_LANGUAGE_CODE = "sr-latn"


def create_locales_and_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("testapp.HomePage")

    for code in CONTENT_LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)
    source_locale = Locale.objects.get(language_code=SOURCE_LANGUAGE_CODE)

    # wagtailcore's initial data makes a "Welcome" page of the plain Page type.
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="testapp")
    home = HomePage.objects.create(
        title="Događaji",
        draft_title="Događaji",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=source_locale,
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("testapp", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales_and_home_page, migrations.RunPython.noop)]
