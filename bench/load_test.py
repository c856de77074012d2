"""Load test: the demo event page in three languages and its calendar file, under gunicorn.

    .venv/bin/python bench/load_test.py                 # 60 s, 32 connections
    .venv/bin/python bench/load_test.py --duration 10   # a quick look

It builds a throwaway site in a temporary directory (SQLite database, media and collected static
files), migrates it, fills it with ``manage.py load_demo``, starts gunicorn with the production
settings on a free port of 127.0.0.1, and sends requests only there, for a fixed time and at
most ``--max-requests`` requests. Requests carry ``X-Forwarded-Proto: https`` as the TLS proxy in
front of production would.

The client is ``wrk`` when it is installed (``--client wrk``; Debian package ``wrk``), otherwise
a small Python client with one keep-alive connection per thread. It prints requests per second,
latency percentiles, and error and 5xx counts, and exits with status 1 if any request failed or
answered anything but 200. Not part of the test suite; results are kept in docs/load-test.md.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.client import HTTPConnection
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only: this script never sends traffic anywhere else
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "identity"}

FIND_EVENT = """
import json
from panel_event.models import EventPage
events = EventPage.objects.live().public().select_related("locale").order_by("path")
by_key = {}
for event in events:
    by_key.setdefault(event.translation_key, {})[event.locale.language_code] = event.url
