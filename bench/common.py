"""What every bench here shares: a throwaway hub under production settings, gunicorn, and a browser-like client.

A bench builds its environment with ``build_env`` (then changes what it measures), prepares the site with
``prepare_site``, serves it inside ``with served(...) as port``, walks journeys with ``Client``,
``form_fields`` and ``walk_to_check``, reads the database with ``shell_json`` and ends with ``run_main(main)``.
"""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import redis

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
# The code tree a bench measures (its manage.py and gunicorn run there, first on PYTHONPATH); this checkout by default.
PROJECT_DIR_VARIABLE = "HUBPORTAL_BENCH_PROJECT_DIR"
HOST = "127.0.0.1"
SETUP_TIMEOUT = 600
READY_TIMEOUT = 60
REQUEST_TIMEOUT = 120
MAX_PAGES = 15
# Production settings need a shared cache; a key prefix per run keeps one throwaway site's cache from the next's.
BENCH_REDIS_URL = "redis://127.0.0.1:6379/6"
FORM = re.compile(r'<form[^>]*method="post"[^>]*>(.*?)</form>', re.S | re.I)
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', re.I)


class BenchError(Exception):
    """The site could not be built, served or checked; the message says which step failed."""


def ensure_postgres_database(database_url):
    """Create the database named in a postgres:// URL if it does not exist yet."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    maintenance_url = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    try:
        with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=10) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"created PostgreSQL database {name}")
    except psycopg.Error as error:
        raise BenchError(f"could not prepare PostgreSQL database {name}: {error}") from error


def build_env(workdir, database_url, project_dir=None):
    """The production environment of a throwaway hub whose code is ``project_dir`` (default: this checkout)."""
    project_dir = Path(project_dir or PROJECT_DIR).resolve()
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join([str(project_dir), *filter(None, [os.environ.get("PYTHONPATH")])]),
        **{PROJECT_DIR_VARIABLE: str(project_dir)},
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,.localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
        REDIS_URL=os.environ.get("REDIS_URL") or BENCH_REDIS_URL,
        CACHE_KEY_PREFIX=f"hubportal-bench-{secrets.token_hex(4)}",
        WAGTAILADMIN_BASE_URL="https://hub.example.org",
        MFA_ENCRYPTION_KEY=secrets.token_urlsafe(40),
        # Emails go to memory: no SMTP server runs here.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def project_dir_of(env):
    """The code tree ``env`` (from ``build_env``) runs."""
    return Path(env.get(PROJECT_DIR_VARIABLE) or PROJECT_DIR)


def run_step(env, *args, timeout=SETUP_TIMEOUT):
    try:
        completed = subprocess.run(
            [sys.executable, *args], cwd=project_dir_of(env), env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{' '.join(args)} took longer than {timeout}s") from error
    if completed.returncode != 0:
        raise BenchError(f"{' '.join(args)} failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    return completed.stdout


def shell_json(env, code):
    """Run ``code`` in ``manage.py shell``; its last line of output, read as JSON."""
    return json.loads(run_step(env, "manage.py", "shell", "-c", code).strip().splitlines()[-1])


def build_site(env, seed=("seed_demo",), index=True):
    # No task worker runs here, so the search index is built at once rather than by the queued index tasks.
    steps = [("migrate", "--noinput"), seed, *([("update_index",)] if index else []), ("collectstatic", "--noinput")]
    for step in steps:
        print(f"manage.py {step[0]} ...", flush=True)  # only the command: a seed password stays out of the output
        run_step(env, "manage.py", *step)


def prepare_site(env, **build):
    """Create the PostgreSQL database if the environment names one that is missing, then build the site."""
    if urlsplit(env["DATABASE_URL"]).scheme in {"postgres", "postgresql", "pgsql"}:
        ensure_postgres_database(env["DATABASE_URL"])
    build_site(env, **build)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def imports_path(log_path):
    """Where gunicorn's workers write the files ``portal`` and the WSGI module were imported from (gunicorn_probe)."""
    return Path(log_path).with_suffix(".imports.jsonl")


def start_gunicorn(env, port, workers, log_path):
    imports_path(log_path).unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        f"--config={BENCH_DIR / 'gunicorn_probe.py'}",
        f"--workers={workers}",
        f"--bind={HOST}:{port}",
        f"--error-logfile={log_path}",
    ]
    probe_env = env | {"HUBPORTAL_BENCH_IMPORTS": str(imports_path(log_path))}
    return subprocess.Popen(
        command, cwd=project_dir_of(env), env=probe_env, start_new_session=True, stdin=subprocess.DEVNULL
    )


