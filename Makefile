# Two commands do everything on a fresh machine:
#   make run    installs, migrates, seeds demo content and serves http://127.0.0.1:8000
#   make test   installs what the tests need (Chromium included) and runs every test
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DEMO_ADMIN_PASSWORD ?= changeme
PYTEST_ARGS ?=
# `make bench`: the code before (a git ref) against this working tree; options for bench/speed.py in BENCH_ARGS,
# e.g. make bench BENCH_ARGS="--only pages,queries --duration 5"
BENCH_BEFORE ?= d8375cd
BENCH_ARGS ?=

include Makefile.css.mk

# $(call apt_install,command,package,message): say where the command is, else install Debian's package when
# root (as on a fresh CI machine), else print the message (what runs without it).
apt_install = if command -v $(1) >/dev/null; then \
		echo "$(2): $$(command -v $(1))"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null && \
		echo "Installed $(2): $$(command -v $(1))"; \
	else \
		echo "$(3)"; \
	fi

.PHONY: run test install install-test browser wrk lint format check lock bench bench-pages fuzz clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --admin-password "$(DEMO_ADMIN_PASSWORD)"
	@echo ""
	@echo "  Westfield hub: http://westfield.localhost:8000/  (also http://127.0.0.1:8000/, the default site)"
	@echo "  Carrick hub:   http://carrick.localhost:8000/"
	@echo "  Admin: http://westfield.localhost:8000/admin/  (email: admin@example.org, password: $(DEMO_ADMIN_PASSWORD))"
	@echo "  Partner: http://westfield.localhost:8000/accounts/login/  (email: partner@example.org, password: $(DEMO_ADMIN_PASSWORD))"
	@echo "  County figures: http://westfield.localhost:8000/admin/county-figures/"
	@echo "  Emails are sent by the task worker started alongside, and printed here."
	@echo ""
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:8000

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
browser:
	@$(call apt_install,/usr/bin/chromium,chromium,Chromium is missing and cannot be installed here: browser tests will be skipped.)

test: install-test
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	@# Production refuses to start without these; the check only reads them (nothing connects to Redis).
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
		MFA_ENCRYPTION_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(40))')" \
		REDIS_URL=redis://127.0.0.1:6379/0 \
		WAGTAILADMIN_BASE_URL=https://hub.example.org \
		DJANGO_SETTINGS_MODULE=portal.settings.production \
		$(PY) manage.py check --deploy --fail-level WARNING

# Record the exact versions that were tested, for `pip install -c constraints.txt`.
lock: $(VENV)/.installed-test
	$(PIP) freeze --exclude-editable | grep -v '^-e ' > constraints.txt

# The load generator of the page benches (bench/README.md); without it they fall back to a slower Python one.
wrk:
	@$(call apt_install,wrk,wrk,wrk is missing and cannot be installed here: the benches use the Python load generator (lower ceiling).)

# Issue 16's targets, before ($(BENCH_BEFORE)) and after (this working tree), from one run (bench/README.md).
bench: install-test wrk
	$(PY) bench/speed.py --before $(BENCH_BEFORE) $(BENCH_ARGS)

# The public pages of this tree alone, both demo hubs (bench/serve_and_measure.py).
bench-pages: install-test wrk
	$(PY) bench/serve_and_measure.py

# schemathesis against a served demo hub with the official Open Referral UK openapi.json, then again with
# 2,000 more organisations (README "Open Referral UK API").
fuzz: install-test
	$(PY) bench/fuzz_oruk.py

clean:
	rm -rf $(VENV) node_modules collected-static test-media
