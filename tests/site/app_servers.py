"""A small production deployment on the loopback interface, for tests that need real servers.

One throwaway PostgreSQL database, one ``redis-server``, one S3-compatible object store
(``moto_server``, from PyPI's moto) and any number of gunicorn app servers running
``cms_site.settings.production`` against them, each on a free port of its own, so test runs in
parallel never meet. Everything is stopped and the database dropped when the test is done.
"""

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from django_otp.oath import totp

from tests.redis_server import RedisServer, free_port, skip_without_redis_server

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
PUBLIC_HOST = "events.example.org"
START_SECONDS = 60


def require_flag(name):
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes"}


def skip_without_postgres():
    """Skip where no PostgreSQL server answers, unless REQUIRE_POSTGRES is set (as in CI)."""
    try:
        socket.create_connection((POSTGRES["host"], POSTGRES["port"]), timeout=2).close()
    except OSError as error:
        reason = f"no PostgreSQL server at {POSTGRES['host']}:{POSTGRES['port']} ({error})"
        if require_flag("REQUIRE_POSTGRES"):
            pytest.fail(f"REQUIRE_POSTGRES is set but there is {reason}")
        pytest.skip(reason)


def postgres_url(name):
    return f"postgres://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/{name}"


@contextlib.contextmanager
def throwaway_database():
    """A new, empty PostgreSQL database; yields its URL and drops it afterwards."""
    import psycopg

    name = f"cms_site_servers_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_url(name)
    finally:
        with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_until(ready, process, log_path, what):
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited:\n{log_path.read_text()}")
        with contextlib.suppress(OSError, requests.RequestException):
            if ready():
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within {START_SECONDS} s:\n{log_path.read_text()}")


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class ObjectStore:
    """moto's S3 server on a free port, with one bucket for the site's media."""

    bucket = "media"

    def __init__(self, directory):
        self.port = free_port()
        self.log_path = directory / "moto.log"
        self.process = None

    @property
    def endpoint_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [BIN / "moto_server", "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(
            lambda: requests.get(self.endpoint_url, timeout=1).ok,
            self.process,
            self.log_path,
            "moto_server",
        )
        client = self.client()
        client.create_bucket(Bucket=self.bucket)
        # As docs/deployment.md sets it up: images readable by anyone, documents not (they go
        # through the site, which checks their collection's privacy).
        client.put_bucket_policy(
            Bucket=self.bucket, Policy=json.dumps(public_images_policy(self.bucket))
        )

    def stop(self):
        if self.process is not None:
            stop(self.process)

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )

    def keys(self):
        """The bucket's object keys, read through the S3 API as any client would."""
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def public_images_policy(bucket):
    """The bucket policy of docs/deployment.md: originals and renditions of images are public."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [
                    f"arn:aws:s3:::{bucket}/original_images/*",
                    f"arn:aws:s3:::{bucket}/images/*",
                ],
            }
        ],
    }


class AppServer:
    """One gunicorn app server with the production settings, on a free port."""

    def __init__(self, name, environment, directory):
        self.name = name
        self.environment = environment
        self.port = free_port()
        self.log_path = directory / f"gunicorn-{name}.log"
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "cms_site.wsgi:application",
                    f"--bind=127.0.0.1:{self.port}",
                    # One worker each keeps the test light; docs/deployment.md sizes production.
                    "--workers=1",
                    "--timeout=60",
                    "--graceful-timeout=5",
                ],
                cwd=PROJECT_ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        # What a load balancer asks before sending visitors: plain HTTP, the server's own address.
        wait_until(
            lambda: requests.get(f"{self.url}/health/", timeout=5).status_code == 200,
            self.process,
            self.log_path,
            f"app server {self.name}",
        )

    def stop(self):
        if self.process is not None:
            stop(self.process)

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None


class Visitor:
    """A browser's view of the site through one app server: HTTPS as the proxy reports it, the
    public host name, and the cookies it was given, which it can carry to another server."""

    def __init__(self, server, cookies=None):
        self.server = server
        self.cookies = dict(cookies or {})

    def through(self, server):
        """The same visitor, cookies and all, sent to another app server."""
        return Visitor(server, self.cookies)

    def request(self, method, path, **kwargs):
        headers = {
            "Host": PUBLIC_HOST,
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{PUBLIC_HOST}",
            "Referer": f"https://{PUBLIC_HOST}{path}",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = requests.request(
            method,
            f"{self.server.url}{path}",
            headers=headers,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )
        # The cookies are Secure; requests would keep them from plain HTTP, so they are kept here.
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path, data, files=None):
        """Submit the form at ``path`` as a browser does: read its CSRF token, then post."""
        form = self.get(path)
        assert form.status_code == 200, (path, form.status_code)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        return self.request("POST", path, data={"csrfmiddlewaretoken": token, **data}, files=files)


# Variables the test leaves unset, whatever the calling shell has: another object
# store's options, a CDN to purge, a cache or media folder of its own.
NOT_INHERITED_PREFIXES = ("AWS_", "FRONTEND_CACHE_")
NOT_INHERITED_VARIABLES = ("MEDIA_ROOT", "PAGE_CACHE_TIMEOUT", "CACHE_URL", "CSP_REPORT_URI")


def production_environment(database_url, redis_url, object_store, static_root):
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(NOT_INHERITED_PREFIXES) and name not in NOT_INHERITED_VARIABLES
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
        # Every server must share the secret key: sessions and CSRF tokens are signed with it.
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": PUBLIC_HOST,
        "WAGTAILADMIN_BASE_URL": f"https://{PUBLIC_HOST}",
        "SITE_URL": f"https://{PUBLIC_HOST}",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": "servers-test",
        "STATIC_ROOT": str(static_root),
        "AWS_STORAGE_BUCKET_NAME": object_store.bucket,
        "AWS_S3_ENDPOINT_URL": object_store.endpoint_url,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ACCESS_KEY_ID": "test",
        "AWS_S3_SECRET_ACCESS_KEY": "test",
    }


def manage(environment, *arguments):
    """Run a management command as a deployment does, failing with its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"manage.py {' '.join(arguments)}:\n{result.stdout}{result.stderr}"
    )
    return result.stdout


