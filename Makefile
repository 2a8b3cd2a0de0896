# Two commands for a new user: `make serve` (set up, validate, build, serve on http://127.0.0.1:8000)
# and `make test`. Every target creates the virtual environment from requirements.lock when it is missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
NODE_STAMP := node_modules/.installed-from-lock
CHROMIUM := /usr/bin/chromium
# Debian's package manager, as root or through sudo (the browser tests drive Debian's Chromium).
APT := $(if $(filter 0,$(shell id -u)),,sudo) apt-get
PORT ?= 8000

BASE ?= origin/main

.PHONY: serve build validate fix coverage changes audit synthetic test test-unit lint format clean benchmark

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

$(NODE_STAMP): package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $(NODE_STAMP)

$(CHROMIUM):
	$(APT) update -qq
	DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq --no-install-recommends chromium

validate: $(STAMP)
	$(BIN)/python scripts/validate.py

fix: $(STAMP)
	$(BIN)/python scripts/fix_data.py

coverage: validate
	$(BIN)/python scripts/coverage_report.py

audit: $(STAMP)
	$(BIN)/python scripts/audit_sample.py $(if $(SEED),--seed $(SEED)) $(if $(SIZE),--size $(SIZE))

synthetic: $(STAMP)  # make synthetic SCALE=10 OUT=/tmp/package-10x; build from it with VDP_PACKAGE_DIR=/tmp/package-10x make build
	$(BIN)/python scripts/synthetic_data.py $(or $(SCALE),10) $(or $(OUT),build/synthetic-$(or $(SCALE),10)x)

changes: $(STAMP)
	$(BIN)/python scripts/change_report.py $(BASE)

build: $(STAMP)  # the build validates first, and builds nothing from invalid data
	$(BIN)/python scripts/build_site.py

serve: build  # compressed with gzip, as a static host serves it
	$(BIN)/python scripts/serve.py --port $(PORT) site

test: $(STAMP) $(NODE_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

test-unit: $(STAMP)
	$(BIN)/python -m pytest -m unit

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

format: $(STAMP)
	$(BIN)/ruff format scripts tests
	$(BIN)/ruff check --fix scripts tests

clean:
	rm -rf build site site.partial .pytest_cache

benchmark: $(STAMP) $(NODE_STAMP) $(CHROMIUM)
	$(BIN)/python scripts/benchmark_site.py
