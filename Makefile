# suijun: two commands on a fresh machine.
#   make demo   creates .venv, installs suijun, checks the embedded sample report
#   make test   runs the test suite (what .ci/run runs)
#   make ocr    installs Tesseract with Japanese (scanned reports; needs root/sudo and apt)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := data/sample-report.pdf

.PHONY: demo install test bench score clean ocr

$(BIN)/suijun: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(BIN)/suijun

install: $(BIN)/suijun

demo: install
	$(BIN)/suijun check $(SAMPLE)

test: install
	$(BIN)/python -m pytest

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
	rm -rf $(VENV) build *.egg-info
