"""Run axe-core in a Playwright page and fail with a readable report on any WCAG 2.2 AA violation."""

from functools import cache
from importlib.resources import files

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
TARGETS_SHOWN = 3


@cache
def axe_source():
    # Only the script file is taken from axe-playwright-python; its Python API is not used.
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def run_axe(page):
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
    if not page.evaluate("() => typeof window.axe === 'object'"):
        raise AssertionError(
            "axe-core could not be injected: the page's Content-Security-Policy blocked it. "
            "Open the page in a context made with bypass_csp=True (the axe_page fixture)."
        )
    options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}}
    return page.evaluate("options => window.axe.run(document, options)", options)


def assert_no_axe_violations(page, context=""):
    """Fail if axe finds a WCAG 2.0-2.2 A/AA violation on the page as it is now; return axe's results."""
    results = run_axe(page)
    if results["violations"]:
        raise AssertionError(format_violations(results, context))
    return results


def format_violations(results, context=""):
    where = results["url"] + (f" ({context})" if context else "")
    lines = [f"axe found {len(results['violations'])} accessibility violation(s) on {where}:"]
    for violation in results["violations"]:
        nodes = violation["nodes"]
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']} "
            f"({len(nodes)} element(s)) {violation['helpUrl']}"
        )
        for node in nodes[:TARGETS_SHOWN]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            lines.append(f"      {node['html'][:300]}")
            if node.get("failureSummary"):
                lines.extend(f"      {line}" for line in node["failureSummary"].splitlines())
        if len(nodes) > TARGETS_SHOWN:
            lines.append(f"    ... and {len(nodes) - TARGETS_SHOWN} more")
    return "\n".join(lines)
