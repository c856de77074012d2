"""Two versions of the code, measured side by side against the same database.

    git worktree add /tmp/perf-before <commit>
    .venv/bin/python bench/compare.py --before /tmp/perf-before \
        --database sqlite:////tmp/bench-10000.sqlite3 --media /tmp/bench-media \
        --url /sr-latn/panel-diskusija-0/ --url /en/panel-diskusija-0/

The database is one that ``bench/run.py`` builds (or any migrated copy of the site); when the
later version adds a migration, give the earlier one its own unmigrated copy
(``--before-database``), with the same rows. Each
version runs in a process of its own with the benchmark's production settings
(bench/settings.py), started from its own tree; the two take turns, in rounds of
``--per-round`` requests per URL, alternating which goes first, so that load from other
processes falls on both alike. Every request is made uncached (the page cache's generation
advanced before it) unless ``--cached``. Reported per URL and version: queries, median CPU time
of the process (``time.process_time``), median wall time, response size, and whether the two
versions answered with the same bytes (the CSP nonce, different on every response, is masked).

With ``--gunicorn SECONDS``, each version is also served by gunicorn (2 sync workers, the page
cache off unless ``--cached``), and loaded in turns for SECONDS per URL and round with 8
keep-alive connections, the static file first: requests per second, and each URL's share of
the static file's rate served by the same version in the same round.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from run import environment, free_port, python_load, start_gunicorn

PROJECT_DIR = Path(__file__).resolve().parent.parent

# Runs inside each version's process: reads one JSON command a line, answers one JSON line.
WORKER = r"""
import json, re, sys, time
import django
django.setup()
from django.db import connection
from django.test import Client
from panel_event.caching import page_cache

client = Client()
NONCE = re.compile(rb'nonce="[^"]*"')

def get(url, cached):
    if not cached:
        page_cache.invalidate()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response

