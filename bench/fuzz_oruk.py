"""Fuzz the Open Referral UK API from the official specification with schemathesis (`make fuzz`, run by CI).

Builds a throwaway demo hub with production settings (a fresh SQLite file: migrate, seed_demo, update_index,
collectstatic), serves it with gunicorn on a free loopback port and runs schemathesis against
`/api/oruk/` with the local copy of the official `openapi.json` (tests/directory/api/oruk/schema/) and the
overlay beside it that declares the API's documented errors (openapi.overlay.json, applied as a JSON merge
patch, RFC 7396): every check, a fixed seed, a bounded number of examples per operation. Then it adds the
bench's directory of 2,000 organisations (bench/directory_data.py), indexes it and runs schemathesis again,
so paging and search are fuzzed at size. The schemathesis settings are in
tests/directory/api/oruk/schemathesis.toml, its extra check in bench/oruk_checks.py.

    .venv/bin/python bench/fuzz_oruk.py [--max-examples 25] [--seed 17] [--organisations 2000] [--keep]

Prints schemathesis's own summary for each run and one line per run:
"oruk fuzz <label>: <status>, <seconds>s". Exit status: 0 when both runs passed, 1 on setup failure,
2 when schemathesis found a failure.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PROJECT_DIR, build_env, prepare_site, run_main, run_step, served, tail

ORUK_DIR = PROJECT_DIR / "tests" / "directory" / "api" / "oruk"
SCHEMA_DIR = ORUK_DIR / "schema"
OVERLAY = ORUK_DIR / "openapi.overlay.json"
CONFIG = ORUK_DIR / "schemathesis.toml"
UPSTREAM = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
GENERATE = """
import sys
sys.path.insert(0, "bench")
from directory_data import generate
print(generate(organisations={organisations}, services={services}))
"""


def merge_patch(target, patch):
    """RFC 7396: objects merge key by key, null deletes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def local_refs(node):
    """The specification's $refs to the upstream schema files, pointed at the same files beside it."""
    if isinstance(node, dict):
        return {
            key: value.removeprefix(UPSTREAM) if key == "$ref" and isinstance(value, str) else local_refs(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [local_refs(value) for value in node]
    return node


def write_specification(workdir):
    """The copy of openapi.json with the overlay applied, in a copy of the schema directory (so that its
    relative $refs, and those of the schema files, resolve offline). Returns its path."""
    schema_dir = workdir / "schema"
    shutil.copytree(SCHEMA_DIR, schema_dir)
    spec = json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))
    spec = merge_patch(local_refs(spec), json.loads(OVERLAY.read_text(encoding="utf-8")))
    path = schema_dir / "openapi-with-errors.json"
    path.write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return path


def fuzz(label, spec, port, args, workdir):
    """One schemathesis run; returns True when it passed. Its output goes to ours as it comes."""
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(CONFIG),
        "run",
        str(spec),
        "--url",
        f"http://127.0.0.1:{port}/api/oruk",
        "--checks",
        "all",
        "--seed",
        str(args.seed),
        "--max-examples",
        str(args.max_examples),
        "--workers",
        "1",
        "--report",
        "junit",
        "--report-dir",
        str(workdir / f"report-{label}"),
    ]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent), SCHEMATHESIS_HOOKS="oruk_checks")
    print(f"== schemathesis: {label} ==", flush=True)
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=workdir, env=env, stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    status = "passed" if completed.returncode == 0 else f"FAILED (schemathesis exit {completed.returncode})"
    print(f"oruk fuzz {label}: {status}, {seconds:.0f}s", flush=True)
    return completed.returncode == 0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=25, help="examples per operation and phase (25)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--organisations", type=int, default=2000, help="the second run's directory (2000)")
    parser.add_argument("--services", type=int, default=6000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (database, reports)")
    return parser.parse_args()


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="hubportal-fuzz-"))
    try:
        env = build_env(workdir, f"sqlite:///{workdir / 'fuzz.sqlite3'}")
        env["LOG_LEVEL"] = "WARNING"
        started = time.perf_counter()
        prepare_site(env)
        spec = write_specification(workdir)
        print(f"demo hub built in {time.perf_counter() - started:.0f}s", flush=True)
        log = workdir / "gunicorn.log"
        with served(env, args.workers, log) as port:
            passed = fuzz("demo", spec, port, args, workdir)
            started = time.perf_counter()
            made = run_step(env, "manage.py", "shell", "-c", GENERATE.format(**vars(args)))
            run_step(env, "manage.py", "update_index")
            made = made.strip().splitlines()[-1]
            print(f"added {made} organisations and services, indexed, in {time.perf_counter() - started:.0f}s")
            passed = fuzz(f"{args.organisations} organisations", spec, port, args, workdir) and passed
        if "Traceback" in tail(log, limit=100_000):
            print(f"gunicorn logged an error:\n{tail(log)}", file=sys.stderr)
            passed = False
        return 0 if passed else 2
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    if not SCHEMATHESIS.exists():
        raise SystemExit(f"{SCHEMATHESIS} is missing: make install-test installs it")
    run_main(main)
