from django.apps import AppConfig


class TestAppConfig(AppConfig):
    name = "tests.plugin.testapp"
    label = "testapp"
    verbose_name = "Plugin test site"
