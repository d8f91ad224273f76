# The psoas explainer.  `make app` serves it, `make test` tests it; both set everything up.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8866

.DEFAULT_GOAL := help
.PHONY: help setup app lab test notebooks check-notebooks figures browser hub-proxy clean classroom loadtest bench static

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed (set PYTHON=...)"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp config/jupyterlab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the app with its test tools

app: setup  ## serve the app with Voilà at http://localhost:8866 and open it
	$(BIN)/python -m psoas.serve --port $(PORT)

lab: setup  ## open the notebooks in JupyterLab (in Dutch: the nl_NL language pack is the default)
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

browser:  ## install Debian's chromium for the browser tests when it is missing
	@bash scripts/ensure-chromium.sh

HUB_PROXY := $(VENV)/lib/node/node_modules/.bin/configurable-http-proxy

hub-proxy: setup  ## install JupyterHub's proxy (npm) into .venv for the JupyterHub test
	@test -x $(HUB_PROXY) || bash scripts/ensure-node.sh
	@test -x $(HUB_PROXY) || npm install --silent --no-fund --no-audit --prefix $(VENV)/lib/node configurable-http-proxy@5 \
	  || echo "configurable-http-proxy could not be installed (npm): the JupyterHub test will be skipped" >&2

test: setup browser hub-proxy  ## run every test (model, drawing, content, notebooks, Voilà + Chromium)
	$(BIN)/python -m pytest

notebooks: setup  ## write the article text from content/ into the notebooks
	$(BIN)/python -m psoas.notebook_sync

check-notebooks: setup  ## fail when the notebooks' text differs from content/
	$(BIN)/python -m psoas.notebook_sync --check

figures: setup  ## write the neutral and anterior-tilt diagrams to figures/ (PNG and SVG)
	$(BIN)/python -m psoas.export_figures figures

static: setup  ## build the static site in site/: every page, no kernel needed (a rebuild redraws only what changed)
	$(BIN)/python -m psoas.static_site $(STATIC_ARGS)

STATIC_ARGS ?= $(ARGS)
classroom loadtest: STATIC_ARGS :=  # their ARGS are theirs, not the site build's

# The static classroom needs site/: build it first (a rebuild with nothing changed takes seconds);
# ARGS=--live serves the notebooks with Voilà instead and needs no site.
classroom: setup $(if $(filter --live,$(ARGS)),,static)  ## serve the static site to a class on the network, with a QR code (ARGS=--live: Voilà, a kernel each)
	$(BIN)/python -m psoas.classroom --port $(PORT) $(ARGS)

loadtest: setup $(if $(filter --static,$(ARGS)),static)  ## 30 students open a chapter at once (ARGS="--static --busy": 300 on the static site); loopback only
	$(BIN)/python -m loadtest $(ARGS)

bench: setup browser  ## the slider's speed against the naive baseline, side by side; writes docs/performance.md
	$(BIN)/python -m benchmarks.run

clean:  ## remove the virtual environment and caches (also the pictures in ~/.cache/psoas-explainer)
	rm -rf $(VENV) .pytest_cache site "$${PSOAS_CACHE_DIR:-$${XDG_CACHE_HOME:-$$HOME/.cache}/psoas-explainer}"
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
