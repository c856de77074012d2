"""Language-code helpers shared by templates, feeds and structured data.

Settings keep Django's lowercase codes (``sr-latn``); HTML ``lang``/``hreflang`` attributes and
schema.org ``inLanguage`` want BCP 47 case (``sr-Latn``).
"""

# Serbian is written in two scripts. Editors write an object in either; the version in the
# other script is generated from it (``script_sync``).
SERBIAN_SCRIPTS = ("sr-latn", "sr-cyrl")


def other_script(language_code):
    """The other Serbian script's code for ``sr-latn`` or ``sr-cyrl``; None for any other code."""
    if language_code not in SERBIAN_SCRIPTS:
        return None
    latin, cyrillic = SERBIAN_SCRIPTS
    return cyrillic if language_code == latin else latin


def bcp47_tag(language_code):
    """Return the BCP 47 spelling of a Django language code: ``sr-latn`` -> ``sr-Latn``."""
    parts = language_code.replace("_", "-").split("-")
    tag = [parts[0].lower()]
    for subtag in parts[1:]:
        if len(subtag) == 4:
            tag.append(subtag.title())  # script subtag
        elif len(subtag) == 2:
            tag.append(subtag.upper())  # region subtag
        else:
            tag.append(subtag.lower())
    return "-".join(tag)
