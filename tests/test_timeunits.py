"""Time units: the unit is chosen once, travels with the durations, and every estimate,
horizon and chart label follows it (a web-session log in minutes, a pipeline in weeks)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from cjresearch.charts import conversion_chart, curve_chart, occupancy_chart, step_chart
from cjresearch.core.errors import DataValidationError
from cjresearch.core.i18n import LANGUAGES
from cjresearch.core.timeunits import (
    check_time_unit,
    choose_time_unit,
    default_horizons,
    horizon_label,
    time_axis_label,
    time_unit_of,
    unit_label,
)
from cjresearch.engine.eventlog import EventLog
from cjresearch.journey.definition import load_journey
from cjresearch.painpoints.signals import churn_by_stage, dropoff, slowest_steps
from cjresearch.timetoevent.competing import cumulative_incidence, restricted_mean_incidence
from cjresearch.timetoevent.coxmodels import exposure_times
from cjresearch.timetoevent.multistate import MultiStateModel, journey_transitions
from cjresearch.timetoevent.progression import (
    conversion,
    kaplan_meier,
    stage_durations,
    time_to_stage,
)

T0 = pd.Timestamp("2025-03-01 09:00:00")
JOURNEY = load_journey(
    {
        "name": "web",
        "stages": [
            {"id": "visit", "events": ["page_view"]},
            {"id": "cart", "events": ["add_to_cart"]},
            {"id": "checkout", "events": ["pay"]},
        ],
        "exits": [{"id": "bounced", "events": ["bounce"]}],
    }
)


def _web_log(n: int = 600, seed: int = 3) -> pd.DataFrame:
    """A web-session log: whole-second waits of about 1.5 and 4 minutes, bounces competing,
    sessions starting over two hours, observation ending 20 minutes after the last start."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        cid = f"s{i:04d}"
        t = T0 + pd.Timedelta(seconds=int(rng.integers(0, 7200)))
        rows.append((cid, t, "page_view"))
        for event, mean in (("add_to_cart", 90.0), ("pay", 240.0)):
            wait = pd.Timedelta(seconds=int(rng.exponential(mean)) + 1)
            bounce = pd.Timedelta(seconds=int(rng.exponential(3 * mean)) + 1)
            if bounce < wait:
                rows.append((cid, t + bounce, "bounce"))
                break
            t = t + wait
            rows.append((cid, t, event))
    return pd.DataFrame(rows, columns=["customer_id", "timestamp", "event"])


@pytest.fixture(scope="module")
def timeline():
    end = T0 + pd.Timedelta(minutes=140)
    ev = _web_log()
    ev = ev[ev["timestamp"] <= end]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return EventLog(ev, JOURNEY, observation_end=end).timeline()


@pytest.fixture(scope="module")
def durations(timeline):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            u: stage_durations(timeline, unit=u) for u in ("minutes", "days", "auto", "min", "s")
        }


# ------------------------------------------------------------------ the unit itself
def test_check_time_unit_names_pandas_strings_and_did_you_mean():
    assert [
        check_time_unit(u)
        for u in ("minutes", "Minute", "min", "h", "hours", "D", "day", "W", "weeks")
    ] == ["minutes", "minutes", "minutes", "hours", "hours", "days", "days", "weeks", "weeks"]
    with pytest.raises(DataValidationError, match="did you mean 'hours'"):
        check_time_unit("hoursx")
    assert check_time_unit("s") == "seconds"  # pandas strings keep working
    with pytest.raises(DataValidationError, match="not one of the report's units"):
        check_time_unit("ms")  # a pandas unit, but not a report unit
    with pytest.raises(DataValidationError, match="did you mean 'auto'"):
        check_time_unit("atuo", allow_auto=True)
    assert check_time_unit("auto", allow_auto=True) == "auto"
    with pytest.raises(DataValidationError):
        check_time_unit("auto")
    with pytest.raises(DataValidationError):
        stage_durations(None, unit="fortnight")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "median_s, expected",
    [
        (40.0, "minutes"),
        (25 * 60.0, "minutes"),
        (3 * 3600.0, "hours"),
        (30 * 3600.0, "hours"),
        (5 * 86400.0, "days"),
        (60 * 86400.0, "days"),
        (120 * 86400.0, "weeks"),
    ],
)
def test_choose_time_unit_on_generated_data_of_each_scale(median_s, expected):
    rng = np.random.default_rng(int(median_s) % 997)
    # lognormal waits with the given median, a third of them zero (same-instant moves),
    # which the rule leaves out
    waits = median_s * np.exp(rng.normal(0, 1, 3000))
    waits[:1500] = 0.0
    td = pd.to_timedelta(rng.permutation(waits), unit="s")
    assert choose_time_unit(td) == expected
    assert choose_time_unit(td.to_numpy()) == expected
    assert choose_time_unit(waits / 86400, unit="days") == expected


