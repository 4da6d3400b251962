# suijun: two commands on a fresh machine.
#   make demo   creates .venv, installs suijun, checks the embedded sample report
#   make test   runs the test suite (what .ci/run runs)
# For maintainers:
#   make lint            ruff (lint + format check) and mypy, as CI runs them
#   make wheel-check     builds the wheel and runs it from a fresh venv outside the checkout
#   make test-python V=3.12   the test suite on another Python (its own .venv-3.12)
#   make lock            refreshes requirements/deploy.txt (exact versions + hashes for the bot's server)
#   make deploy-install  installs the bot from that lock: the versions `suijun audit replay` can reproduce
#   make ocr             installs Tesseract with Japanese (scanned reports; needs root/sudo and apt)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := data/sample-report.pdf
TYPECHECK := build/typecheck

.PHONY: demo install test lint wheel-check test-python lock deploy-install bench score clean ocr

$(BIN)/suijun: pyproject.toml setup.py
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(BIN)/suijun

install: $(BIN)/suijun

demo: install
	$(BIN)/suijun check $(SAMPLE)
	@echo "Pictures too: $(BIN)/suijun check $(SAMPLE) --chart chart.png --highlight highlight.pdf"

test: install
	$(BIN)/python -m pytest

$(BIN)/mypy: $(BIN)/suijun
	$(BIN)/pip install --quiet -e '.[test,lint]'
	@touch $(BIN)/mypy

# The folders only become suijun.bot, suijun.extractors, suijun.rules when installed, and mypy cannot
# follow an editable install's import hook: it checks a tree of links with the installed names.
lint: $(BIN)/mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	rm -rf $(TYPECHECK) && mkdir -p $(TYPECHECK)/suijun
	for d in bot extractors rules; do ln -s ../../../$$d $(TYPECHECK)/suijun/$$d; done
	cd $(TYPECHECK) && ../../$(BIN)/mypy --config-file ../../pyproject.toml -p suijun.bot -p suijun.extractors -p suijun.rules

wheel-check: install
	$(BIN)/python tests/wheel_check.py

# V=3.12: a venv of its own (.venv-3.12) from the first python3.12 found (PATH, then pyenv's versions).
test-python:
	@test -n "$(V)" || { echo "usage: make test-python V=3.12"; exit 2; }
	@py=$$(for c in $$(command -v python$(V)) $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$(V)*/bin/python$(V); do \
		"$$c" -c 'pass' 2>/dev/null && { echo "$$c"; break; }; done); \
	test -n "$$py" || { echo "python$(V) not found"; exit 3; }; \
	test -x .venv-$(V)/bin/python || "$$py" -m venv .venv-$(V); \
	.venv-$(V)/bin/pip install --quiet --upgrade pip && .venv-$(V)/bin/pip install --quiet -e '.[test]' && \
	.venv-$(V)/bin/python -m pytest

lock: install
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra slack --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
		--generate-hashes --no-strip-markers --custom-compile-command "make lock" -o requirements/deploy.txt

# The bot's server: every library at the locked version (hashes checked), then suijun itself without
# resolving anything again. Audit rows record these versions; replay on the same lock reproduces them.
deploy-install:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/deploy.txt
	$(BIN)/pip install --quiet --no-deps .

bench: install
	$(BIN)/python bench/bench.py

score: install
	$(BIN)/python ../shared/tools/score.py ../shared/corpus --cmd "$(BIN)/suijun check {pdf} --json --no-log"
	@for set in tests/blind*/; do $(BIN)/python ../shared/tools/score.py $$set --cmd "$(BIN)/suijun check {pdf} --json --no-log" | tail -n 1 | sed "s|^|$$set |"; done

# Scanned reports are read with Tesseract (local OCR). Without it they are
# "unreadable" and the OCR tests skip.
ocr:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx jpn; then \
		echo "tesseract with jpn is installed"; \
	else \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-jpn; \
	fi

clean:
	rm -rf $(VENV) .venv-3.* build *.egg-info
