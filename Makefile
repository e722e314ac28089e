# Quick start: `make run` (set up and launch) and `make test` (set up and run every test).
.PHONY: run test lint screenshots check-content package package-check bench clean

run:
	@./scripts/bootstrap.sh
	.venv/bin/mlcoach

# Two passes: every test but the few with a wall-clock bar on all cores, with one worker more than there are cores
# (tests/conftest.py says why; pytest-xdist; a file stays on one worker, so its module fixtures are built once), then
# those few alone. Plain `pytest` runs everything serially. Files are handed out in collection order (benchmarks/
# first: its three files, the benchmarks' smoke run in three parts, are the longest), not most-tests-first: that put
# the benchmarks' long tests last, with one core idle meanwhile.
test:
	@./scripts/bootstrap.sh --test
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -n auto --dist loadfile --no-loadscope-reorder -m "not serial"
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -m serial

lint:
	@./scripts/bootstrap.sh --test
	.venv/bin/ruff check .
	.venv/bin/mypy
	.venv/bin/lint-imports

check-content:
	@./scripts/bootstrap.sh
	.venv/bin/mlcoach check-content

screenshots:
	@./scripts/bootstrap.sh --test
	QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
	QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/pdf_pictures.py

# Build the installers for this machine: a PyInstaller one-folder bundle, a .deb and a .tar.gz in dist/.
package:
	@./scripts/bootstrap.sh --package
	rm -rf build/dist build/work
	.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN --distpath build/dist --workpath build/work \
		packaging/mlcoach.spec
	# The bank parsed and indexed once, and its questions rendered as HTML for PDF exports, by the bundle itself
	# (each file is checked against the code that wrote it).
	QT_QPA_PLATFORM=offscreen build/dist/ml-interview-coach/mlcoach prepare-bank
	PYTHON=.venv/bin/python packaging/linux/build_deb.sh build/dist/ml-interview-coach dist

# Measure the performance budgets (docs/performance.md): start-up, bank size, search, memory.
bench:
	@./scripts/bootstrap.sh --test
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks

# Build the installers, then unpack and check them: files, lintian, AppStream, man page, Depends, window class,
# and the smoke test from the .deb and the .tar.gz.
package-check: package
	PYTHON=.venv/bin/python packaging/check_package.sh dist

clean:
	rm -rf .venv build dist .pytest_cache .mypy_cache .ruff_cache