def test_choose_time_unit_rule_edges_and_frames():
    # the rule is on the median: just under / at each threshold
    assert choose_time_unit(pd.to_timedelta(["59min", "59min", "10d"])) == "minutes"
    assert choose_time_unit(pd.to_timedelta(["60min"])) == "hours"
    assert choose_time_unit(pd.to_timedelta(["47h"])) == "hours"
    assert choose_time_unit(pd.to_timedelta(["48h"])) == "days"
    assert choose_time_unit(pd.to_timedelta(["69d"])) == "days"
    assert choose_time_unit(pd.to_timedelta(["70d"])) == "weeks"
    assert choose_time_unit([0.0, np.nan]) == "days"  # nothing positive: days
    # a durations frame: its observed moves, in its own unit
    d = pd.DataFrame({"duration": [2.0, 3.0, 5000.0, 9000.0], "event": [1, 1, 0, 0]})
    d.attrs["time_unit"] = "minutes"
    assert choose_time_unit(d) == "minutes"
    d.attrs["time_unit"] = "days"
    assert choose_time_unit(d) == "days"
    # a column of a durations frame keeps the frame's unit (pandas passes attrs on)
    s = d.copy()
    s.attrs["time_unit"] = "seconds"
    assert choose_time_unit(s.loc[s["duration"] > 0, "duration"]) == "minutes"


def test_default_horizons_per_unit():
    assert default_horizons("s") == [10, 30, 60]
    assert default_horizons("minutes") == [5, 15, 60]
    assert default_horizons("hours") == [1, 6, 24]
    assert default_horizons("days") == [7, 30, 90]
    assert default_horizons("weeks") == [1, 4, 12]


def test_unit_labels_in_six_languages():
    bare = {lang: unit_label("minutes", lang) for lang in LANGUAGES}
    assert bare == {
        "en": "minutes",
        "ro": "minute",
        "bg": "минути",
        "pl": "minuty",
        "pt": "minutos",
        "pt-BR": "minutos",
        "it": "minuti",
    }
    # counted forms: Romanian "de" from 20, Polish 2-4 vs 5+, Bulgarian counted "часа"
    assert [unit_label("days", "ro", n=k) for k in (1, 7, 19, 20, 90, 101)] == [
        "zi",
        "zile",
        "zile",
        "de zile",
        "de zile",
        "zile",
    ]
    assert [unit_label("weeks", "pl", n=k) for k in (1, 2, 4, 5, 12, 22, 1.5)] == [
        "tydzień",
        "tygodnie",
        "tygodnie",
        "tygodni",
        "tygodni",
        "tygodnie",
        "tygodnie",
    ]
    assert unit_label("hours", "bg") == "часове" and unit_label("hours", "bg", n=6) == "часа"
    assert unit_label("hours", "en", n=1) == "hour" and unit_label("hours", "en", n=1.5) == "hours"
    within = {lang: horizon_label(15, "minutes", lang) for lang in LANGUAGES}
    assert within == {
        "en": "within 15 minutes",
        "ro": "în 15 minute",
        "bg": "до 15 минути",
        "pl": "w ciągu 15 minut",
        "pt": "em 15 minutos",
        "pt-BR": "em 15 minutos",
        "it": "entro 15 minuti",
    }
    assert [horizon_label(k, "hours", "pl") for k in (1, 2, 24)] == [
        "w ciągu 1 godziny",
        "w ciągu 2 godzin",
        "w ciągu 24 godzin",
    ]
    assert horizon_label(90, "days", "ro") == "în 90 de zile"
    assert horizon_label(1, "weeks", "it") == "entro 1 settimana"
    assert time_axis_label("weeks", "bg", since="stage") == "Седмици от влизането в етапа"
    with pytest.raises(DataValidationError, match="language 'de'"):
        unit_label("days", "de")


