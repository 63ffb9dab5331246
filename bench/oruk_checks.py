"""A check schemathesis adds to its own in `make fuzz` (bench/fuzz_oruk.py loads it through SCHEMATHESIS_HOOKS).

The API answers 400, naming the parameter, for values the specification's loose types allow but the
directory cannot read (README, "Open Referral UK API"), so schemathesis is told that 400 is an expected answer
to valid data (tests/directory/api/oruk/schemathesis.toml). These parameters, though, are read whatever valid
value they carry: a 400 naming one of them, for data generated as valid, is a failure.
"""

import schemathesis

READ_WHATEVER_VALID = {"page", "per_page", "start_time", "end_time"}


@schemathesis.check
def valid_paging_and_times_are_read(ctx, response, case):
    meta = case.meta
    if response.status_code != 400 or meta is None or not meta.generation.mode.is_positive:
        return None
    try:
        parameter = response.json().get("parameter")
    except ValueError:
        return None
    if parameter in READ_WHATEVER_VALID:
        value = (case.query or {}).get(parameter)
        raise AssertionError(f"{parameter}={value!r} is valid by the specification but was refused")
    return None
