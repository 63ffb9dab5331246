"""gunicorn configuration for the benches: each worker, once it has loaded the site, appends where it imported
``portal`` and the WSGI module from to the file named by HUBPORTAL_BENCH_IMPORTS (common.served_code checks it lies
in the code tree the bench meant to measure)."""

import json
import os
import sys


def post_worker_init(worker):
    path = os.environ.get("HUBPORTAL_BENCH_IMPORTS")
    if not path:
        return
    record = {
        "pid": os.getpid(),
        "portal": getattr(sys.modules.get("portal"), "__file__", None) or "(not imported)",
        "wsgi": getattr(sys.modules.get("portal.wsgi"), "__file__", None) or "(not imported)",
    }
    with open(path, "a", encoding="utf-8") as probe:
        probe.write(json.dumps(record) + "\n")