# ------------------------------------------------------------------ durations carry the unit
def test_durations_in_minutes_are_seconds_over_sixty_exactly(timeline, durations):
    d = durations["minutes"]
    assert d.attrs["time_unit"] == "minutes"
    wide = timeline.wide()
    cust = timeline.customers.set_index("customer_id")
    step = d[d["from_stage"] == "visit"]
    entered = pd.to_datetime(wide.loc[step["customer_id"], "visit"]).to_numpy()
    reached = pd.to_datetime(wide.loc[step["customer_id"], "cart"])
    end = reached.where(
        reached.notna(),
        pd.to_datetime(cust.loc[step["customer_id"], "exit_at"]).where(
            step["event"].to_numpy() == 2,
            pd.to_datetime(cust.loc[step["customer_id"], "censor_at"]),
        ),
    )
    secs = (end.to_numpy() - entered) / np.timedelta64(1, "s")
    np.testing.assert_array_equal(step["duration"].to_numpy(), secs / 60)  # exactly
    np.testing.assert_allclose(
        step["duration"] * 60, np.round(step["duration"] * 60), atol=1e-9
    )  # whole seconds in the log
    # days: the same seconds over 86400; the pandas string "min" is minutes
    np.testing.assert_allclose(
        durations["days"]["duration"].to_numpy(), d["duration"].to_numpy() * 60 / 86400, rtol=1e-15
    )
    np.testing.assert_array_equal(durations["min"]["duration"], d["duration"])
    # seconds (pandas "s"): the raw waits, whole numbers here, and labelled as seconds
    np.testing.assert_array_equal(durations["s"]["duration"], np.round(d["duration"] * 60))
    assert durations["s"].attrs["time_unit"] == "seconds"
    # auto picks minutes for waits of a minute or two, and records it
    assert durations["auto"].attrs["time_unit"] == "minutes"
    np.testing.assert_array_equal(durations["auto"]["duration"], d["duration"])


def test_the_unit_survives_what_the_notebooks_do(durations):
    d = durations["minutes"]
    step = d[d["from_stage"] == "visit"]
    assert time_unit_of(step) == "minutes"
    assert time_unit_of(d.loc[d["event"] == 1, ["duration", "event"]]) == "minutes"
    assert all(time_unit_of(g) == "minutes" for _, g in d.groupby("from_stage", observed=True))
    assert time_unit_of(pd.concat([step, d[d["from_stage"] == "cart"]])) == "minutes"
    assert time_unit_of(step.assign(x=1).copy().reset_index(drop=True)) == "minutes"
    # a merge drops attrs: the frame then reads as days (documented)
    merged = step.merge(pd.DataFrame({"customer_id": step["customer_id"], "x": 1}))
    assert time_unit_of(merged) == "days"
    # a time_unit column wins, and mixed units are refused
    assert time_unit_of(merged.assign(time_unit="minutes")) == "minutes"
    with pytest.raises(DataValidationError, match="mixes time units"):
        time_unit_of(pd.DataFrame({"time_unit": ["minutes", "days"]}))


