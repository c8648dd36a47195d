# Nianbao: `make demo` sets up and serves the demo archive; `make test` sets up and runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= instance
HOST ?= 127.0.0.1
PORT ?= 5000
#: Port of the demo government portal that `make demo` crawls (any free port works).
DEMO_PORTAL_PORT ?= 5001

.PHONY: install demo test lint format bench bench-archive bench-portal bench-wrk browser office clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the project needs beyond PyPI, installed once where missing (needs root or sudo):
# Chromium and a CJK font for the Playwright browser tests; LibreOffice Writer (no GUI) to read
# Word 97 .doc and WPS attachments.
BROWSER_PACKAGES := chromium fonts-wqy-microhei
OFFICE_PACKAGES := libreoffice-writer-nogui
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get install -y -q $(2) $$missing >/dev/null || { $$SUDO apt-get update -q && $$SUDO apt-get install -y -q $(2) $$missing; }; \
	fi
endef

browser:
	$(call apt_install,$(BROWSER_PACKAGES))

office:
	$(call apt_install,$(OFFICE_PACKAGES),--no-install-recommends)

demo: install office
	NIANBAO_DATA_DIR=$(DATA_DIR) $(BIN)/nianbao demo build --portal-port $(DEMO_PORTAL_PORT)
	NIANBAO_DATA_DIR=$(DATA_DIR) $(BIN)/nianbao run --host $(HOST) --port $(PORT)

test: install browser office
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks write their figures (JSON) into bench-results/; note the load average with them.
bench: install
	mkdir -p bench-results
	$(BIN)/python -m benchmarks.run_all --output bench-results

# The portal at scale: a synthetic archive, then server-time percentiles and a wrk run against
# gunicorn (2 workers, 50 connections, 60 s). The default is small (about a minute); go big with
# `make bench-portal BENCH_REPORTS=100000` (about 25 min and 16 GB).
BENCH_DIR ?= /tmp/nianbao-bench
BENCH_REPORTS ?= 2000
BENCH_BACKEND ?= tantivy
bench-archive: install
	$(BIN)/python -m benchmarks.bench_archive --reports $(BENCH_REPORTS) --data-dir $(BENCH_DIR)/$(BENCH_REPORTS) --search-backend $(BENCH_BACKEND)

bench-portal: bench-archive
	$(BIN)/python -m benchmarks.portal_bench --data-dir $(BENCH_DIR)/$(BENCH_REPORTS) --search-backend $(BENCH_BACKEND) --requests 300 --output bench-results

bench-wrk: bench-archive
	@command -v wrk >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then apt-get install -y -q wrk; else sudo apt-get install -y -q wrk; fi; }
	$(BIN)/python -m benchmarks.wrk_run --data-dir $(BENCH_DIR)/$(BENCH_REPORTS) --search-backend $(BENCH_BACKEND) --output bench-results

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache
