"""Synthetic customer-journey data with known ground truth.

:func:`generate` simulates customers of a client (segments, acquisition
channels, personas, regions), their events through the stages of a journey
definition (competing risks of moving on and of exiting, with known hazards
and hazard ratios for segments and touchpoint exposure, right-censored at the
observation end) and a stratified survey of them (ratings driven by what each
respondent experienced, known key-driver weights, verbatims in six languages,
planted personal data).  ``truth`` holds everything that was configured plus
closed-form quantities that tests can check.  :func:`write_sample` writes the
files of ``data/sample``; :func:`write_event_log` writes large event logs for
benchmarks in chunks with bounded memory.

Command line::

    python -m cjresearch.sample.generator --customers 3000 --out data/sample
    python -m cjresearch.sample.generator --events 20000000 --out /tmp/events.parquet
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from cjresearch.core.errors import DataValidationError
from cjresearch.core.paths import SAMPLE_DIR, atomic_path
from cjresearch.journey.definition import Journey, load_journey
from cjresearch.sample.simulate import (
    Plan,
    SampleConfig,
    TouchpointEffect,
    closed_form,
    make_plan,
    simulate,
    to_seconds,
)
from cjresearch.sample.survey import SurveyConfig, simulate_survey

__all__ = [
    "DEFAULT_SEED",
    "SampleConfig",
    "SampleData",
    "SurveyConfig",
    "TouchpointEffect",
    "generate",
    "main",
    "write_event_log",
    "write_sample",
]

#: Seed of the committed sample in ``data/sample``.
DEFAULT_SEED = 20250101

# microseconds: the unit every Parquet reader (Spark included) understands
_EVENT_SCHEMA = pa.schema(
    [
        ("customer_id", pa.string()),
        ("timestamp", pa.timestamp("us")),
        ("event", pa.string()),
        ("channel", pa.string()),
    ]
)


@dataclass
class SampleData:
    """The generated frames and their ground truth.

    Attributes
    ----------
    customers, events, survey : pandas.DataFrame
        In the formats of ``docs/CONTRACTS.md`` ("Sample data").
    truth : dict
        The configuration and the known truth, as written to ``truth.json``.
    journey : Journey
        The journey definition the data follow.
    """

    customers: pd.DataFrame
    events: pd.DataFrame
    survey: pd.DataFrame
    truth: dict[str, Any]
    journey: Journey


def _journey(journey: Journey | str | Path | None) -> Journey:
    """The journey to simulate; stages or exits without events get one (``<id>_event``)."""
    if journey is None:
        return load_journey(SAMPLE_DIR / "journey.yaml")
    j = journey if isinstance(journey, Journey) else load_journey(journey)
    if all(s.events for s in j.stages) and all(e.events for e in j.exits):
        return j
    raw = j.to_dict()
    for state in [*raw["stages"], *raw["exits"]]:
        state["events"] = state["events"] or [f"{state['id']}_event"]
    return load_journey(raw)


def _events_table(
    plan: Plan, sim: dict[str, np.ndarray], ids: np.ndarray, keep: int | None = None
) -> pa.Table:
    """Events sorted by customer, time and event; the first ``keep`` rows."""
    ns = to_seconds(plan, sim["ev_time"])
    order = np.lexsort((sim["ev_code"], ns, sim["ev_cust"]))
    if keep is not None:
        order = order[:keep]
    take = pa.array

    def names(vocab: Sequence[str], codes: np.ndarray) -> pa.Array:
        return take(list(vocab), pa.string()).take(take(codes))

    return pa.table(
        {
            "customer_id": take(list(ids), pa.string()).take(take(sim["ev_cust"][order])),
            "timestamp": pa.array(ns[order], pa.timestamp("ns")).cast(pa.timestamp("us")),
            "event": names(plan.events, sim["ev_code"][order]),
            "channel": names(plan.channels, sim["ev_channel"][order]),
        },
        schema=_EVENT_SCHEMA,
    )


def _customer_ids(n: int, offset: int = 0) -> np.ndarray:
    width = max(6, len(str(offset + n)))
    return np.array([f"C{i:0{width}d}" for i in range(offset + 1, offset + n + 1)], dtype=object)


def _truth(
    plan: Plan, sim: dict[str, np.ndarray], ids: np.ndarray, seed: int, n_customers: int
) -> dict[str, Any]:
    cfg = plan.config
    stages = plan.journey.stage_ids
    hr: list[dict[str, Any]] = []
    for k in range(len(stages)):
        to = stages[k + 1] if k + 1 < len(stages) else None
        for target, kind in [(to, "progress"), *[(e, "exit") for e in plan.exit_ids]]:
            if target is None or (
                kind == "exit" and plan.exit_h[k, plan.exit_ids.index(target)] == 0
            ):
                continue
            for s, lp, le in zip(cfg.segments[1:], plan.seg_lp[1:], plan.seg_le[1:], strict=True):
                hr.append(
                    {
                        "from": stages[k],
                        "to": target,
                        "kind": kind,
                        "covariate": f"segment={s}",
                        "hazard_ratio": float(np.exp(lp if kind == "progress" else le)),
                    }
                )
            for i in np.flatnonzero(plan.touch_stage == k):
                eff = plan.touch_effect[i]
                if eff.complement_of is not None:
                    continue
                hr.append(
                    {
                        "from": stages[k],
                        "to": target,
                        "kind": kind,
                        "covariate": plan.touch_names[i],
                        "hazard_ratio": eff.hr_progress if kind == "progress" else eff.hr_exit,
                    }
                )
    exposure = {
        plan.touch_names[i]: {
            "stage": stages[plan.touch_stage[i]],
            **dataclasses.asdict(plan.touch_effect[i]),
        }
        for i in range(len(plan.touch_names))
    }
    return {
        "seed": seed,
        "n_customers": n_customers,
        "journey": plan.journey.name,
        "stages": list(stages),
        "exits": plan.exit_ids,
        "start": str(plan.start.date()),
        "observation_end": pd.Timestamp(cfg.observation_end).isoformat(),
        "time_unit": "day",
        "baseline": {
            "segment": cfg.segments[0],
            "touchpoints": "not exposed to any touchpoint of the stage",
        },
        "model": "in each stage, time to the next stage ~ Exp(progress_hazard * "
        "exp(sum log HR)) competing with time to each exit ~ Exp(exit_hazard * "
        "exp(sum log HR)); exposure drawn at stage entry; one-minute minimum "
        "stay; censored at observation_end",
        "progress_hazard": {stages[k]: float(h) for k, h in enumerate(plan.progress_h)},
        "exit_hazard": {
            stages[k]: dict(zip(plan.exit_ids, map(float, plan.exit_h[k]), strict=True))
            for k in range(len(stages))
        },
        "segment_probs": dict(zip(cfg.segments, cfg.segment_probs, strict=True)),
        "segment_hr_progress": {
            s: float(np.exp(v)) for s, v in zip(cfg.segments, plan.seg_lp, strict=True)
        },
        "segment_hr_exit": {
            s: float(np.exp(v)) for s, v in zip(cfg.segments, plan.seg_le, strict=True)
        },
        "touchpoints": exposure,
        "hazard_ratios": hr,
        "closed_form": closed_form(plan),
        "messiness": {
            "exit_only_customers": [str(c) for c in ids[sim["exit_only"]]],
            "stage_gap_customers": {
                str(ids[i]): plan.journey.stage_ids[g]
                for i, g in enumerate(sim["gap_stage"])
                if g >= 0
            },
            "debug_events": int((sim["ev_code"] == plan.debug_code).sum()),
        },
        "config": _jsonable(dataclasses.asdict(cfg)),
    }


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def generate(
    n_customers: int = 3000,
    *,
    seed: int = DEFAULT_SEED,
    journey: Journey | str | Path | None = None,
    config: SampleConfig | None = None,
) -> SampleData:
    """Simulate customers, events and a survey with known truth.

    Parameters
    ----------
    n_customers : int
        Number of customers.
    seed : int
        Seed of the numpy Generator; the same seed gives identical frames.
    journey : Journey, path or preset name, optional
        The stage model (default: ``data/sample/journey.yaml``).
    config : SampleConfig, optional
        Hazards, hazard ratios, shares and the survey model.

    Returns
    -------
    SampleData

    Examples
    --------
    >>> data = generate(300, seed=1)
    >>> list(data.customers.columns)
    ['customer_id', 'segment', 'channel', 'persona', 'region', 'acquired_at', 'order_value']
    >>> data.truth["closed_form"][0]["stage"], round(data.truth["closed_form"][0]["baseline_p_move_on"], 3)
    ('awareness', 0.69)
    >>> data.survey.groupby("stratum")["weight"].sum().round().astype(int).to_dict() == {
    ...     k: v["N_h"] for k, v in data.truth["survey"]["design"]["strata"].items()}
    True
    """
    if not isinstance(n_customers, (int, np.integer)) or n_customers < 1:
        raise DataValidationError(
            f"n_customers must be a positive integer, got {n_customers!r}",
            source="generate",
            fix="pass e.g. n_customers=3000",
        )
    cfg = config or SampleConfig()
    plan = make_plan(_journey(journey), cfg)
    rng_sim, rng_survey = np.random.default_rng(seed).spawn(2)
    sim = simulate(plan, int(n_customers), rng_sim)
    ids = _customer_ids(int(n_customers))
    customers = pd.DataFrame(
        {
            "customer_id": ids,
            "segment": np.array(cfg.segments, dtype=object)[sim["segment"]],
            "channel": np.array(cfg.channels, dtype=object)[sim["channel"]],
            "persona": np.array(cfg.personas, dtype=object)[sim["persona"]],
            "region": np.array(cfg.regions, dtype=object)[sim["region"]],
            "acquired_at": plan.start + pd.to_timedelta(np.floor(sim["acquired"]), unit="D"),
            "order_value": sim["order_value"],
        }
    )
    events = _events_table(plan, sim, ids).to_pandas()
    ctx = {
        "customer_ids": ids,
        "segments": cfg.segments,
        "regions": cfg.regions,
        "region_languages": cfg.region_languages,
        "stage_ids": plan.journey.stage_ids,
        "stage_first_event": [plan.events[c[0]] for c in plan.stage_events],
        "touch_names": plan.touch_names,
        "touch_stage": plan.touch_stage,
        "start": plan.start,
        "end_days": plan.end_days,
    }
    survey, survey_truth = simulate_survey(sim, ctx, cfg.survey, rng_survey)
    truth = _truth(plan, sim, ids, seed, int(n_customers))
    per_customer = events.groupby("customer_id").size()
    truth["messiness"]["single_event_customers"] = int((per_customer == 1).sum())
    truth["messiness"]["tied_timestamp_rows"] = int(
        events.duplicated(["customer_id", "timestamp"]).sum()
    )
    truth["survey"] = _jsonable(survey_truth)
    return SampleData(customers, events, survey, truth, plan.journey)


def _atomic_write(path: Path, write: Any) -> None:
    with atomic_path(path) as tmp:
        write(str(tmp))


def write_sample(
    directory: str | Path = SAMPLE_DIR,
    n_customers: int = 3000,
    *,
    seed: int = DEFAULT_SEED,
    journey: Journey | str | Path | None = None,
    config: SampleConfig | None = None,
) -> SampleData:
    """Generate and write ``customers.csv``, ``events.parquet``, ``survey.csv``, ``truth.json``.

    Files are written to temporary names and renamed, so a failure leaves the
    previous files in place.  ``journey.yaml`` and ``README.md`` are not touched.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> with tempfile.TemporaryDirectory() as d:
    ...     data = write_sample(d, 200, seed=3)
    ...     len(pd.read_parquet(f"{d}/events.parquet")) == len(data.events)
    True
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    data = generate(n_customers, seed=seed, journey=journey, config=config)
    cust = data.customers.assign(acquired_at=data.customers["acquired_at"].dt.strftime("%Y-%m-%d"))
    surv = data.survey.assign(date=data.survey["date"].dt.strftime("%Y-%m-%d"))
    _atomic_write(directory / "customers.csv", lambda p: cust.to_csv(p, index=False))
    _atomic_write(
        directory / "events.parquet",
        lambda p: pq.write_table(
            pa.Table.from_pandas(data.events, _EVENT_SCHEMA, preserve_index=False), p
        ),
    )
    _atomic_write(directory / "survey.csv", lambda p: surv.to_csv(p, index=False))
    text = json.dumps(data.truth, indent=1, ensure_ascii=False)
    _atomic_write(directory / "truth.json", lambda p: Path(p).write_text(text + "\n", "utf-8"))
    return data


