"""The pure helpers of bench/speed.py (`make bench`): ratios, goals, exit status, the printed table."""

import argparse
import importlib.util
from pathlib import Path

import pytest

SPEED_PATH = Path(__file__).resolve().parents[2] / "bench" / "speed.py"


@pytest.fixture(scope="module")
def speed():
    spec = importlib.util.spec_from_file_location("bench_speed", SPEED_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ratio_is_none_without_a_positive_denominator(speed):
    assert speed.ratio(300.0, 100.0) == 3.0
    assert speed.ratio(None, 100.0) is None
    assert speed.ratio(300.0, None) is None
    assert speed.ratio(300.0, 0) is None


def page_results(before_rps, after_rps, static_rps):
    def figures(page_rps, static):
        pages = {name: {"requests_per_second": page_rps, "p50_ms": 10.0, "p99_ms": 20.0} for name in ("home",)}
        return pages | {"static file (home HTML)": {"requests_per_second": static, "p50_ms": 1.0, "p99_ms": 2.0}}

    return {"pages": {"before": figures(before_rps, static_rps), "after": figures(after_rps, static_rps)}}


def test_page_rows_judge_the_speedup_and_the_share_of_the_static_rate(speed, monkeypatch):
    monkeypatch.setattr(speed, "PAGES", {"home": "/"})
    rows = {row.target: row for row in speed.page_rows(page_results(100.0, 1000.0, 1800.0))}
    assert rows["home after/before"].after == 10.0
    assert rows["home after/before"].met is True
    assert rows["home / static"].before == pytest.approx(100 / 1800)
    assert rows["home / static"].met is True
    assert rows["home req/s"].met is None

    rows = {row.target: row for row in speed.page_rows(page_results(100.0, 250.0, 1800.0))}
    assert rows["home after/before"].met is False
    assert rows["home / static"].met is False


def test_a_missing_figure_is_neither_met_nor_missed(speed, monkeypatch):
    monkeypatch.setattr(speed, "PAGES", {"home": "/"})
    rows = {row.target: row for row in speed.page_rows({"pages": {"before": {}, "after": {}}})}
    assert rows["home after/before"].after is None
    assert rows["home after/before"].met is None


def test_exit_status_puts_errors_before_missed_targets(speed):
    met = speed.Row("rush", "p99", 8600.0, 2000.0, "<= 3,000 ms", True)
    missed = speed.Row("queries", "programme page", 12, 12, "<= 6", False)
    info = speed.Row("pages", "home req/s", 100.0, 110.0)
    assert speed.exit_status([met, info], []) == 0
    assert speed.exit_status([met, missed], []) == 3
    assert speed.exit_status([met, missed], ["[after] home: 3 errors under load"]) == 2


def test_the_table_shows_before_after_goal_and_met(speed):
    rows = [
        speed.Row("queries", "programme page", 12, 5, "<= 6", True),
        speed.Row("pages", "home after/before", None, 1.04, ">= 3x", False, "x"),
        speed.Row("rush", "final POST p99", 8600.0, None, "<= 3,000 ms", None, "ms"),
    ]
    lines = speed.format_rows(rows).splitlines()
    assert lines[0].split() == ["target", "before", "after", "goal", "met"]
    assert set(lines[1]) == {"-"}
    assert lines[2].split()[-5:] == ["12", "5", "<=", "6", "yes"]
    assert "1.04x" in lines[3] and lines[3].endswith("NO")
    assert "rush: final POST p99 (ms)" in lines[4] and "8,600" in lines[4]
    assert len({len(line.rstrip()) for line in lines[:2]}) == 1


def test_database_names_carry_the_tree_and_its_changes(speed):
    clean = speed.Tree("before", Path("before"), "d8375cd869", False, "d8375cd869")
    changed = speed.Tree("after", Path("."), "cdf4b5ef00", True, "cdf4b5ef00dA1b2c3")
    assert speed.database_name("dir2k", clean) == "hubportal_speed_dir2k_before_d8375cd869"
    assert speed.database_name("rush", changed) == "hubportal_speed_rush_after_cdf4b5ef00da1b2c3"


def test_search_summary_pools_every_timed_request_of_a_kind(speed):
    report = {
        "results": {
            "/directory/?q=noise": {"status": 200, "timings_ms": [10.0, 12.0, 40.0]},
            "/directory/?q=drugs": {"status": 200, "timings_ms": [11.0, 13.0]},
            "/search/?q=noise": {"status": 500, "timings_ms": [30.0]},
            "/directory/": {"status": 200, "timings_ms": [1.0]},
        }
    }
    summary = speed.search_summary(report)
    assert summary["/directory/"] == {"p50_ms": 12.0, "p95_ms": 40.0, "requests": 5}
    assert summary["/search/"]["requests"] == 1
    assert summary["non_200"] == ["/search/?q=noise"]


def test_sections_accepts_a_subset_and_refuses_unknown_names(speed):
    assert speed.sections("pages, rush") == ["pages", "rush"]
    with pytest.raises(argparse.ArgumentTypeError):
        speed.sections("pages,speed")


def test_query_goals_apply_to_the_page_rendered_without_the_page_cache(speed):
    counts = {
        "before": {"cache off": {"1": {"queries": 12}, "20": {"queries": 31}}, "as served": {"1": {"queries": 12}}},
        "after": {"cache off": {"1": {"queries": 5}, "20": {"queries": 5}}, "as served": {"1": {"queries": 1}}},
    }
    rows = {row.target: row for row in speed.query_rows({"queries": counts})}
    assert (rows["programme page, 1 run, cache off"].before, rows["programme page, 1 run, cache off"].after) == (12, 5)
    assert rows["programme page, 20 runs, cache off"].met is True
    assert rows["programme page, 1 run, as served"].met is None

    counts["after"]["cache off"]["20"] = {"queries": 7}
    rows = {row.target: row for row in speed.query_rows({"queries": counts})}
    assert rows["programme page, 20 runs, cache off"].met is False
