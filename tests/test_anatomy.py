"""The direction of imports between the parts of each domain (STYLE.md, "The tree is the architecture").

Every module of the apps is parsed with ``ast``; nothing is imported. An import anywhere in a module counts,
inside functions too, and so does ``include("dotted.urls")`` with a string. The rules:

- a domain's root modules (anything outside its audience packages) import no audience package;
  ``wagtail_hooks.py`` may import its own app's ``admin`` package, as registration;
- an audience package imports no other audience package, of its own domain or another;
- models import no views;
- ``portal`` (other than ``portal/urls.py`` and ``portal/demo/``) imports no domain app;
- ``choices.py`` imports only Django, the standard library and other ``choices`` modules;
- ``wagtail_hooks.py`` is registration only: no module imports one.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("bookings", "programmes", "directory", "home", "portal")
DOMAINS = (
    "bookings",
    "programmes",
    "directory",
    "directory.partners",
    "directory.referrals",
    "directory.tasking",
    "directory.casereviews",
    "home",
)
DOMAIN_APPS = ("bookings", "programmes", "directory", "home")
AUDIENCES = ("public", "partner", "admin")
EXTRA_AUDIENCE_PACKAGES = ("directory.api",)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def app_modules():
    """``{dotted name: path}`` of every Python module of the apps, migrations left out."""
    modules = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.relative_to(ROOT).parts:
                continue
            modules[module_name(path)] = path
    return modules


MODULES = app_modules()


def resolve(module, path, level, target):
    """The absolute name of a relative import ``from <level dots><target> import ...`` in ``module``."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    parts = package.split(".")
    base = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*base, target] if target else base)


def imports_of(module, path):
    """Every module ``module`` imports, as absolute dotted names. ``from package import name`` counts as an
    import of ``package.name`` when that is a module of the apps."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = resolve(module, path, node.level, node.module) if node.level else node.module
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.add(submodule if submodule in MODULES else source)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "include"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


IMPORTS = {module: imports_of(module, path) for module, path in MODULES.items()}


def within(module, package):
    return module == package or module.startswith(package + ".")


def audience_package(module):
    """The audience package ``module`` is in (or is, or imports a name of), or None."""
    for package in EXTRA_AUDIENCE_PACKAGES:
        if within(module, package):
            return package
    for domain in DOMAINS:
        for audience in AUDIENCES:
            if within(module, f"{domain}.{audience}"):
                return f"{domain}.{audience}"
    return None


def domain_of(module):
    """The innermost domain ``module`` belongs to (``directory.referrals`` before ``directory``), or None."""
    owners = [domain for domain in DOMAINS if within(module, domain)]
    return max(owners, key=len) if owners else None


def is_views(module):
    last = module.rpartition(".")[2]
    return last == "views" or last.endswith("_views") or audience_package(module) is not None


def is_choices(module):
    return module.rpartition(".")[2] == "choices"


def may_import_from_choices(imported):
    top = imported.partition(".")[0]
    return top in ("django", "__future__") or top in sys.stdlib_module_names or is_choices(imported)


def offences(imports=None):
    """Every ``(rule, module, imported)`` in ``imports`` (``{module: imported modules}``, by default the apps')
    that breaks a rule."""
    found = set()
    for module, imported_modules in (IMPORTS if imports is None else imports).items():
        own_audience = audience_package(module)
        domain = domain_of(module)
        is_hooks = module.rpartition(".")[2] == "wagtail_hooks"
        is_models = module.endswith(".models") or ".models." in module
        for imported in imported_modules:
            target_audience = audience_package(imported)
            if domain and not own_audience and target_audience:
                own_admin = f"{domain}.admin"
                if not (is_hooks and within(imported, own_admin)):
                    found.add(("root imports audience", module, imported))
            if own_audience and target_audience and target_audience != own_audience:
                found.add(("audience imports audience", module, imported))
            if is_models and is_views(imported):
                found.add(("models import views", module, imported))
            if (
                within(module, "portal")
                and module != "portal.urls"
                and not within(module, "portal.demo")
                and any(within(imported, app) for app in DOMAIN_APPS)
            ):
                found.add(("portal imports a domain", module, imported))
            if is_choices(module) and not may_import_from_choices(imported):
                found.add(("choices import more than Django", module, imported))
            if imported.rpartition(".")[2] == "wagtail_hooks":
                found.add(("wagtail_hooks imported", module, imported))
    return found


RULES = (
    "root imports audience",
    "audience imports audience",
    "models import views",
    "portal imports a domain",
    "choices import more than Django",
    "wagtail_hooks imported",
)


def test_the_apps_were_found():
    for app in APPS:
        assert any(within(module, app) for module in MODULES), f"no modules found in {app}/"
    assert len(MODULES) > 100
    assert sum(len(imports) for imports in IMPORTS.values()) > 500
    for package in ("bookings.public", "bookings.admin", "directory.referrals.partner", "programmes.public"):
        assert package in MODULES, f"{package} is not an audience package any more: update this test"


def test_relative_imports_are_resolved():
    assert "bookings.public.forms" in IMPORTS["bookings.public.views"]


def test_the_rules_catch_what_they_should():
    imports = {
        "bookings.models": {"bookings.public.views", "django.db"},
        "bookings.wagtail_hooks": {"bookings.admin.views", "programmes.wagtail_hooks"},
        "directory.wagtail_hooks": {"directory.partners.admin.views"},
        "directory.referrals.partner.views": {"directory.partners.partner.forms", "directory.referrals.services"},
        "directory.public.views": {"directory.api.queries", "directory.public.forms"},
        "portal.retention": {"bookings.retention", "portal.outbox"},
        "portal.urls": {"bookings.public.urls"},
        "portal.demo.bookings": {"bookings.services"},
        "directory.referrals.choices": {"django.db.models", "enum", "bookings.choices", "wagtail.models"},
        "home.models": {"home.views"},
    }
    assert offences(imports) == {
        ("models import views", "bookings.models", "bookings.public.views"),
        ("root imports audience", "bookings.models", "bookings.public.views"),
        ("wagtail_hooks imported", "bookings.wagtail_hooks", "programmes.wagtail_hooks"),
        ("root imports audience", "directory.wagtail_hooks", "directory.partners.admin.views"),
        ("audience imports audience", "directory.referrals.partner.views", "directory.partners.partner.forms"),
        ("audience imports audience", "directory.public.views", "directory.api.queries"),
        ("portal imports a domain", "portal.retention", "bookings.retention"),
        ("choices import more than Django", "directory.referrals.choices", "wagtail.models"),
        ("models import views", "home.models", "home.views"),
    }


@pytest.mark.parametrize("rule", RULES)
def test_imports_point_one_way(rule):
    found = sorted(offence for offence in offences() if offence[0] == rule)
    assert not found, f"{rule}:\n" + "\n".join(f"  {module} imports {imported}" for _, module, imported in found)
