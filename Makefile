# Quick start: `make run` (set up and launch) and `make test` (set up and run every test).
.PHONY: run test lint screenshots check-content clean

run:
	@./scripts/bootstrap.sh
	.venv/bin/mlcoach

test:
	@./scripts/bootstrap.sh --test
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest

lint:
	@./scripts/bootstrap.sh --test
	.venv/bin/ruff check .
	.venv/bin/mypy

check-content:
	@./scripts/bootstrap.sh
	.venv/bin/mlcoach check-content

screenshots:
	@./scripts/bootstrap.sh --test
	QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

clean:
	rm -rf .venv build dist .pytest_cache .mypy_cache .ruff_cache
