"""The review workflow (``.github/workflows/relecture.yml``) is valid, and what a fork's pull
request can do with it is what the README says: read the repository, write its job summary and
its artifact; no write permission, no secret, no token left on disk, never run with the base
repository's rights (``pull_request_target``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .depot import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "relecture.yml"


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_review_workflow_passes_the_github_schema_and_zizmor_offline() -> None:
    schema = run(
        sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
        str(WORKFLOW),
    )  # fmt: skip
    assert schema.returncode == 0, schema.stdout + schema.stderr
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    audit = run(zizmor, "--offline", "--no-progress", "--persona=pedantic", str(WORKFLOW))
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "No findings" in audit.stdout + audit.stderr


def test_a_forks_pull_request_gets_read_only_rights_and_no_secret() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    text = yaml.safe_dump(workflow)  # without the comments, which name what is not done
    triggers = workflow[True]  # YAML 1.1 reads the key « on » as True
    assert list(triggers) == ["pull_request"]
    assert set(triggers["pull_request"]["paths"]) == {
        "territoires/**", "balises/**", "referentiel/**"
    }  # fmt: skip
    assert "pull_request_target" not in text and "workflow_run" not in text
    assert "secrets." not in text and "GITHUB_TOKEN" not in text
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    steps = job["steps"]
    assert steps[0]["with"]["persist-credentials"] is False
    uses = [step["uses"] for step in steps if "uses" in step]
    assert all(len(u.split("@")[1]) == 40 for u in uses)  # pinned by commit
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    summary = next(step["run"] for step in steps if "revue" in step.get("run", ""))
    assert summary.startswith("python build.py revue HEAD^1 --pages pages-changees")
    assert summary.endswith('>> "$GITHUB_STEP_SUMMARY"')
    assert "${{" not in summary  # nothing from the pull request is pasted into the script