# ------------------------------------------------------------------ same estimates, any unit
def test_survival_and_conversion_in_minutes_equal_days_at_t_over_1440(durations):
    dm = durations["minutes"][lambda x: x["from_stage"] == "visit"]
    dd = durations["days"][lambda x: x["from_stage"] == "visit"]
    km_m, km_d = kaplan_meier(dm), kaplan_meier(dd)
    assert (km_m["time_unit"] == "minutes").all() and (km_d["time_unit"] == "days").all()
    np.testing.assert_allclose(km_m["time"] / 1440, km_d["time"], rtol=1e-12)
    np.testing.assert_array_equal(km_m["estimate"], km_d["estimate"])
    np.testing.assert_array_equal(km_m["ci_low"], km_d["ci_low"])
    assert km_m.attrs["time_since"] == "stage"

    horizons = [1.0, 2.5, 5, 15, 60]
    cm = conversion(dm, horizons=horizons)
    cd = conversion(dd, horizons=[h / 1440 for h in horizons])
    assert cm["horizon"].tolist() == horizons and (cm["time_unit"] == "minutes").all()
    for col in ("estimate", "se", "ci_low", "ci_high", "naive"):
        np.testing.assert_allclose(cm[col], cd[col], rtol=1e-12, atol=1e-15)
    # brute force: the naive share at 5 minutes = reached within 300 s / everyone
    secs = dm["duration"] * 60
    assert cm.loc[cm["horizon"] == 5, "naive"].item() == pytest.approx(
        ((dm["event"] == 1) & (secs <= 300)).mean()
    )
    # default horizons follow the unit
    assert conversion(dm)["horizon"].tolist() == [5, 15, 60]
    assert conversion(dd)["horizon"].tolist() == [7, 30, 90]

    q_m, q_d = time_to_stage(dm), time_to_stage(dd)
    np.testing.assert_allclose(q_m["estimate"] / 1440, q_d["estimate"], rtol=1e-12)
    assert (q_m["time_unit"] == "minutes").all()

    ci_m, ci_d = cumulative_incidence(dm), cumulative_incidence(dd)
    np.testing.assert_array_equal(ci_m["estimate"], ci_d["estimate"])
    rm_m = restricted_mean_incidence(dm, tau=15, event_types=[1])
    rm_d = restricted_mean_incidence(dd, tau=15 / 1440, event_types=[1])
    np.testing.assert_allclose(rm_m["estimate"] / 1440, rm_d["estimate"], rtol=1e-9)
    assert rm_m["time_unit"].item() == "minutes"


def test_conversion_days_is_a_deprecated_alias(durations):
    d = durations["days"][lambda x: x["from_stage"] == "visit"]
    with pytest.warns(FutureWarning, match="horizons"):
        old = conversion(d, days=[0.01])
    pd.testing.assert_frame_equal(old, conversion(d, horizons=[0.01]))
    with pytest.raises(DataValidationError, match="horizons= only"):
        conversion(d, days=[1], horizons=[1])


