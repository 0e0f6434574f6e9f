"""``widget sites configure`` and ``widget consent export``."""

from __future__ import annotations

import csv
import io

import pytest

from tests.factories import bearer, make_reader, make_site
from widget.extensions import db
from widget.models import PanelPosition


@pytest.fixture
def site(app):
    return make_site()


def configure(runner, *args):
    return runner.invoke(args=["sites", "configure", "news", *args])


def test_configure_sets_categories_policy_and_panel(runner, site):
    result = configure(
        runner,
        "--category", "analytics", "Analytics", "Counts visits.",
        "--category", "marketing", "Marketing", "Shows offers.",
        "--policy-version", "2026-11",
        "--panel-position", "top-left",
        "--target", "#story",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    db.session.refresh(site)
    assert [c["key"] for c in site.consent_categories] == ["necessary", "analytics", "marketing"]
    assert site.consent_categories[1]["purpose"] == "Counts visits."
    assert site.policy_version == "2026-11"
    assert site.panel_position == PanelPosition.TOP_LEFT
    assert site.target_selector == "#story"
    assert "category analytics\tAnalytics\tCounts visits." in result.output


def test_configure_changes_only_what_is_given(runner, site):
    configure(runner, "--category", "analytics", "Analytics", "Counts.", "--target", "main")
    assert configure(runner, "--policy-version", "2").exit_code == 0
    db.session.refresh(site)
    assert [c["key"] for c in site.consent_categories] == ["necessary", "analytics"]
    assert site.target_selector == "main"


def test_an_empty_target_returns_to_the_default_chain(runner, site):
    configure(runner, "--target", "#story")
    assert configure(runner, "--target", "").exit_code == 0
    db.session.refresh(site)
    assert site.target_selector is None


def test_necessary_can_be_reworded_and_stays_first(runner, site):
    result = configure(
        runner,
        "--category", "analytics", "Analytics", "Counts.",
        "--category", "necessary", "Essential", "Keeps the lights on.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    db.session.refresh(site)
    assert site.consent_categories[0] == {
        "key": "necessary",
        "label": "Essential",
        "purpose": "Keeps the lights on.",
    }


@pytest.mark.parametrize(
    "args",
    [
        ("--category", "Bad Key", "Label", "Purpose"),
        ("--category", "analytics", "", "Purpose"),
        ("--category", "a", "A", "x", "--category", "a", "A", "y"),
        ("--policy-version", "=HYPERLINK(1)"),
        ("--target", "main { color: red }"),
        ("--panel-position", "middle"),
    ],
)
def test_invalid_settings_are_refused_and_change_nothing(runner, site, args):
    result = configure(runner, *args)
    assert result.exit_code != 0
    assert "Invalid" in result.output
    db.session.refresh(site)
    assert [c["key"] for c in site.consent_categories] == ["necessary"]
    assert site.policy_version == "1"
    assert site.target_selector is None


def test_too_many_categories_are_refused(runner, site):
    args = [arg for i in range(10) for arg in ("--category", f"c{i}", "C", "Purpose.")]
    result = configure(runner, *args)
    assert result.exit_code != 0
    assert "At most 10" in result.output


def test_configure_needs_a_setting_and_a_known_site(runner, site):
    assert configure(runner).exit_code != 0
    result = runner.invoke(args=["sites", "configure", "nope", "--policy-version", "2"])
    assert result.exit_code != 0
    assert "No site is called 'nope'" in result.output


def test_consent_export_writes_the_sites_log_as_csv(runner, client, site):
    configure(runner, "--category", "analytics", "Analytics", "Counts.")
    token = make_reader(site)
    url = "/api/v1/readers/me/consent"
    body = {"policy_version": "1", "choices": {"analytics": True}}
    client.put(url, json=body, headers=bearer(token))
    client.put(url, json={**body, "choices": {}}, headers={**bearer(token), "Sec-GPC": "1"})
    other = make_site("other", origins=("https://other.example",))
    client.put(url, json={**body, "choices": {}}, headers=bearer(make_reader(other)))

    result = runner.invoke(args=["consent", "export", "--site", "news"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["action"], r["granted"], r["refused"], r["gpc"]) for r in rows] == [
        ("accept_all", "necessary analytics", "", "false"),
        ("reject_all", "necessary", "analytics", "true"),
    ]
    assert all(r["policy_version"] == "1" and r["reader"] for r in rows)
    assert "Exported 2 consent records." in result.stderr


def test_consent_export_to_a_file_and_for_an_unknown_site(runner, site, tmp_path):
    target = tmp_path / "consent.csv"
    result = runner.invoke(args=["consent", "export", "--site", "news", "--output", str(target)])
    assert result.exit_code == 0
    assert target.read_text().splitlines() == [
        "id,created_at,reader,policy_version,action,granted,refused,gpc"
    ]
    assert runner.invoke(args=["consent", "export", "--site", "nope"]).exit_code != 0
