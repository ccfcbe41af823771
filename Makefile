# The two commands: `make run` (the product, embedded) and `make test` (everything CI checks).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export CORDEE_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test lint unit bench bench-reads bench-writes lock schema clean

$(BIN)/cordee: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(BIN)/cordee

run: $(BIN)/cordee
	$(BIN)/cordee demo
	$(BIN)/cordee serve

test: $(BIN)/cordee
	infra/scripts/install-system-test-deps.sh
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest -n auto --dist worksteal --durations=15

lint: $(BIN)/cordee
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(BIN)/cordee
	$(BIN)/python -m tests.perf.bench_events $(ARGS)
	$(MAKE) --no-print-directory bench-reads
	$(MAKE) --no-print-directory bench-writes
	$(BIN)/python -m tests.perf.bench_graphql_documents

# The dashboard read: in-process, through the app, and 200 users on a served copy for 40 s (READS_ARGS=--help).
bench-reads: $(BIN)/cordee
	$(BIN)/python -m tests.perf.bench_reads $(READS_ARGS)

# Read your own writes: a command and the wait for its read models, beside the bare library's save.
bench-writes: $(BIN)/cordee
	$(BIN)/python -m tests.perf.bench_read_your_writes $(ARGS)

schema: $(BIN)/cordee
	$(BIN)/python -c "from backend.graphql.schema import schema_sdl; open('schema.graphql', 'w').write(schema_sdl())"
	$(BIN)/python -c "from backend.graphql.actions import matrix_table; open('docs/authorization.md', 'w').write(matrix_table())"

lock:
	uv pip compile pyproject.toml --extra dev -p 3.11 --generate-hashes -q -o requirements.lock --custom-compile-command "make lock"

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache .mypy_cache .ruff_cache