def test_painpoints_in_minutes(timeline, durations):
    dm, dd = durations["minutes"], durations["days"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = dropoff(dm, horizon=10)
        b = dropoff(dd, horizon=10 / 1440)
        auto_m, auto_d = dropoff(dm), dropoff(dd)
        s_m, s_d = slowest_steps(dm), slowest_steps(dd)
    np.testing.assert_allclose(a["estimate"], b["estimate"], rtol=1e-12)
    assert (a["time_unit"] == "minutes").all() and (b["time_unit"] == "days").all()
    np.testing.assert_allclose(auto_m["horizon"] / 1440, auto_d["horizon"], rtol=1e-12)
    np.testing.assert_allclose(s_m["estimate"] / 1440, s_d["estimate"], rtol=1e-12)
    assert (s_m["time_unit"] == "minutes").all()
    # the cart step (mean wait 4 minutes) is the slowest, and its median is minutes, not 1e-4
    assert s_m["from_stage"].iloc[0] == "cart" and 1 < s_m["estimate"].iloc[0] < 10

    per_min = churn_by_stage(timeline, unit="minutes")
    per_day = churn_by_stage(timeline)
    assert (per_min["time_unit"] == "minutes").all() and (per_day["time_unit"] == "days").all()
    np.testing.assert_allclose(per_min["customer_time"], per_day["customer_time"] * 1440)
    np.testing.assert_allclose(per_min["estimate"] * 1440, per_day["estimate"])
    assert churn_by_stage(timeline, unit="auto")["time_unit"].iloc[0] == "minutes"


def test_multistate_in_minutes(timeline):
    tm = journey_transitions(timeline, unit="minutes")
    td = journey_transitions(timeline)
    assert tm.attrs["time_unit"] == "minutes" and td.attrs["time_unit"] == "days"
    np.testing.assert_allclose(tm["stop"] / 1440, td["stop"], rtol=1e-12)
    assert journey_transitions(timeline, unit="auto").attrs["time_unit"] == "minutes"
    mm = MultiStateModel(n_boot=0, times=[0, 5, 30]).fit(tm)
    md = MultiStateModel(n_boot=0, times=[0, 5 / 1440, 30 / 1440]).fit(td)
    assert mm.time_unit_ == "minutes" and (mm.occupancy_["time_unit"] == "minutes").all()
    np.testing.assert_allclose(mm.occupancy_["estimate"], md.occupancy_["estimate"], atol=1e-12)
    r_m, r_d = mm.restricted_mean(60), md.restricted_mean(60 / 1440)
    np.testing.assert_allclose(r_m["estimate"] / 1440, r_d["estimate"], rtol=1e-9)
    assert (r_m["time_unit"] == "minutes").all()


def test_exposure_times_follow_the_durations_unit():
    """Fails on the old code, which put exposure times in days whatever the durations' unit."""
    t = pd.Timestamp("2025-01-01")
    d = pd.DataFrame({"customer_id": ["a"], "origin": [t], "duration": [50.0]})
    d.attrs["time_unit"] = "hours"
    ev = pd.DataFrame(
        {
            "customer_id": ["a", "a"],
            "event": ["chat", "chat"],
            "timestamp": [t + pd.Timedelta(hours=30), t + pd.Timedelta(hours=60)],
        }
    )
    assert exposure_times(d, ev, touchpoints=["chat"])["time"].tolist() == [30.0]
    # the old default (days) put both chats inside the 50-hour wait: 1.25 and 2.5 "days" < 50
    assert exposure_times(d, ev, touchpoints=["chat"], unit="D")["time"].tolist() == [1.25, 2.5]


# ------------------------------------------------------------------ charts say the unit
def test_chart_axes_and_facets_name_the_unit(durations):
    dm = durations["minutes"][lambda x: x["from_stage"] == "visit"]
    spec = curve_chart(kaplan_meier(dm)).to_dict(validate=True)
    assert (
        spec["vconcat"][0]["layer"][0]["encoding"]["x"]["title"]
        == "Minutes since entering the stage"
    )
    spec = curve_chart(kaplan_meier(dm), language="pl").to_dict()
    assert spec["vconcat"][0]["layer"][0]["encoding"]["x"]["title"] == "Minuty od wejścia do etapu"
    # curves of hand-built frames (no from_stage, no unit): as before, days
    plain = kaplan_meier(pd.DataFrame({"duration": [1.0, 2.0], "event": 1}))
    assert (
        curve_chart(plain, language="ro").to_dict()["vconcat"][0]["layer"][0]["encoding"]["x"][
            "title"
        ]
        == "Zile"
    )

    conv = conversion(dm.assign(g=np.arange(len(dm)) % 2), horizons=[60, 5, 15], by="g")
    spec = conversion_chart(conv, group="g", language="en").to_dict(validate=True)
    # facets sorted by the numeric horizon, whatever their labels read
    assert spec["facet"]["row"]["sort"] == {"field": "horizon", "op": "min", "order": "ascending"}
    rows = spec["datasets"][spec["data"]["name"]]
    labels = {r["horizon"]: r["label"] for r in rows}
    assert labels == {5: "within 5 minutes", 15: "within 15 minutes", 60: "within 60 minutes"}
    spec = conversion_chart(conv, group="g", language="it").to_dict()
    rows = spec["datasets"][spec["data"]["name"]]
    assert {r["horizon"]: r["label"] for r in rows}[5] == "entro 5 minuti"

    step = conversion(
        durations["minutes"].assign(segment="all"), horizons=[15], by=["from_stage", "segment"]
    )
    spec = step_chart(step, journey=JOURNEY, language="en").to_dict(validate=True)
    assert spec["title"]["text"] == "Moving on to the next stage within 15 minutes"
    spec = step_chart(step, journey=JOURNEY, language="ro").to_dict()
    assert spec["title"]["text"] == "Trecerea la etapa următoare în 15 minute"


def test_occupancy_axis_names_the_unit(timeline):
    m = MultiStateModel(n_boot=0).fit(journey_transitions(timeline, unit="hours"))
    spec = occupancy_chart(m.occupancy_, language="en").to_dict(validate=True)
    assert spec["encoding"]["x"]["title"] == "Hours since the journey start"
    spec = occupancy_chart(m.occupancy_, language="bg").to_dict()
    assert spec["encoding"]["x"]["title"] == "Часове от началото на пътя"