complete = [urls for urls in by_key.values() if {"sr-latn", "sr-cyrl", "en"} <= set(urls)]
print(json.dumps(complete[0] if complete else {}))
"""

WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
local threads = {}
wrk.headers["X-Forwarded-Proto"] = "https"

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    server_errors = 0
    other_statuses = 0
end

function request()
    counter = counter %% #paths + 1
    return wrk.format("GET", paths[counter])
end

function response(status, headers, body)
    if status >= 500 then
        server_errors = server_errors + 1
    elseif status ~= 200 then
        other_statuses = other_statuses + 1
    end
end

function done(summary, latency, requests)
    local server, other = 0, 0
    for _, thread in ipairs(threads) do
        server = server + thread:get("server_errors")
        other = other + thread:get("other_statuses")
    end
    local e = summary.errors
    io.write(string.format(
        'WRK_RESULT {"requests": %%d, "duration_s": %%f, "p50_ms": %%f, "p95_ms": %%f, ' ..
        '"p99_ms": %%f, "max_ms": %%f, "socket_errors": %%d, "server_errors": %%d, ' ..
        '"other_statuses": %%d}\\n',
        summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
        latency:percentile(95) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3,
        e.connect + e.read + e.write + e.timeout, server, other))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def manage(env, *args, capture=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def prepare_site(workdir, port):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{port}",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
    }
    print("Preparing a throwaway site in", workdir, flush=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "load_demo", capture=True)
    output = manage(env, "shell", "--no-imports", "-c", FIND_EVENT, capture=True).stdout
    urls = json.loads(output.strip().splitlines()[-1])
    if not urls:
        sys.exit("load_demo made no event published in sr-latn, sr-cyrl and en.")
    paths = [urls["sr-latn"], urls["sr-cyrl"], urls["en"], f"{urls['sr-latn']}calendar.ics"]
    return env, paths


def start_gunicorn(env, port, workers, log_path):
    log = log_path.open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms_site.wsgi:application",
            f"--bind={HOST}:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--timeout=30",
            "--graceful-timeout=5",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped; see {log_path}")
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start within 60 s")


def get(connection, path):
    started = time.perf_counter()
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


def warm_up(port, paths, rounds=5):
    """The first request of each worker loads templates and opens the database; not measured."""
    connection = HTTPConnection(HOST, port, timeout=30)
    for _ in range(rounds):
        for path in paths:
            status, _elapsed = get(connection, path)
            if status != 200:
                sys.exit(f"{path} answered {status} before the test started")
    connection.close()


def python_client(port, paths, connections, duration, max_requests):
    results = []  # (path index, status or None, seconds)
    lock = threading.Lock()
    deadline = time.monotonic() + duration
    budget = iter(range(max_requests))

    def worker(offset):
        own = []
        connection = HTTPConnection(HOST, port, timeout=30)
        index = offset
        while time.monotonic() < deadline:
            with lock:
                if next(budget, None) is None:
                    break
            path_index = index % len(paths)
            index += 1
            try:
                status, elapsed = get(connection, paths[path_index])
            except (OSError, ValueError):
                connection.close()
                connection = HTTPConnection(HOST, port, timeout=30)
                status, elapsed = None, 0.0
            own.append((path_index, status, elapsed))
        connection.close()
        with lock:
            results.extend(own)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def percentile(sorted_values, share):
    if not sorted_values:
        return 0.0
    position = min(len(sorted_values) - 1, round(share * (len(sorted_values) - 1)))
    return sorted_values[position]


def report_python(results, elapsed, paths):
    statuses = Counter(status for _index, status, _elapsed in results)
    print(f"\nrequests: {len(results)} in {elapsed:.1f} s = {len(results) / elapsed:.1f} req/s")
    print(f"{'':<48} {'n':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}  (ms)")
    rows = [("all", [r for r in results if r[1] is not None])]
    rows += [
        (path, [r for r in results if r[0] == index and r[1] is not None])
        for index, path in enumerate(paths)
    ]
    for label, rows_for_label in rows:
        latencies = sorted(elapsed * 1000 for _i, _s, elapsed in rows_for_label)
        print(
            f"{label[:48]:<48} {len(latencies):>6} {percentile(latencies, 0.50):>8.1f} "
            f"{percentile(latencies, 0.95):>8.1f} {percentile(latencies, 0.99):>8.1f} "
            f"{max(latencies, default=0):>8.1f}"
        )
    if rows[0][1]:
        mean = statistics.fmean(elapsed * 1000 for _i, _s, elapsed in rows[0][1])
        print(f"mean latency: {mean:.1f} ms")
    failed = statuses.pop(None, 0)
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    other = sum(count for status, count in statuses.items() if status != 200 and status < 500)
    print(f"statuses: {dict(sorted(statuses.items()))}")
    print(f"connection errors: {failed}, 5xx: {server_errors}, other non-200: {other}")
    return failed + server_errors + other


def run_wrk(port, paths, connections, duration, workdir):
    script = workdir / "load.lua"
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(path) for path in paths)})
    threads = max(1, min(connections, os.cpu_count() or 1))
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=30s",
        f"--script={script}",
        f"http://{HOST}:{port}/",
    ]
    output = subprocess.run(command, check=True, text=True, capture_output=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK_RESULT "))
    result = json.loads(line.removeprefix("WRK_RESULT "))
    rate = result["requests"] / result["duration_s"]
    print(f"\nrequests: {result['requests']} in {result['duration_s']:.1f} s = {rate:.1f} req/s")
    print(
        f"latency (ms): p50 {result['p50_ms']:.1f}, p95 {result['p95_ms']:.1f}, "
        f"p99 {result['p99_ms']:.1f}, max {result['max_ms']:.1f}"
    )
    print(
        f"connection errors: {result['socket_errors']}, 5xx: {result['server_errors']}, "
        f"other non-200: {result['other_statuses']}"
    )
    return result["socket_errors"] + result["server_errors"] + result["other_statuses"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (max 600)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--max-requests", type=int, default=500_000)
    parser.add_argument("--client", choices=["auto", "python", "wrk"], default="auto")
    parser.add_argument(
        "--install-wrk",
        action="store_true",
        help="apt-get install wrk first if it is missing (needs root)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary site")
    args = parser.parse_args()
    duration = max(1, min(args.duration, 600))

    if args.install_wrk and not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True)
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"

    workdir = Path(tempfile.mkdtemp(prefix="panel-event-load-"))
    server = None
    try:
        port = free_port()
        env, paths = prepare_site(workdir, port)
        server = start_gunicorn(env, port, args.workers, workdir / "gunicorn.log")
        warm_up(port, paths)
        print(
            f"Load: {duration} s, {args.connections} connections, {args.workers} gunicorn "
            f"workers, client {client}, on http://{HOST}:{port}",
            *paths,
            sep="\n  ",
            flush=True,
        )
        if client == "wrk":
            failures = run_wrk(port, paths, args.connections, duration, workdir)
        else:
            results, elapsed = python_client(
                port, paths, args.connections, duration, args.max_requests
            )
            failures = report_python(results, elapsed, paths)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.keep:
            print("Kept", workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
