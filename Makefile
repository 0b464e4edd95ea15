# ReviewDesk: two commands do all set-up on a fresh machine.
#   make run   - install into .venv and open the app on the built-in demo session
#   make test  - install into .venv and run the whole suite headless
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DEMO   ?= $(HOME)/.cache/reviewdesk-demo.rdesk

.PHONY: run test bench package lint clean install i18n

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[gui,test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/reviewdesk demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: $(STAMP)
	$(PY) bench/run.py

i18n: $(STAMP)
	$(PY) tools/i18n.py

package: $(STAMP)
	$(PY) -m pip install -q -e '.[gui,test,package]'
	$(VENV)/bin/pyinstaller --noconfirm --clean build_installer.spec

clean:
	rm -rf build dist .pytest_cache
