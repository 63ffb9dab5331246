"""The demo's facts, as data files read by the seeding steps."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent


def load(name):
    """The parsed contents of ``<name>.json`` in this folder."""
    with (DATA / f"{name}.json").open(encoding="utf-8") as source:
        return json.load(source)
