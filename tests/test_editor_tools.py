"""What surrounds the checker: the JSON Schemas shipped in the site, the GitHub workflows, the pre-commit hook
and the pull request template. The workflows cannot run here, so these tests read them for the promises they make.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from sitebuild import REPO

from casereviews.content.schemas import NAMES, SCHEMA_DIR
from casereviews.content.source import read_source

WORKFLOWS = REPO / ".github" / "workflows"


@pytest.fixture(scope="module")
def site(fixture_build):
    return fixture_build.site


def test_the_site_ships_the_validators_own_schemas(site):
    shipped = sorted(p.name for p in (site / "schema").iterdir())
    assert shipped == sorted(f"{name}.schema.json" for name in NAMES)
    for name in shipped:
        assert (site / "schema" / name).read_bytes() == (SCHEMA_DIR / name).read_bytes()


def test_shipped_schemas_work_on_their_own_as_an_ide_would_load_them(site):
    """An IDE fetches /schema/review.schema.json and resolves its relative $refs beside it; the demo's front
    matter passes, and a wrong field type fails, with no help from the package."""
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (site / "schema").iterdir()}
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    kinds = {"index.md": "review", "briefing.md": "briefing", "action-plan.md": "action-plan"}
    checked = 0
    for path in sorted((REPO / "reviews").glob("*/*.md")):
        source, problems = read_source(path, REPO)
        assert source and not problems
        validator = Draft202012Validator(schemas[f"{kinds[path.name]}.schema.json"], registry=registry)
        assert list(validator.iter_errors(source.data)) == [], path
        checked += 1
    assert checked >= 25
    review = Draft202012Validator(schemas["review.schema.json"], registry=registry)
    assert {e.validator for e in review.iter_errors({"status": "published", "title": 3})} == {"type", "required"}


def _on(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def _runs(job: dict) -> list[str]:
    return [step.get("run", "") or step.get("uses", "") for step in job["steps"]]


def test_pull_requests_are_checked_then_built_strictly():
    workflow = yaml.safe_load((WORKFLOWS / "check.yml").read_text())
    assert "pull_request" in _on(workflow)
    steps = _runs(workflow["jobs"]["check-and-build"])
    check = next(i for i, s in enumerate(steps) if "scripts/check" in s)
    build = next(i for i, s in enumerate(steps) if "mkdocs build --strict" in s)
    assert check < build
    assert any("pip install -r requirements.txt" in s for s in steps)


def test_pull_requests_run_the_suite_with_mkdocs_and_with_properdocs():
    workflow = yaml.safe_load((WORKFLOWS / "check.yml").read_text())
    job = workflow["jobs"]["tests"]
    assert job["strategy"]["matrix"]["builder"] == ["mkdocs", "properdocs"]
    [run] = [s for s in _runs(job) if "scripts/run-tests" in s]
    assert "--properdocs" in run and "matrix.builder" in run
    assert "REVIEWS_TEST_BUILDER=properdocs" in (REPO / "scripts/run-tests").read_text()


def test_main_and_an_hourly_schedule_build_and_deploy_to_pages():
    workflow = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text())
    on = _on(workflow)
    assert on["push"]["branches"] == ["main"]
    assert [s["cron"] for s in on["schedule"]] == ["17 * * * *"]  # every hour: an embargo lifts within the hour
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = _runs(build)
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)
    assert any("mkdocs build --strict" in s for s in steps)
    [production] = [s for s in build["steps"] if "mkdocs build" in s.get("run", "")]
    assert production["env"]["REVIEWS_PRODUCTION"] == "1" and production["env"]["SITE_URL"]
    assert any("scripts/fingerprint site" in s for s in steps)
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["if"] == "needs.build.outputs.publish == 'true'"
    assert any(s.startswith("actions/deploy-pages@") for s in _runs(deploy))
    assert _runs(deploy)[-1].startswith("actions/cache/save@")  # remembered only once published


def _decide(tmp_path, event: str, last: str | None, new: str) -> str:
    """Run the workflow's own "Decide whether to publish" step in bash, as the runner would."""
    workflow = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text())
    [step] = [s for s in workflow["jobs"]["build"]["steps"] if s.get("id") == "compare"]
    if last is not None:
        (tmp_path / ".published-fingerprint").write_text(last + "\n")
    output = tmp_path / "github-output"
    output.write_text("")
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, check=True, capture_output=True,
                   env={"PATH": "/usr/bin:/bin", "EVENT": event, "NEW": new, "GITHUB_OUTPUT": str(output)})
    return output.read_text().strip()


@pytest.mark.parametrize(("event", "last", "new", "publish"), [
    ("schedule", "abc", "abc", "false"),  # nothing public changed in the hour
    ("schedule", "abc", "def", "true"),  # an embargo lifted, a day passed, ...
    ("schedule", None, "abc", "true"),  # no fingerprint remembered (first run, or the cache was evicted)
    ("push", "abc", "abc", "true"),  # a merge always publishes
    ("workflow_dispatch", "abc", "abc", "true"),  # so does a run by hand
])
def test_the_hourly_build_publishes_only_what_changed(tmp_path, event, last, new, publish):
    assert _decide(tmp_path, event, last, new) == f"publish={publish}"


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_workflows_use_python_311_and_never_fix_the_reference_time(name):
    text = (WORKFLOWS / name).read_text()
    workflow = yaml.safe_load(text)
    setups = [s for job in workflow["jobs"].values() for s in job["steps"]
              if s.get("uses", "").startswith("actions/setup-python@")]
    assert all(s["with"]["python-version"] == "3.11" for s in setups) and (setups or name != "check.yml")
    # Only comments may mention REVIEWS_AS_OF: a deploy that set it would freeze embargoes.
    assert not any("REVIEWS_AS_OF" in line.split("#", 1)[0] for line in text.splitlines())


def test_pre_commit_runs_scripts_check():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert [h["entry"] for h in hooks] == ["scripts/check"]
    assert hooks[0]["pass_filenames"] is False
    assert re.search(hooks[0]["files"], "reviews/2024-child-a/index.md")


def test_pull_request_template_has_the_editors_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text()
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(boxes) >= 8
    assert any("scripts/check" in b for b in boxes) and any("--publishing" in b for b in boxes)