def served_code(env, log_path, workers, timeout=30):
    """The files gunicorn's workers imported ``portal`` from (one per worker, waiting up to ``timeout`` seconds for
    every worker); a BenchError unless each lies in the code tree ``env`` names."""
    project_dir = project_dir_of(env).resolve()
    path = imports_path(log_path)
    deadline = time.monotonic() + timeout
    while True:
        lines = path.read_text().splitlines() if path.exists() else []
        if len(lines) >= workers or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    workers_seen = [json.loads(line) for line in lines]
    if not workers_seen:
        raise BenchError(f"no gunicorn worker reported where it imported portal from ({path})")
    for worker in workers_seen:
        if not Path(worker["portal"]).resolve().is_relative_to(project_dir):
            served_from = worker["portal"]
            raise BenchError(f"gunicorn worker {worker['pid']} serves portal from {served_from}, not {project_dir}")
    return sorted({worker["portal"] for worker in workers_seen})


def stop_gunicorn(process):
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def fetch_status(port, path, host=None, timeout=10):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": host} if host else {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_ready(process, port, log_path):
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited with {process.returncode}:\n{tail(log_path)}")
        try:
            fetch_status(port, "/", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer within {READY_TIMEOUT}s:\n{tail(log_path)}")


def tail(path, limit=3000):
    try:
        return Path(path).read_text(errors="replace")[-limit:]
    except OSError:
        return "(no log)"


@contextmanager
def served(env, workers, log_path):
    """gunicorn serving the site on a free port until the block ends (also on an error or Ctrl-C); yields the port."""
    port = free_port()
    process = start_gunicorn(env, port, workers, log_path)
    try:
        wait_until_ready(process, port, log_path)
        served_code(env, log_path, workers)
        yield port
    finally:
        stop_gunicorn(process)


def forget_cache(env):
    """Delete this run's keys (its own CACHE_KEY_PREFIX) from the shared Redis cache."""
    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(match=f"{env['CACHE_KEY_PREFIX']}:*"):
        client.delete(key)


class HungServer:
    """A server that accepts connections and never answers (a hung search server or mail relay); ``connections``
    counts them."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.accepted = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    @property
    def connections(self):
        return len(self.accepted)

    def accept(self):
        while not self.stopped.is_set():
            try:
                self.accepted.append(self.listener.accept()[0])
            except TimeoutError:
                continue

    def stop(self):
        self.stopped.set()
        self.thread.join()
        for connection in [self.listener, *self.accepted]:
            connection.close()


class Client:
    """One browser: its own cookies, following redirects, posting forms as a browser would over HTTPS."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.timings = []
        self.errors = []

    def request(self, method, path, fields=None):
        origin = f"https://{HOST}:{self.port}"
        headers = {"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        self.timings.append((method, time.perf_counter() - started))
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        if response.status >= 400:
            self.errors.append(f"{method} {path} -> {response.status}")
        return response.status, response.getheader("Location"), content

    def follow(self, method, path, fields=None):
        status, location, content = self.request(method, path, fields)
        while status in (301, 302, 303) and location:
            path = urlsplit(location).path or location
            status, location, content = self.request("GET", path)
        return status, path, content


def form_fields(content, answers):
    """What a browser posts from the page's POST form: its hidden fields, and ``answers`` for the names it has."""
    match = FORM.search(content)
    if not match:
        raise BenchError("no form on the page")
    fields = {name: unescape(value) for name, value in HIDDEN.findall(match.group(1))}
    names = set(re.findall(r'name="([^"]+)"', match.group(1)))
    fields.update({name: value for name, value in answers.items() if name in names})
    return fields


def walk_to_check(client, start, check_path, answers):
    """Answer every question page from ``start`` until check answers; returns the check page's form fields."""
    status, path, content = client.follow("GET", start)
    for _ in range(MAX_PAGES):
        if path == check_path or status != 200:
            break
        status, path, content = client.follow("POST", path, form_fields(content, answers))
    if path != check_path:
        raise BenchError(f"never reached check answers (stuck at {path}, {status})")
    return form_fields(content, answers)


def run_main(main):
    """Exit with ``main()``'s status; a setup failure (BenchError) is printed and exits 1."""
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"bench failed: {error}", file=sys.stderr)
        sys.exit(1)
