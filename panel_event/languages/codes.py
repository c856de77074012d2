"""Language-code helpers shared by templates, feeds and structured data.

Settings keep Django's lowercase codes (``sr-latn``); HTML ``lang``/``hreflang`` attributes and
schema.org ``inLanguage`` want BCP 47 case (``sr-Latn``).
"""

# Editors write in Serbian Latin; the Serbian Cyrillic version is generated from it.
SOURCE_LANGUAGE = "sr-latn"
TARGET_LANGUAGE = "sr-cyrl"


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
