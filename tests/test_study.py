"""The study: inputs read once, what was not given said, results shared through a cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from cjresearch.core.errors import DataValidationError
from cjresearch.core.i18n import text
from cjresearch.report.study import open_study


def _preset_log(folder: Path, n: int = 60, seed: int = 3) -> Path:
    """A log whose events are the compact4 stage ids, integer customer ids."""
    rng = np.random.default_rng(seed)
    rows = []
    t0 = pd.Timestamp("2024-03-01")
    for cid in range(1, n + 1):
        t = t0 + pd.Timedelta(hours=int(rng.integers(0, 500)))
        reach = int(rng.integers(1, 5))
        for stage in ["awareness", "consideration", "decision", "loyalty"][:reach]:
            rows.append((cid, t, stage))
            t += pd.Timedelta(hours=float(rng.exponential(30)))
        if reach < 4 and rng.random() < 0.3:
            rows.append((cid, t, "churned"))
    frame = pd.DataFrame(rows, columns=["user", "when", "what"])
    frame.to_csv(folder / "log.csv", index=False)
    return folder / "log.csv"


def _config(folder: Path, **cfg: object) -> Path:
    (folder / "report.yaml").write_text(yaml.safe_dump({"client": "Test", **cfg}))
    return folder / "report.yaml"


def test_a_preset_journey_by_name_with_mapped_columns(tmp_path: Path) -> None:
    log = _preset_log(tmp_path)
    study = open_study(
        _config(
            tmp_path,
            language="it",
            journey="compact4",
            data={
                "events": {
                    "path": log.name,
                    "columns": {"user": "customer_id", "when": "timestamp", "what": "event"},
                }
            },
        )
    )
    raw = pd.read_csv(log)
    assert study.has("events") and not study.has("survey") and not study.has("customers")
    # reached = the stage or any later one: counted here without the package
    order = {"awareness": 0, "consideration": 1, "decision": 2, "loyalty": 3}
    furthest = (
        raw[raw["what"].isin(order)].groupby("user")["what"].agg(lambda s: max(order[x] for x in s))
    )
    expected = [int((furthest >= k).sum()) for k in range(4)]
    assert study.funnel["n"].tolist() == expected
    assert study.funnel["label"].iloc[0] == "Consapevolezza"  # the preset's label
    assert set(study.timeline.customers["customer_id"]) == {str(i) for i in raw["user"]}
    assert study.not_measured("events", "survey") == [text("not_measured_survey", "it")]


def test_journey_needed_with_events_and_unknown_preset(tmp_path: Path) -> None:
    log = _preset_log(tmp_path)
    study = open_study(_config(tmp_path, data={"events": log.name}))
    with pytest.raises(DataValidationError, match="needs a journey definition"):
        _ = study.log
    study = open_study(_config(tmp_path, journey="compact5", data={"events": log.name}))
    with pytest.raises(DataValidationError, match="neither a file nor a preset.*compact4"):
        _ = study.journey


def test_the_cache_is_used_only_for_the_same_configuration(tmp_path: Path) -> None:
    log = _preset_log(tmp_path)
    cfg = _config(
        tmp_path,
        journey="compact4",
        time_unit="hours",
        data={
            "events": {
                "path": log.name,
                "columns": {"user": "customer_id", "when": "timestamp", "what": "event"},
            }
        },
    )
    study = open_study(cfg).prepare(["overview"])
    cache = study.save(tmp_path / "cache" / "study.pkl")
    again = open_study(cfg, cache=cache)
    assert again is not study and again._log is None  # no connection travels
    pd.testing.assert_frame_equal(again.durations, study.durations)
    assert again.time_unit == "hours"
    other = _config(
        tmp_path,
        journey="compact4",
        time_unit="days",
        data={
            "events": {
                "path": log.name,
                "columns": {"user": "customer_id", "when": "timestamp", "what": "event"},
            }
        },
    )
    fresh = open_study(other, cache=cache)  # another configuration: not the cache
    assert "durations" not in fresh._results and fresh.time_unit == "days"


def test_segments_must_be_customer_columns(tmp_path: Path) -> None:
    log = _preset_log(tmp_path)
    pd.DataFrame({"customer_id": [1, 2], "tier": ["a", "b"]}).to_csv(
        tmp_path / "crm.csv", index=False
    )
    study = open_study(
        _config(
            tmp_path,
            journey="compact4",
            segments=["segment"],
            data={
                "customers": "crm.csv",
                "events": {
                    "path": log.name,
                    "columns": {"user": "customer_id", "when": "timestamp", "what": "event"},
                },
            },
        )
    )
    with pytest.raises(DataValidationError, match="'segment'.*not columns of the customers"):
        _ = study.segments


def test_integer_ids_in_the_log_and_the_crm_match(tmp_path: Path) -> None:
    """Both files hold integer ids: the CRM's segments reach every waiting time."""
    log = _preset_log(tmp_path)
    users = pd.read_csv(log)["user"].unique()
    rng = np.random.default_rng(1)
    pd.DataFrame({"customer_id": users, "tier": rng.choice(["a", "b"], len(users))}).to_csv(
        tmp_path / "crm.csv", index=False
    )
    study = open_study(
        _config(
            tmp_path,
            journey="compact4",
            segments=["tier"],
            data={
                "customers": "crm.csv",
                "events": {
                    "path": log.name,
                    "columns": {"user": "customer_id", "when": "timestamp", "what": "event"},
                },
            },
        )
    )
    crm = pd.read_csv(tmp_path / "crm.csv")
    tier = dict(zip(crm["customer_id"].astype(str), crm["tier"], strict=True))
    d = study.durations
    assert d["tier"].notna().all()
    assert (d["customer_id"].map(tier) == d["tier"].astype(str)).all()