@contextlib.contextmanager
def shared_services(directory):
    """PostgreSQL (a throwaway database), Redis and the object store, all started and empty."""
    skip_without_postgres()
    skip_without_redis_server()
    redis_directory = directory / "redis"
    redis_directory.mkdir()
    redis = RedisServer(redis_directory)
    object_store = ObjectStore(directory)
    with throwaway_database() as database_url:
        try:
            redis.start()
            object_store.start()
            yield database_url, redis, object_store
        finally:
            object_store.stop()
            redis.stop()


# Production asks an administrator for a second factor (cms_site/settings/two_factor.py): the
# tests' administrator has an authenticator app with this key.
AUTHENTICATOR_KEY = "3132333435363738393031323334353637383930"


def add_authenticator(environment, username):
    """Give ``username`` a confirmed authenticator app, as its set-up page would."""
    manage(
        environment,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        f"TOTPDevice.objects.create(user=get_user_model().objects.get(username={username!r}), "
        f"name='Authenticator app', confirmed=True, key={AUTHENTICATOR_KEY!r})",
    )


def sign_in_with_authenticator(visitor, credentials, next_path="/admin/"):
    """Sign in through the login form and then the code step; returns the last response."""
    signed_in = visitor.post_form("/admin/login/", {**credentials, "next": next_path})
    owes_code = visitor.get(next_path)
    verify = f"/admin/two-factor/verify/?next={next_path}"
    locations = [response.headers.get("Location") for response in (signed_in, owes_code)]
    assert locations == [next_path, verify], locations
    code = f"{totp(bytes.fromhex(AUTHENTICATOR_KEY)):06d}"
    return visitor.post_form(verify, {"code": code, "next": next_path})