for line in sys.stdin:
    command = json.loads(line)
    url, cached = command["url"], command["cached"]
    if command["do"] == "html":
        get(url, cached)  # renditions made, caches warm
        content = NONCE.sub(b'nonce=""', get(url, cached).content)
        executed = []
        def count(execute, sql, params, many, context):
            executed.append(sql)
            return execute(sql, params, many, context)
        if not cached:
            page_cache.invalidate()
        with connection.execute_wrapper(count):
            client.get(url)
        print(json.dumps({"html": content.decode(), "queries": len(executed)}), flush=True)
        continue
    cpu, wall = [], []
    for _ in range(command["n"]):
        if not cached:
            page_cache.invalidate()
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpu.append((time.process_time() - cpu_started) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    print(json.dumps({"cpu": cpu, "wall": wall}), flush=True)
"""


class Version:
    def __init__(self, name, tree, database, media):
        self.name = name
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": str(tree),
            "BENCH_DATABASE_URL": database,
            "BENCH_MEDIA_ROOT": media,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            cwd=tree,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, **command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"{self.name}: the worker stopped")
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the tree of the earlier version")
    parser.add_argument("--after", default=str(PROJECT_DIR), help="default: this tree")
    parser.add_argument("--database", required=True, help="sqlite:////path or postgres://…")
    parser.add_argument(
        "--before-database",
        help="the earlier version's own copy, when the later one migrated its database",
    )
    parser.add_argument("--media", required=True, help="the MEDIA_ROOT the database was built with")
    parser.add_argument("--url", action="append", required=True)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per-round", type=int, default=10)
    parser.add_argument("--cached", action="store_true")
    parser.add_argument("--save-html", help="a directory to write both versions' pages to")
    parser.add_argument("--gunicorn", type=float, help="seconds of load per URL and round")
    args = parser.parse_args()
    if args.gunicorn:
        served(args)
        return

    versions = [
        Version(name, tree, database, args.media)
        for name, tree, database in (
            ("before", args.before, args.before_database or args.database),
            ("after", args.after, args.database),
        )
    ]
    try:
        pages = {
            (version.name, url): version.ask(do="html", url=url, cached=args.cached)
            for url in args.url
            for version in versions
        }
        samples = {(version.name, url): ([], []) for version in versions for url in args.url}
        for number in range(args.rounds):
            order = versions if number % 2 == 0 else versions[::-1]
            for url in args.url:
                for version in order:
                    result = version.ask(do="time", url=url, cached=args.cached, n=args.per_round)
                    samples[version.name, url][0].extend(result["cpu"])
                    samples[version.name, url][1].extend(result["wall"])
    finally:
        for version in versions:
            version.close()

    print(f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    print(
        f"{args.rounds} rounds of {args.per_round} requests, {'cached' if args.cached else 'uncached'}\n"
    )
    print("| URL | version | queries | CPU median ms | wall median ms | bytes | same HTML |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for url in args.url:
        before_html = pages["before", url]["html"]
        base_cpu = statistics.median(samples["before", url][0])
        base_wall = statistics.median(samples["before", url][1])
        for version in versions:
            page = pages[version.name, url]
            cpu = statistics.median(samples[version.name, url][0])
            wall = statistics.median(samples[version.name, url][1])
            change = ""
            if version.name == "after":
                change = f" ({100 * (cpu / base_cpu - 1):+.1f}%)"
                wall_change = f" ({100 * (wall / base_wall - 1):+.1f}%)"
            else:
                wall_change = ""
            same = "yes" if page["html"] == before_html else "**no**"
            print(
                f"| `{url}` | {version.name} | {page['queries']} | {cpu:.2f}{change} "
                f"| {wall:.2f}{wall_change} | {len(page['html'].encode()):,} | {same} |"
            )
        if args.save_html:
            directory = Path(args.save_html)
            directory.mkdir(parents=True, exist_ok=True)
            slug = url.strip("/").replace("/", "_").replace("?", "_") or "root"
            for version in versions:
                (directory / f"{slug}.{version.name}.html").write_text(
                    pages[version.name, url]["html"]
                )


STATIC_PATH = "/bench-static/css/site.css"


def served(args):
    """Throughput under gunicorn, both versions in turns, each against its own static file."""
    servers = {}
    try:
        for name, tree, database in (
            ("before", args.before, args.before_database or args.database),
            ("after", args.after, args.database),
        ):
            env = environment(
                database, args.media, BENCH_PAGE_CACHE_TIMEOUT="600" if args.cached else "0"
            )
            env["PYTHONPATH"] = str(tree)
            port = free_port()
            servers[name] = (port, start_gunicorn(env, port, cwd=tree))
        paths = [STATIC_PATH, *args.url]
        rates = {(name, path): [] for name in servers for path in paths}
        for port, _process in servers.values():
            for path in paths:
                python_load(f"http://127.0.0.1:{port}{path}", 1, 2)  # warm both workers
        for number in range(args.rounds):
            names = list(servers) if number % 2 == 0 else list(servers)[::-1]
            for name in names:
                port = servers[name][0]
                for path in paths:
                    result = python_load(f"http://127.0.0.1:{port}{path}", args.gunicorn, 8)
                    rates[name, path].append(result["rps"])
    finally:
        for _port, process in servers.values():
            process.terminate()
            process.wait(timeout=30)
    print(f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    print(f"gunicorn, 2 sync workers, {args.rounds} rounds of {args.gunicorn:g} s per URL\n")
    print("| URL | version | requests/s (median of rounds) | % of its static file |")
    print("| --- | --- | ---: | ---: |")
    for path in paths:
        for name in servers:
            shares = [
                rate / static
                for rate, static in zip(rates[name, path], rates[name, STATIC_PATH], strict=True)
            ]
            print(
                f"| `{path}` | {name} | {statistics.median(rates[name, path]):.1f} "
                f"| {100 * statistics.median(shares):.1f}% |"
            )


if __name__ == "__main__":
    main()