def test_the_runner_computes_the_study_once_per_inputs(tmp_path: Path) -> None:
    from cjresearch.report.runner import _prepare_study, load_config

    log = _preset_log(tmp_path)
    cfg = load_config(
        _config(
            tmp_path,
            journey="compact4",
            sections=["overview"],
            data={
                "events": {
                    "path": log.name,
                    "columns": {"user": "customer_id", "when": "timestamp", "what": "event"},
                }
            },
        )
    )
    out = tmp_path / "out"
    first = _prepare_study(cfg.spec, cfg, out)
    cache = Path(first["study_cache"])
    stamp = cache.stat().st_mtime_ns
    assert _prepare_study(cfg.spec, cfg, out) == first  # the same inputs: reused
    assert cache.stat().st_mtime_ns == stamp
    study = open_study(first["config"], cache=first["study_cache"])
    assert "funnel" in study._results and study._log is None  # handed over, not recomputed
    with open(log, "a", encoding="utf-8") as fh:  # a changed input: a new study
        fh.write("999,2024-03-02 10:00:00,awareness\n")
    again = _prepare_study(cfg.spec, cfg, out)
    assert again["study_cache"] != first["study_cache"] and not cache.exists()


def test_sections_wait_for_the_study_the_runner_is_computing(tmp_path: Path) -> None:
    """Section kernels start while the runner computes the study: open_study waits for the
    study file while the runner's marker is there, and stops at once if it goes without
    one (the study failed: the runner reports why)."""
    import threading
    import time

    from cjresearch.core.errors import ReportError
    from cjresearch.report.runner import _StudyJob, load_config
    from cjresearch.report.study import pending_marker

    log = _preset_log(tmp_path)
    cfg = load_config(
        _config(
            tmp_path,
            journey="compact4",
            sections=["overview"],
            data={
                "events": {
                    "path": log.name,
                    "columns": {"user": "customer_id", "when": "timestamp", "what": "event"},
                }
            },
        )
    )
    job = _StudyJob(cfg.spec, cfg, tmp_path / "out")
    job.announce()
    assert pending_marker(job.cache).exists() and not job.cache.exists()
    runner = threading.Timer(0.5, job.compute)
    runner.start()
    t0 = time.perf_counter()
    study = open_study(job.parameters["config"], cache=job.parameters["study_cache"])
    runner.join()
    assert time.perf_counter() - t0 >= 0.4  # it waited for the runner ...
    assert "funnel" in study._results and study._log is None  # ... and got its study
    assert not pending_marker(job.cache).exists()

    job.cache.unlink()  # a study that fails
    pending_marker(job.cache).touch()
    threading.Timer(0.3, pending_marker(job.cache).unlink).start()
    with pytest.raises(ReportError, match="could not be computed"):
        open_study(job.parameters["config"], cache=job.parameters["study_cache"])


@pytest.mark.bad_input
def test_a_stage_without_a_label_in_the_report_language_is_said(tmp_path: Path) -> None:
    """Only English labels and a Romanian report: a warning, and a note in Romanian
    (the stages used to fall back to English with no notice)."""
    from cjresearch.core.errors import MissingTranslationWarning
    from cjresearch.report.sections import overview

    log = _preset_log(tmp_path)
    journey = {
        "name": "t",
        "stages": [
            {"id": s, "events": [s], "label": {"en": s.title(), "ro": f"{s}-ro"}}
            for s in ("awareness", "consideration")
        ]
        + [{"id": s, "events": [s], "label": {"en": s.title()}} for s in ("decision", "loyalty")],
        "exits": [{"id": "churned", "events": ["churned"], "label": {"en": "Churned"}}],
    }
    (tmp_path / "journey.yaml").write_text(yaml.safe_dump(journey))
    cfg = _config(
        tmp_path,
        language="ro",
        journey="journey.yaml",
        data={
            "events": {
                "path": log.name,
                "columns": {"user": "customer_id", "when": "timestamp", "what": "event"},
            }
        },
    )
    study = open_study(cfg)
    with pytest.warns(MissingTranslationWarning, match=r"\['decision', 'loyalty', 'churned'\]"):
        assert study.journey is not None
    notes: list[str] = []
    mp = pytest.MonkeyPatch()
    for name in ("say", "table", "lacking"):
        mp.setattr(overview, name, lambda *a, **k: False)
    mp.setattr(overview, "note", notes.append)
    try:
        overview.inputs(study)
    finally:
        mp.undo()
    assert notes == [text("labels_missing", "ro", stages="Decision, Loyalty, Churned")]


def test_step_conversion_rows_follow_the_journey_not_the_alphabet() -> None:
    """The sample's stages sort differently by name (loyalty < purchase) and by journey."""
    from cjresearch.core.paths import SAMPLE_DIR

    study = open_study(SAMPLE_DIR / "report.yaml")
    steps = study.step_conversion
    order = list(study.journey.stage_ids)
    seen = list(dict.fromkeys(steps["from_stage"]))
    assert sorted(seen) != sorted(seen, key=order.index)  # the check could fail
    assert seen == sorted(seen, key=order.index)
    diffs = study.segment_differences
    assert diffs is not None
    assert list(dict.fromkeys(diffs["from_stage"])) == seen