def write_event_log(
    path: str | Path,
    *,
    n_events: int,
    seed: int = DEFAULT_SEED,
    journey: Journey | str | Path | None = None,
    config: SampleConfig | None = None,
    chunk_customers: int = 100_000,
) -> Path:
    """Write a large synthetic event log to Parquet, chunk by chunk.

    Exactly ``n_events`` rows in the columns of ``events.parquet``, customers
    ``C0000001``, ... simulated in chunks of ``chunk_customers`` with bounded
    memory (one row group per chunk); the last customer may be cut short.  The
    same seed writes the same file.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_event_log(f"{d}/ev.parquet", n_events=5000, seed=2, chunk_customers=100)
    ...     len(pd.read_parquet(p))
    5000
    """
    if not isinstance(n_events, (int, np.integer)) or n_events < 1:
        raise DataValidationError(
            f"n_events must be a positive integer, got {n_events!r}",
            source="write_event_log",
            fix="pass e.g. n_events=20_000_000",
        )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    plan = make_plan(_journey(journey), config or SampleConfig())
    width = max(7, len(str(4 * n_events)))
    root = np.random.default_rng(seed)

    def write(tmp: str) -> None:
        done, offset = 0, 0
        with pq.ParquetWriter(tmp, _EVENT_SCHEMA) as writer:
            while done < n_events:
                rng = root.spawn(1)[0]
                sim = simulate(plan, chunk_customers, rng)
                ids = np.array(
                    [f"C{i:0{width}d}" for i in range(offset + 1, offset + chunk_customers + 1)],
                    dtype=object,
                )
                table = _events_table(plan, sim, ids, keep=n_events - done)
                writer.write_table(table)
                done += table.num_rows
                offset += chunk_customers

    _atomic_write(path, write)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    ap = argparse.ArgumentParser(
        prog="python -m cjresearch.sample.generator",
        description="Write synthetic journey data with known truth.",
    )
    ap.add_argument("--customers", type=int, default=3000)
    ap.add_argument(
        "--events",
        type=int,
        default=None,
        help="write a benchmark event log of this many rows to --out (a file)",
    )
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--journey", default=None, help="journey YAML or preset name")
    ap.add_argument("--out", default=str(SAMPLE_DIR))
    args = ap.parse_args(argv)
    if args.events is not None:
        out = write_event_log(args.out, n_events=args.events, seed=args.seed, journey=args.journey)
        print(f"wrote {args.events} events to {out}")
    else:
        data = write_sample(args.out, args.customers, seed=args.seed, journey=args.journey)
        print(
            f"wrote {len(data.customers)} customers, {len(data.events)} events, "
            f"{len(data.survey)} survey responses to {args.out}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
