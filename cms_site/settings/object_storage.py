"""Uploaded media on an S3-compatible object store, configured from the environment.

Kept apart from ``production.py`` so that the settings stay readable; docs/deployment.md lists
the variables. Without ``AWS_STORAGE_BUCKET_NAME`` the site keeps its uploads on the local
file system (``MEDIA_ROOT``), which suits a single server.
"""

from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"

# Variables passed through to django-storages under its own option names. Access keys are not
# among them: django-storages and boto3 read AWS_S3_ACCESS_KEY_ID / AWS_ACCESS_KEY_ID (and the
# secret) from the environment themselves, or use the machine's role where there is one.
OPTION_VARIABLES = {
    "endpoint_url": "AWS_S3_ENDPOINT_URL",
    "region_name": "AWS_S3_REGION_NAME",
    "custom_domain": "AWS_S3_CUSTOM_DOMAIN",
    "location": "AWS_LOCATION",
    "addressing_style": "AWS_S3_ADDRESSING_STYLE",
    "default_acl": "AWS_DEFAULT_ACL",
}


def media_storage(environ):
    """The ``STORAGES["default"]`` entry for the object store named in ``environ``, or None.

    Images, their renditions and documents all use the default storage, so every app server
    reads and writes the same files.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return None
    options = {
        "bucket_name": bucket,
        # Media are public and their URLs go into cached pages: a signed URL would expire
        # while the page that names it is still served.
        "querystring_auth": False,
        # Two uploads with the same file name must not replace one another; Wagtail relies on
        # the storage to make a name unique, as the file system does.
        "file_overwrite": False,
        # Renditions never change under one name, so browsers and a CDN may keep them.
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    for option, variable in OPTION_VARIABLES.items():
        if environ.get(variable):
            options[option] = environ[variable]
    if environ.get("AWS_S3_URL_PROTOCOL"):
        options["url_protocol"] = environ["AWS_S3_URL_PROTOCOL"]
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def media_origin(storage):
    """The origin (scheme://host[:port]) media URLs point at, for the Content-Security-Policy.

    The same rule boto3 follows when it writes an object's URL: the custom domain if there is
    one, else the endpoint with the bucket in the path (or, with virtual addressing, in the
    host name), else Amazon S3's own host for the bucket.
    """
    options = storage["OPTIONS"]
    if options.get("custom_domain"):
        protocol = options.get("url_protocol", "https:")
        host = options["custom_domain"].split("/", 1)[0]
        return f"{protocol}//{host}"
    if options.get("endpoint_url"):
        endpoint = urlsplit(options["endpoint_url"])
        if options.get("addressing_style") == "virtual":
            return f"{endpoint.scheme}://{options['bucket_name']}.{endpoint.netloc}"
        return f"{endpoint.scheme}://{endpoint.netloc}"
    return f"https://{options['bucket_name']}.s3.amazonaws.com"
