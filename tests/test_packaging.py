"""``pip install .`` gives a working package: its data files (the JSON Schemas) are in it, and the console scripts
find the project from whatever folder they are run in, as MkDocs does. The package is installed into a folder of
its own (``pip install --target``), not the project's .venv, and run from there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_content import files as fixture_files
from sitebuild import AS_OF, REPO, write_project


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("installed")
    # Installed from a copy of what the package is made of: setuptools writes build/ and *.egg-info/ beside the
    # source, which must not land in the repository.
    source = tmp_path_factory.mktemp("source")
    shutil.copy(REPO / "pyproject.toml", source / "pyproject.toml")
    shutil.copytree(REPO / "casereviews", source / "casereviews", ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                           str(source)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return target


def run(installed: Path, command: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(installed), "REVIEWS_AS_OF": AS_OF}
    return subprocess.run([str(installed / "bin" / command), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_installed_package_holds_its_schemas_and_no_development_tools(installed):
    package = installed / "casereviews"
    assert sorted(p.name for p in (package / "schema").glob("*.json")) == sorted(
        p.name for p in (REPO / "casereviews" / "schema").glob("*.json"))
    assert not (installed / "casereviews_dev").exists()
    assert {p.name for p in (installed / "bin").iterdir()} >= {
        "reviews-check", "reviews-new", "reviews-import", "reviews-harvest", "reviews-fingerprint"}


def test_the_console_scripts_work_from_any_folder_of_a_project(installed, tmp_path):
    project = write_project(tmp_path / "project", fixture_files())
    inside = project / "reviews"  # a folder below mkdocs.yml: the command finds the project upwards
    checked = run(installed, "reviews-check", cwd=inside)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "All clear" in checked.stdout
    where = run(installed, "reviews-check", "--version", cwd=inside)  # not an option: a usage message, exit 2
    assert where.returncode == 2 and where.stderr.startswith("usage: reviews-check")
    made = run(installed, "reviews-new", "2026-child-z", cwd=inside)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (project / "reviews" / "2026-child-z" / "index.md").is_file()


def test_outside_a_project_the_command_says_it_found_none(installed, tmp_path):
    nowhere = run(installed, "reviews-check", cwd=tmp_path)
    assert nowhere.returncode == 2
    assert "mkdocs.yml" in nowhere.stderr + nowhere.stdout


def test_the_installed_copy_is_the_one_that_ran(installed, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(installed)}
    done = subprocess.run([sys.executable, "-c", "import casereviews; print(casereviews.__file__)"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)
    assert Path(done.stdout.strip()).is_relative_to(installed)
