"""A zoo of client-data shapes for end-to-end report tests.

Each shape is a kind of data a real client sends, unlike the committed sample:

=================  ==========================================================  ========
shape              inputs                                                      language
=================  ==========================================================  ========
``clicks``         click log (CSV, int64 user ids, seconds-minutes journeys)   ro
``sessions``       one row per web session (Parquet, ids ``000123``, hours)    pl
``orders``         order-lifecycle export (``;`` CSV) + reviews 1-5, no NPS    pt
``csat_only``      survey only: CSAT 1-5, a segment, Italian comments, some    it
                   coded by hand with the client's own themes
``binary_ratings`` survey only: ``satisfied`` 0/1 + 14 ratings, 0 = n/a        bg
``qualtrics``      Qualtrics export (3 header rows), Likert 1-5, 99 = n/a      ro
``events_crm``     events named as ``compact4`` stage ids + CRM, days          it
``sample``         the committed sample, configured in Portuguese              pt
=================  ==========================================================  ========

``make_<shape>(folder)`` writes the data files, a journey YAML where there are
events, and ``report.yaml`` (the report configuration format of CONFIG.md), and
returns the configuration's path.  Generators are deterministic (numpy
``default_rng`` with a fixed seed per shape) and small (a report builds in
seconds).  The data are messy the way client data are (missing cells,
stray whitespace, mixed case in free-text and descriptive columns, exact
duplicate rows, tracking gaps) but hold nothing a correct tool must refuse.

``expected_<shape>(folder)`` reads the files that ``make_<shape>`` wrote with
plain pandas, without cjresearch, and returns the report's key exported
tables (names as in ``<out>/tables/<name>.csv``):

``funnel``
    ``stage``, ``label`` (in the report language), ``n`` customers who
    reached the stage (the stage or a later one, counting only stage events
    at or before the customer's first exit; exact duplicate rows collapsed),
    ``base`` (previous stage's ``n``; all customers of the log for the first
    stage), ``estimate`` = n / base, ``ci_low``/``ci_high`` (Wilson score
    interval, normal quantile, 95 %), ``share`` = n / all customers.
``scores``
    ``measure``, ``kind``, ``n`` (answers after removing blanks and na
    codes), ``estimate`` (NPS in -100..100, shares 0-1, means on the scale),
    ``se``, ``ci_low``, ``ci_high``.  Unweighted except ``sample``, whose
    config gives design weights (there only ``n`` and ``estimate`` are
    comparable: the intervals depend on the design method).  Intervals
    (``attrs["ci_method"]``): means use a t interval on n - 1 degrees of
    freedom with se = sd(ddof=1) / sqrt(n); shares use the Wilson score
    interval with the t quantile on n - 1 degrees of freedom, se =
    sqrt(p (1 - p) / (n - 1)).  Both equal what cjresearch's
    ``SurveyDesign`` gives for an unweighted simple random sample.
"""

from __future__ import annotations

import fnmatch
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from scipy import stats

SHAPES = (
    "clicks",
    "sessions",
    "orders",
    "csat_only",
    "binary_ratings",
    "qualtrics",
    "events_crm",
    "sample",
)

#: The report language of each shape.
LANGUAGE = {
    "clicks": "ro",
    "sessions": "pl",
    "orders": "pt",
    "csat_only": "it",
    "binary_ratings": "bg",
    "qualtrics": "ro",
    "events_crm": "it",
    "sample": "pt",
}

#: The inputs each shape does not give (the report must say what was not measured).
MISSING = {
    "clicks": ("customers", "survey"),
    "sessions": ("customers", "survey"),
    "orders": ("customers",),
    "csat_only": ("events", "customers"),
    "binary_ratings": ("events", "customers"),
    "qualtrics": ("events", "customers"),
    "events_crm": ("survey",),
    "sample": (),
}

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"

_FUNNEL_COLS = ["stage", "label", "n", "base", "estimate", "ci_low", "ci_high", "share"]
_SCORE_COLS = ["measure", "kind", "n", "estimate", "se", "ci_low", "ci_high"]
_CI_METHOD_SURVEY = (
    "means: t interval, n-1 df, se = sd(ddof=1)/sqrt(n); shares: Wilson score "
    "interval with the t quantile on n-1 df"
)


# -- writing helpers ------------------------------------------------------------------
def _write_yaml(path: Path, data: dict[str, Any], header: str = "") -> Path:
    text = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100
    )
    path.write_text(header + text, encoding="utf-8")
    return path


def _journey(
    name: str,
    languages: Sequence[str],
    stages: Sequence[tuple[str, dict[str, str], list[str]]],
    exits: Sequence[tuple[str, dict[str, str], list[str]]] = (),
) -> dict[str, Any]:
    return {
        "name": name,
        "languages": list(languages),
        "stages": [{"id": s, "label": lab, "events": ev} for s, lab, ev in stages],
        "exits": [{"id": s, "label": lab, "events": ev} for s, lab, ev in exits],
    }


def _ts_text(ts: pd.Series | pd.DatetimeIndex) -> pd.Series:
    return pd.Series(pd.DatetimeIndex(ts).strftime("%Y-%m-%d %H:%M:%S"))


def _messy(
    rng: np.random.Generator, values: Sequence[str], n: int, p_blank: float = 0.05
) -> list[str]:
    """Descriptive text as clients export it: some blank, some with odd case or spaces."""
    out = []
    for v in rng.choice(np.asarray(values, dtype=object), size=n):
        u = rng.random()
        if u < p_blank:
            out.append("")
        elif u < p_blank + 0.04:
            out.append(str(v).lower())
        elif u < p_blank + 0.08:
            out.append(f"{v} ")
        else:
            out.append(str(v))
    return out


def _comments(
    rng: np.random.Generator,
    good: Sequence[str],
    bad: Sequence[str],
    positive: np.ndarray,
    p_blank: float,
) -> list[str]:
    """One verbatim per respondent (blank for some), as typed: odd case, extra spaces."""
    out = []
    for pos in positive:
        if rng.random() < p_blank:
            out.append("" if rng.random() < 0.8 else "   ")
            continue
        text = str(rng.choice(np.asarray(good if pos else bad, dtype=object)))
        u = rng.random()
        if u < 0.06:
            text = text.upper()
        elif u < 0.14:
            text = text.lower()
        elif u < 0.20:
            text = f"  {text} "
        out.append(text)
    return out


# -- independent computations -----------------------------------------------------------
def _wilson(x: np.ndarray, n: np.ndarray, q: float) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        centre = (p + q * q / (2 * n)) / (1 + q * q / n)
        half = q * np.sqrt(p * (1 - p) / n + q * q / (4 * n * n)) / (1 + q * q / n)
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def funnel_table(
    events: pd.DataFrame,
    stages: Sequence[tuple[str, str, Sequence[str]]],
    exits: Sequence[str],
    *,
    touchpoints: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> pd.DataFrame:
    """The expected ``funnel`` from a log with ``customer_id``, ``timestamp``, ``event``.

    ``stages`` is ``[(stage id, label, [event names])]`` in journey order.
    Exact duplicate rows are collapsed (they change no reach anyway), events
    matching ``ignore`` patterns dropped, and stage events strictly after a
    customer's first exit set aside.  Every event must be known; customers
    with only touchpoints or exits count among all customers.
    """
    ev = events[["customer_id", "timestamp", "event"]].drop_duplicates()
    ev = ev[~ev["event"].map(lambda e: any(fnmatch.fnmatchcase(e, p) for p in ignore))]
    stage_of = {e: k for k, (_, _, names) in enumerate(stages) for e in names}
    known = set(stage_of) | set(exits) | set(touchpoints)
    unknown = set(ev["event"]) - known
    if unknown:
        raise ValueError(f"events not in the journey: {sorted(unknown)}")
    customers = ev["customer_id"].unique()
    first_exit = ev[ev["event"].isin(exits)].groupby("customer_id")["timestamp"].min()
    st = ev[ev["event"].isin(list(stage_of))].copy()
    st["k"] = st["event"].map(stage_of)
    limit = st["customer_id"].map(first_exit)
    st = st[limit.isna() | (st["timestamp"] <= limit)]
    furthest = st.groupby("customer_id")["k"].max()
    n_all = len(customers)
    n = np.array([(furthest >= k).sum() for k in range(len(stages))], dtype=np.int64)
    base = np.concatenate([[n_all], n[:-1]]).astype(np.int64)
    low, high = _wilson(n, base, float(stats.norm.ppf(0.975)))
    out = pd.DataFrame(
        {
            "stage": [s for s, _, _ in stages],
            "label": [lab for _, lab, _ in stages],
            "n": n,
            "base": base,
            "estimate": n / base,
            "ci_low": low,
            "ci_high": high,
            "share": n / n_all,
        }
    )
    out.attrs["ci_method"] = "Wilson score interval, normal quantile, 95%"
    return out[_FUNNEL_COLS]


def _numeric(values: pd.Series, na_codes: Sequence[float] = ()) -> pd.Series:
    v = pd.to_numeric(values.astype(str).str.strip().replace("", np.nan), errors="raise")
    return v.where(~v.isin(list(na_codes))).dropna().astype(float)


def _mean_row(measure: str, values: pd.Series, kind: str = "mean") -> dict[str, Any]:
    n = len(values)
    est = float(values.mean())
    se = float(values.std(ddof=1) / np.sqrt(n))
    q = float(stats.t.ppf(0.975, n - 1))
    return {
        "measure": measure,
        "kind": kind,
        "n": n,
        "estimate": est,
        "se": se,
        "ci_low": est - q * se,
        "ci_high": est + q * se,
    }


def _share_row(measure: str, indicator: pd.Series, kind: str) -> dict[str, Any]:
    n = len(indicator)
    p = float(indicator.mean())
    se = float(np.sqrt(p * (1 - p) / (n - 1)))
    low, high = _wilson(np.array([p * n]), np.array([n]), float(stats.t.ppf(0.975, n - 1)))
    return {
        "measure": measure,
        "kind": kind,
        "n": n,
        "estimate": p,
        "se": se,
        "ci_low": float(low[0]),
        "ci_high": float(high[0]),
    }


def _scores(rows: list[dict[str, Any]], method: str = _CI_METHOD_SURVEY) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=_SCORE_COLS)
    out["n"] = out["n"].astype("int64")
    out.attrs["ci_method"] = method
    return out


def _log(frame: pd.DataFrame, columns: dict[str, str], tz: bool = False) -> pd.DataFrame:
    """A client log renamed to customer_id / timestamp / event, ids as text, naive UTC."""
    df = frame.rename(columns=columns)
    ts = pd.to_datetime(df["timestamp"], utc=tz)
    if tz:
        ts = ts.dt.tz_convert("UTC").dt.tz_localize(None)
    return pd.DataFrame(
        {
            "customer_id": df["customer_id"].astype(str),
            "timestamp": ts,
            "event": df["event"].astype(str),
        }
    )


# == (a) clicks =========================================================================
_CLICKS_STAGES = [
    ("vizita", {"ro": "Vizită", "en": "Visit"}, ["page_view"]),
    ("cautare", {"ro": "Căutare", "en": "Search"}, ["search"]),
    ("interes", {"ro": "Interes pentru produs", "en": "Product interest"}, ["product_click"]),
    ("cos", {"ro": "Coș de cumpărături", "en": "Basket"}, ["add_to_basket"]),
    ("comanda", {"ro": "Comandă", "en": "Order"}, ["purchase"]),
]
_CLICKS_COLUMNS = {"user_id": "customer_id", "event_time": "timestamp", "event_name": "event"}


def make_clicks(folder: Path) -> Path:
    """A web shop's click log: int64 user ids, journeys of seconds to minutes; ro."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240304)
    n_users = 400
    ids = rng.choice(
        np.arange(3_000_000_000, 3_050_000_000, dtype=np.int64), size=n_users, replace=False
    )
    starts = pd.Timestamp("2024-03-04") + pd.to_timedelta(
        rng.integers(0, 7 * 86400, n_users), unit="s"
    )
    rows: list[tuple[int, pd.Timestamp, str]] = []
    for uid, t in zip(ids, starts, strict=True):
        seq: list[str] = []
        if rng.random() > 0.05:  # 5 %: the landing page view was not tracked
            seq += ["page_view"] * int(rng.integers(1, 4))
        if rng.random() < 0.55:
            seq.append("search")
        if rng.random() < 0.6:
            for _ in range(int(rng.integers(1, 4))):
                seq += ["product_click"] + ["page_view"] * int(rng.random() < 0.3)
            if rng.random() < 0.45:
                seq.append("add_to_basket")
                if rng.random() < 0.5:
                    seq.append("purchase")
                    if rng.random() < 0.1:
                        seq.append("page_view")  # looks around after buying
        if not seq:
            seq = ["page_view"]
        for event in seq:
            t = t + pd.Timedelta(seconds=int(2 + rng.exponential(40)))
            rows.append((int(uid), t, event))
    log = pd.DataFrame(rows, columns=["user_id", "event_time", "event_name"])
    log["device"] = _messy(rng, ["mobile", "Desktop", "tablet"], len(log), p_blank=0.03)
    log["page_url"] = [
        "" if rng.random() < 0.07 else f"/ro/produse/{int(rng.integers(100, 999))}"
        for _ in range(len(log))
    ]
    dup = log.sample(frac=0.02, random_state=7)  # double-fired tags
    log = pd.concat([log, dup]).sort_values(["event_time", "user_id"], kind="stable")
    log["event_time"] = _ts_text(log["event_time"]).to_numpy()
    log["user_id"] = log["user_id"].astype("int64")
    log.to_csv(folder / "clicks.csv", index=False)
    _write_yaml(
        folder / "journey.yaml",
        _journey("Magazin online", ["ro", "en"], _CLICKS_STAGES),
        "# Click journey of an online shop: each click event places the visitor in a stage\n",
    )
    return _write_yaml(
        folder / "report.yaml",
        {
            "client": "Magazin Online Exemplu",
            "id": "zoo-clicks",
            "period": "martie 2024",
            "language": "ro",
            "time_unit": "auto",
            "journey": "journey.yaml",
            "data": {
                "events": {
                    "path": "clicks.csv",
                    "columns": _CLICKS_COLUMNS,
                    "duplicates": "collapse",
                }
            },
            "funnel": {"definition": "reached", "window": None},
        },
    )


def expected_clicks(folder: Path) -> dict[str, pd.DataFrame]:
    raw = pd.read_csv(
        Path(folder) / "clicks.csv", dtype={"user_id": "int64"}, keep_default_na=False
    )
    log = _log(raw, _CLICKS_COLUMNS)
    stages = [(s, lab["ro"], ev) for s, lab, ev in _CLICKS_STAGES]
    return {"funnel": funnel_table(log, stages, exits=[])}


# == (b) sessions =======================================================================
_SESSIONS_STAGES = [
    ("wizyta", {"pl": "Wizyta", "en": "Visit"}, ["landing"]),
    ("zaangazowanie", {"pl": "Zaangażowanie", "en": "Engagement"}, ["engaged"]),
    ("formularz", {"pl": "Formularz kontaktowy", "en": "Lead form"}, ["lead_form"]),
    ("konwersja", {"pl": "Konwersja", "en": "Conversion"}, ["converted"]),
]
_SESSIONS_EXITS = [("rezygnacja", {"pl": "Rezygnacja", "en": "Opt-out"}, ["opt_out"])]
_SESSIONS_COLUMNS = {
    "id_uzytkownika": "customer_id",
    "start_sesji": "timestamp",
    "wynik_sesji": "event",
}


def make_sessions(folder: Path) -> Path:
    """One row per web session (Parquet): ids with leading zeros, hours-long journeys; pl."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240611)
    n_users = 300
    ids = [f"{i:06d}" for i in rng.choice(np.arange(1, 20_000), size=n_users, replace=False)]
    outcome = ["landing", "engaged", "lead_form", "converted"]
    rows = []
    for uid in ids:
        t = pd.Timestamp("2024-06-10 06:00", tz="UTC") + pd.Timedelta(
            minutes=int(rng.integers(0, 5 * 24 * 60))
        )
        level = 0 if rng.random() < 0.8 else 1
        for i in range(int(rng.integers(1, 7))):
            if i and rng.random() < 0.05:
                rows.append((uid, t, "opt_out", 1))
                break
            pages = int(rng.integers(1, 3)) if level == 0 else int(3 + rng.poisson(4))
            rows.append((uid, t, outcome[level], pages))
            if level == 3:
                break
            if rng.random() < 0.45:
                level += 1
            t = t + pd.Timedelta(minutes=int(10 + rng.exponential(90)))
    df = pd.DataFrame(
        rows, columns=["id_uzytkownika", "start_sesji", "wynik_sesji", "liczba_stron"]
    )
    n = len(df)
    df["strona_wejscia"] = _messy(
        rng, ["/", "/oferta", "/cennik", "/blog/jak-wybrac", "/kontakt"], n, p_blank=0.06
    )
    df["strona_wejscia"] = df["strona_wejscia"].replace("", None)
    df["zrodlo"] = _messy(rng, ["google", "Facebook", "newsletter", "bezpośrednio"], n)
    df["zrodlo"] = df["zrodlo"].replace("", None)
    pages = df["liczba_stron"].astype("Int64")
    pages[rng.random(n) < 0.04] = pd.NA
    df["liczba_stron"] = pages
    df["start_sesji"] = df["start_sesji"].astype("datetime64[us, UTC]")
    df = df.sort_values(["start_sesji", "id_uzytkownika"], kind="stable").reset_index(drop=True)
    df[
        ["id_uzytkownika", "start_sesji", "strona_wejscia", "liczba_stron", "zrodlo", "wynik_sesji"]
    ].to_parquet(folder / "sesje.parquet", index=False)
    _write_yaml(
        folder / "journey.yaml",
        _journey("Serwis z ofertą", ["pl", "en"], _SESSIONS_STAGES, _SESSIONS_EXITS),
        "# Sesje: the outcome of each session places the user in a stage\n",
    )
    return _write_yaml(
        folder / "report.yaml",
        {
            "client": "Przykładowy Serwis Sp. z o.o.",
            "id": "zoo-sessions",
            "period": "czerwiec 2024",
            "language": "pl",
            "time_unit": "auto",
            "journey": "journey.yaml",
            "data": {"events": {"path": "sesje.parquet", "columns": _SESSIONS_COLUMNS}},
        },
    )


def expected_sessions(folder: Path) -> dict[str, pd.DataFrame]:
    raw = pd.read_parquet(Path(folder) / "sesje.parquet")
    log = _log(raw, _SESSIONS_COLUMNS, tz=True)
    stages = [(s, lab["pl"], ev) for s, lab, ev in _SESSIONS_STAGES]
    return {"funnel": funnel_table(log, stages, exits=["opt_out"])}


# == (c) orders =========================================================================
_ORDERS_STAGES = [
    ("compra", {"pt": "Compra", "en": "Purchase"}, ["purchase"]),
    ("aprovado", {"pt": "Aprovação", "en": "Approval"}, ["approved"]),
    ("enviado", {"pt": "Envio", "en": "Shipping"}, ["shipped"]),
    ("entregue", {"pt": "Entrega", "en": "Delivery"}, ["delivered"]),
    ("avaliado", {"pt": "Avaliação", "en": "Review"}, ["review"]),
]
_ORDERS_EXITS = [("cancelado", {"pt": "Cancelamento", "en": "Cancelled"}, ["cancelled"])]
_ORDERS_COLUMNS = {"id_pedido": "customer_id", "status_pedido": "event", "data_status": "timestamp"}
_PT_GOOD = (
    "Produto chegou antes do prazo, recomendo!",
    "Tudo certo com a entrega, obrigado.",
    "Ótima qualidade, igual à descrição do site.",
    "Entrega rápida e embalagem bem feita.",
    "Gostei muito, voltarei a comprar nesta loja.",
    "O atendimento respondeu rápido às minhas dúvidas.",
)
_PT_BAD = (
    "Pedido cancelado sem nenhuma explicação.",
    "Não recebi o produto e ninguém responde os e-mails.",
    "A embalagem veio danificada e faltava uma peça.",
    "Demorou demais, quase um mês para chegar.",
    "Paguei e depois cancelaram, péssimo.",
    "Produto diferente do anunciado.\nQuero o reembolso.",
)


def make_orders(folder: Path) -> Path:
    """An order-lifecycle export (``;`` CSV, own column names) + 1-5 reviews, no NPS; pt.

    Some cancelled orders get a ``review`` after the cancellation (events after
    the exit), some rows are exact duplicates, some orders miss their
    ``shipped`` row (tracking gap).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240115)
    n_orders = 400
    order_ids = [
        f"PED{i:07d}" for i in rng.choice(np.arange(1, 3_000_000), n_orders, replace=False)
    ]
    steps = ["purchase", "approved", "shipped", "delivered", "review"]
    delay_h = [8, 48, 6 * 24, 3 * 24]  # mean hours to the next status
    p_cancel = [0.06, 0.05, 0.02, 0.0]  # cancelled instead of the next status
    p_stop = [0.0, 0.02, 0.03, 0.3]  # still waiting at the export
    rows, reviews = [], []
    for oid in order_ids:
        t = pd.Timestamp("2024-01-02 08:00") + pd.Timedelta(
            minutes=int(rng.integers(0, 150 * 24 * 60))
        )
        rows.append((oid, "purchase", t))
        for k in range(4):
            u = rng.random()
            if u < p_cancel[k]:
                t = t + pd.Timedelta(minutes=int(30 + rng.exponential(36 * 60)))
                rows.append((oid, "cancelled", t))
                if rng.random() < 0.5:  # the customer reviews the cancellation
                    t = t + pd.Timedelta(minutes=int(60 + rng.exponential(48 * 60)))
                    rows.append((oid, "review", t))
                    reviews.append((oid, t, False))
                break
            if u < p_cancel[k] + p_stop[k]:
                break
            t = t + pd.Timedelta(minutes=int(20 + rng.exponential(delay_h[k] * 60)))
            if steps[k + 1] == "shipped" and rng.random() < 0.03:
                continue  # the carrier never reported shipping
            rows.append((oid, steps[k + 1], t))
            if steps[k + 1] == "review":
                reviews.append((oid, t, True))
    log = pd.DataFrame(rows, columns=["id_pedido", "status_pedido", "data_status"])
    value = np.round(rng.lognormal(4.5, 0.7, n_orders), 2)
    value_of = dict(zip(order_ids, value, strict=True))
    log["valor_total"] = [
        ("" if rng.random() < 0.05 else f"{value_of[o]:.2f}".replace(".", ","))
        for o in log["id_pedido"]
    ]
    cities = ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Lisboa", "Porto", "Curitiba"]
    city = dict(zip(order_ids, _messy(rng, cities, n_orders), strict=True))
    log["cidade_cliente"] = log["id_pedido"].map(city)
    dup = log.sample(frac=0.04, random_state=11)
    log = pd.concat([log, dup]).sort_values(["id_pedido", "data_status"], kind="stable")
    log["data_status"] = _ts_text(log["data_status"]).to_numpy()
    (folder / "pedidos.csv").write_text(log.to_csv(sep=";", index=False), encoding="utf-8-sig")

    rv = pd.DataFrame(reviews, columns=["order_id", "when", "delivered"])
    good_p, bad_p = [0.05, 0.05, 0.1, 0.25, 0.55], [0.55, 0.2, 0.12, 0.08, 0.05]
    rv["review_score"] = [
        int(rng.choice(np.arange(1, 6), p=good_p if d else bad_p)) for d in rv["delivered"]
    ]
    rv.insert(0, "review_id", [rng.bytes(16).hex() for _ in range(len(rv))])
    rv["review_comment_title"] = [
        "" if rng.random() < 0.85 else "Avaliação" for _ in range(len(rv))
    ]
    rv["review_comment_message"] = _comments(
        rng, _PT_GOOD, _PT_BAD, rv["review_score"].to_numpy() >= 4, p_blank=0.4
    )
    rv["review_creation_date"] = rv["when"].dt.strftime("%Y-%m-%d 00:00:00")
    rv["review_answer_timestamp"] = _ts_text(
        rv["when"] + pd.to_timedelta(rng.integers(3600, 5 * 86400, len(rv)), unit="s")
    ).to_numpy()
    rv = rv.drop(columns=["when", "delivered"]).sample(frac=1.0, random_state=3)
    rv.to_csv(folder / "avaliacoes.csv", index=False)

    _write_yaml(
        folder / "journey.yaml",
        _journey("Ciclo do pedido", ["pt", "en"], _ORDERS_STAGES, _ORDERS_EXITS),
        "# Order lifecycle: each status moves the order to a stage; cancelled ends it\n",
    )
    return _write_yaml(
        folder / "report.yaml",
        {
            "client": "Loja Exemplo",
            "id": "zoo-orders",
            "title": "Jornada do pedido",
            "period": "1.º semestre de 2024",
            "language": "pt",
            "time_unit": "auto",
            "journey": "journey.yaml",
            "data": {
                "events": {
                    "path": "pedidos.csv",
                    "columns": _ORDERS_COLUMNS,
                    "unknown_events": "error",
                    "after_exit": "exclude",
                    "duplicates": "collapse",
                },
                "survey": {
                    "path": "avaliacoes.csv",
                    "columns": {"review_id": "respondent_id", "order_id": "customer_id"},
                },
            },
            "survey": {
                "measures": {"review_score": {"kind": "mean", "scale": [1, 5]}},
                "text": "review_comment_message",
            },
        },
    )


def expected_orders(folder: Path) -> dict[str, pd.DataFrame]:
    folder = Path(folder)
    raw = pd.read_csv(
        folder / "pedidos.csv", sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    log = _log(raw, _ORDERS_COLUMNS)
    stages = [(s, lab["pt"], ev) for s, lab, ev in _ORDERS_STAGES]
    rv = pd.read_csv(folder / "avaliacoes.csv", dtype=str, keep_default_na=False)
    return {
        "funnel": funnel_table(log, stages, exits=["cancelled"]),
        "scores": _scores([_mean_row("review_score", _numeric(rv["review_score"]))]),
    }


# == (d) csat_only ======================================================================
_IT_GOOD = (
    "Personale gentile e preparato, tornerò sicuramente.",
    "Consegna puntuale e prodotto come da descrizione.",
    "Ottimo rapporto qualità-prezzo.",
    "Il negozio è ordinato e si trova tutto facilmente.",
    "Assistenza rapida, problema risolto in giornata.",
)
_IT_BAD = (
    "Ho aspettato troppo al telefono prima di parlare con qualcuno.",
    "Il rimborso non è ancora arrivato dopo tre settimane.",
    "Prezzi aumentati rispetto all'anno scorso.",
    "Il sito si blocca durante il pagamento.",
    "Commessa scortese, esperienza da dimenticare.",
)


def make_csat_only(folder: Path) -> Path:
    """Survey only: CSAT 1-5, an area segment, Italian comments (``;`` CSV with BOM); it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20241003)
    n = 350
    area = rng.choice(["Nord", "Centro", "Sud", "Isole"], size=n, p=[0.4, 0.25, 0.25, 0.1])
    shift = pd.Series(area).map({"Nord": 0.3, "Centro": 0.1, "Sud": -0.2, "Isole": -0.3})
    latent = 3.6 + shift.to_numpy() + rng.normal(0, 1.0, n)
    csat = np.clip(np.rint(latent), 1, 5).astype(int)
    df = pd.DataFrame(
        {
            "ID risposta": [
                f"IT-{i:05d}" for i in rng.choice(np.arange(1, 90_000), n, replace=False)
            ],
            "Data compilazione": pd.Series(
                pd.Timestamp("2024-09-01") + pd.to_timedelta(rng.integers(0, 60, n), unit="D")
            ).dt.strftime("%Y-%m-%d"),
            "Soddisfazione": [("" if rng.random() < 0.04 else str(v)) for v in csat],
            "Area": [("" if rng.random() < 0.03 else a) for a in area],
            "Canale": _messy(rng, ["Negozio", "Online", "Telefono"], n),
            "Commento": _comments(rng, _IT_GOOD, _IT_BAD, csat >= 4, p_blank=0.45),
        }
    )
    (folder / "sondaggio_soddisfazione.csv").write_text(
        df.to_csv(sep=";", index=False), encoding="utf-8-sig"
    )
    # the client's own themes, coded by hand on a random sample of the comments
    said = df[df["Commento"].str.strip() != ""].sample(120, random_state=7)
    lowered = said["Commento"].str.strip().str.lower()
    staff = lowered.str.startswith(("personale gentile", "commessa scortese"))
    waiting = lowered.str.startswith(("ho aspettato", "il rimborso"))
    coded = pd.DataFrame(
        {
            "Commento": said["Commento"],
            "Temi": np.where(staff, "personale", np.where(waiting, "attesa", "")),
        }
    )
    (folder / "commenti_codificati.csv").write_text(
        coded.to_csv(sep=";", index=False), encoding="utf-8-sig"
    )
    return _write_yaml(
        folder / "report.yaml",
        {
            "client": "Negozi Esempio S.p.A.",
            "id": "zoo-csat-only",
            "period": "autunno 2024",
            "language": "it",
            "data": {
                "survey": {
                    "path": "sondaggio_soddisfazione.csv",
                    "columns": {
                        "ID risposta": "respondent_id",
                        "Soddisfazione": "csat",
                        "Area": "segment",
                    },
                },
                "coded": {
                    "path": "commenti_codificati.csv",
                    "columns": {"Commento": "comment", "Temi": "themes"},
                },
            },
            "survey": {
                "measures": {"csat": {"kind": "top_box", "scale": [1, 5], "top": 2}},
                "segments": ["segment"],
                "text": "Commento",
            },
            "labels": {"personale": {"it": "Personale"}, "attesa": {"it": "Attese"}},
        },
    )


def expected_csat_only(folder: Path) -> dict[str, pd.DataFrame]:
    df = pd.read_csv(
        Path(folder) / "sondaggio_soddisfazione.csv",
        sep=";",
        dtype=str,
        keep_default_na=False,
        encoding="utf-8-sig",
    )
    v = _numeric(df["Soddisfazione"])
    return {"scores": _scores([_share_row("csat", (v >= 4).astype(float), "top_box")])}


# == (e) binary_ratings =================================================================
_BG_REGIONS = ["София", "Пловдив", "Варна", "Бургас", "Русе"]
_BG_COMMENTS = (
    "Много доволен от обслужването.",
    "Служителите бяха любезни.",
    "Чаках твърде дълго на гишето.",
    "Сметката ми пристигна с грешка.",
    "Добро качество на връзката.",
)
RATINGS = [f"r{i:02d}" for i in range(1, 15)]


def make_binary_ratings(folder: Path) -> Path:
    """Survey only: ``satisfied`` 0/1 and 14 service ratings 1-5 with 0 = not applicable; bg."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240520)
    n, k = 1500, len(RATINGS)
    q = rng.normal(0, 1, n)
    level = rng.uniform(3.0, 4.2, k)
    r = np.clip(np.rint(level + 0.8 * q[:, None] + rng.normal(0, 0.8, (n, k))), 1, 5)
    weights = rng.uniform(0, 0.5, k)
    logit = -0.2 + ((r - 3.6) * weights).sum(axis=1) * 0.6
    satisfied = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    p_na = rng.uniform(0.03, 0.18, k)
    r[rng.random((n, k)) < p_na] = 0  # not applicable
    df = pd.DataFrame(
        {
            "respondent_id": [f"BG{i:05d}" for i in range(1, n + 1)],
            "region": _messy(rng, _BG_REGIONS, n, p_blank=0.04),
        }
    )
    df["satisfied"] = [("" if rng.random() < 0.01 else str(v)) for v in satisfied]
    for j, col in enumerate(RATINGS):
        df[col] = [("" if rng.random() < 0.01 else str(int(v))) for v in r[:, j]]
    df["comment"] = _comments(rng, _BG_COMMENTS[:3], _BG_COMMENTS[3:], satisfied == 1, p_blank=0.8)
    df.to_csv(folder / "anketa.csv", index=False)
    measures: dict[str, Any] = {"satisfied": {"kind": "binary"}}
    measures.update({c: {"kind": "mean", "scale": [1, 5]} for c in RATINGS})
    return _write_yaml(
        folder / "report.yaml",
        {
            "client": "Примерен Телеком АД",
            "id": "zoo-binary-ratings",
            "period": "2024",
            "language": "bg",
            "data": {"survey": "anketa.csv"},
            "survey": {
                "measures": measures,
                "outcome": "satisfied",
                "drivers": RATINGS,
                "driver_scale": [1, 5],
                "na_codes": [0],
                "segments": ["region"],
                "text": "comment",
            },
        },
    )


def expected_binary_ratings(folder: Path) -> dict[str, pd.DataFrame]:
    df = pd.read_csv(Path(folder) / "anketa.csv", dtype=str, keep_default_na=False)
    rows = [_share_row("satisfied", _numeric(df["satisfied"]), "binary")]
    rows += [_mean_row(c, _numeric(df[c], na_codes=[0])) for c in RATINGS]
    return {"scores": _scores(rows)}


# == (f) qualtrics ======================================================================
QUALTRICS_ITEMS = {
    "Q1_1": "Cât de mulțumit sunteți de următoarele? - Amabilitatea personalului",
    "Q1_2": "Cât de mulțumit sunteți de următoarele? - Timpul de așteptare",
    "Q1_3": "Cât de mulțumit sunteți de următoarele? - Claritatea facturii",
    "Q1_4": "Cât de mulțumit sunteți de următoarele? - Aplicația mobilă",
    "Q2": "În general, cât de mulțumit sunteți de serviciile noastre?",
    "Q3": "Cât de probabil este să rămâneți client în anul următor?",
}
_QUALTRICS_MEASURES: dict[str, dict[str, Any]] = {
    "Q1_1": {"kind": "top_box", "scale": [1, 5], "top": 2},
    "Q1_2": {"kind": "top_box", "scale": [1, 5], "top": 2},
    "Q1_3": {"kind": "top_box", "scale": [1, 5], "top": 2},
    "Q1_4": {"kind": "top_box", "scale": [1, 5], "top": 2, "na_codes": [99]},
    "Q2": {"kind": "mean", "scale": [1, 5]},
    "Q3": {"kind": "bottom_box", "scale": [1, 5], "bottom": 2},
}
#: Row 3 of a Qualtrics export names the built-in columns so.
QUALTRICS_IMPORT_IDS = {
    "StartDate": "startDate",
    "EndDate": "endDate",
    "Status": "status",
    "IPAddress": "ipAddress",
    "Progress": "progress",
    "Duration (in seconds)": "duration",
    "Finished": "finished",
    "RecordedDate": "recordedDate",
    "ResponseId": "_recordId",
    "RecipientLastName": "recipientLastName",
    "RecipientFirstName": "recipientFirstName",
    "RecipientEmail": "recipientEmail",
    "ExternalReference": "externalDataReference",
    "LocationLatitude": "locationLatitude",
    "LocationLongitude": "locationLongitude",
    "DistributionChannel": "distributionChannel",
    "UserLanguage": "userLanguage",
    "Q4": "QID4_TEXT",
}
_ID_CHARS = list("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
_RO_COMMENTS = (
    "Mulțumit de serviciu, dar factura e greu de înțeles.",
    "Aplicația se blochează des.",
    "Personal foarte amabil, felicitări!",
    "Am așteptat prea mult la telefon.",
)


def make_qualtrics(folder: Path) -> Path:
    """A Qualtrics CSV export (3 header rows), Likert items 1-5 with 99 = don't know; ro."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240902)
    n = 300
    start = pd.Timestamp("2024-09-02 08:00") + pd.to_timedelta(
        np.sort(rng.integers(0, 14 * 86400, n)), unit="s"
    )
    duration = rng.integers(60, 900, n)
    finished = rng.random(n) > 0.06
    progress = np.where(finished, 100, rng.integers(20, 90, n))
    q = rng.normal(0, 1, n)
    cols: dict[str, Any] = {
        "StartDate": _ts_text(start),
        "EndDate": _ts_text(start + pd.to_timedelta(duration, unit="s")),
        "Status": "IP Address",
        "IPAddress": "",
        "Progress": progress,
        "Duration (in seconds)": duration,
        "Finished": np.where(finished, "True", "False"),
        "RecordedDate": _ts_text(start + pd.to_timedelta(duration + 1, unit="s")),
        "ResponseId": ["R_" + "".join(rng.choice(_ID_CHARS, 15)) for _ in range(n)],
        "RecipientLastName": "",
        "RecipientFirstName": "",
        "RecipientEmail": "",
        "ExternalReference": "",
        "LocationLatitude": "",
        "LocationLongitude": "",
        "DistributionChannel": "anonymous",
        "UserLanguage": "RO",
    }
    for j, item in enumerate(QUALTRICS_ITEMS):
        v = np.clip(np.rint(3.3 + 0.25 * j + 0.9 * q + rng.normal(0, 0.9, n)), 1, 5).astype(int)
        cells = [str(x) for x in v]
        p_dk = 0.12 if item == "Q1_4" else 0.04
        cells = ["99" if rng.random() < p_dk else c for c in cells]
        unanswered = ~finished & (rng.random(n) < 0.15 * (j + 1))
        cols[item] = [("" if u else c) for c, u in zip(cells, unanswered, strict=True)]
    cols["Q4"] = _comments(rng, _RO_COMMENTS[2:], _RO_COMMENTS[:2], q > 0, p_blank=0.7)
    df = pd.DataFrame(cols)
    texts = {c: c for c in df.columns}
    texts.update(QUALTRICS_ITEMS)
    texts.update(
        {
            "Q4": "Aveți alte comentarii?",
            "Duration (in seconds)": "Duration (in seconds)",
            "ResponseId": "Response ID",
        }
    )
    import_ids = {
        c: json.dumps(
            {"ImportId": QUALTRICS_IMPORT_IDS.get(c, "QID" + c[1:])}, separators=(",", ":")
        )
        for c in df.columns
    }
    for c in ("StartDate", "EndDate", "RecordedDate"):
        import_ids[c] = json.dumps(
            {"ImportId": QUALTRICS_IMPORT_IDS[c], "timeZone": "Europe/Bucharest"},
            separators=(",", ":"),
        )
    head = pd.DataFrame([texts, import_ids])
    pd.concat([head, df.astype(str)], ignore_index=True).to_csv(
        folder / "qualtrics_export.csv", index=False
    )
    return _write_yaml(
        folder / "report.yaml",
        {
            "client": "Utilități Exemplu SA",
            "id": "zoo-qualtrics",
            "period": "septembrie 2024",
            "language": "ro",
            "data": {
                "survey": {
                    "path": "qualtrics_export.csv",
                    "columns": {"ResponseId": "respondent_id"},
                }
            },
            "survey": {"measures": _QUALTRICS_MEASURES, "na_codes": [99], "text": "Q4"},
        },
    )


def expected_qualtrics(folder: Path) -> dict[str, pd.DataFrame]:
    df = pd.read_csv(
        Path(folder) / "qualtrics_export.csv", skiprows=[1, 2], dtype=str, keep_default_na=False
    )
    rows = []
    for item, spec in _QUALTRICS_MEASURES.items():
        v = _numeric(df[item], na_codes=[99])
        if spec["kind"] == "top_box":
            rows.append(_share_row(item, (v >= 4).astype(float), "top_box"))
        elif spec["kind"] == "bottom_box":
            rows.append(_share_row(item, (v <= 2).astype(float), "bottom_box"))
        else:
            rows.append(_mean_row(item, v))
    return {"scores": _scores(rows)}


# == (g) events_crm =====================================================================
COMPACT4_IT = [
    ("awareness", "Consapevolezza"),
    ("consideration", "Considerazione"),
    ("decision", "Decisione"),
    ("loyalty", "Fedeltà"),
]
_CRM_COLUMNS = {"Codice Cliente": "customer_id", "Evento": "event", "Data Evento": "timestamp"}


def make_events_crm(folder: Path) -> Path:
    """Events named as the ``compact4`` stage ids (+ ``churned``) and a CRM; days; it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240401)
    n = 350
    ids = [f"CL-{i:06d}" for i in rng.choice(np.arange(1, 400_000), n, replace=False)]
    segment = rng.choice(["Privati", "PMI", "Grandi aziende"], size=n, p=[0.6, 0.3, 0.1])
    speed = pd.Series(segment).map({"Privati": 1.0, "PMI": 1.3, "Grandi aziende": 0.7}).to_numpy()
    stages = [s for s, _ in COMPACT4_IT]
    p_next = [0.7, 0.55, 0.5]
    rows = []
    for cid, sp in zip(ids, speed, strict=True):
        t = pd.Timestamp("2024-01-08 09:00") + pd.Timedelta(
            minutes=int(rng.integers(0, 200 * 1440))
        )
        for k in range(4):
            rows.append((cid, stages[k], t))
            for _ in range(int(rng.poisson(0.6))):  # repeated contacts in the stage
                rows.append((cid, stages[k], t + pd.Timedelta(hours=float(rng.uniform(1, 72)))))
            if rng.random() < 0.1:
                rows.append((cid, "churned", t + pd.Timedelta(days=float(rng.uniform(4, 30)))))
                break
            if k == 3 or rng.random() > min(p_next[k] * sp, 0.95):
                break
            t = t + pd.Timedelta(days=float(4 + rng.exponential(12 / sp)))
    ev = pd.DataFrame(rows, columns=["Codice Cliente", "Evento", "Data Evento"])
    ev["Canale"] = _messy(rng, ["Email", "Telefono", "Web", "Agenzia"], len(ev), p_blank=0.08)
    ev = ev.sort_values("Data Evento", kind="stable")
    ev["Data Evento"] = _ts_text(ev["Data Evento"]).to_numpy()
    ev.to_csv(folder / "eventi.csv", index=False)
    crm = pd.DataFrame(
        {
            "Codice Cliente": ids,
            "Segmento": segment,
            "Città": _messy(rng, ["Milano", "Roma", "Torino", "Napoli", "Bologna"], n, p_blank=0.1),
            "Data iscrizione": [
                (
                    ""
                    if rng.random() < 0.05
                    else (pd.Timestamp("2023-01-01") + pd.Timedelta(days=int(d))).strftime(
                        "%Y-%m-%d"
                    )
                )
                for d in rng.integers(0, 365, n)
            ],
            "Consenso marketing": rng.choice(["Sì", "No", ""], size=n, p=[0.6, 0.3, 0.1]),
        }
    ).sample(frac=1.0, random_state=5)
    (folder / "anagrafica_clienti.csv").write_text(
        crm.to_csv(sep=";", index=False), encoding="utf-8"
    )
    return _write_yaml(
        folder / "report.yaml",
        {
            "client": "Assicurazioni Esempio",
            "id": "zoo-events-crm",
            "period": "2024",
            "language": "it",
            "time_unit": "auto",
            "journey": "compact4",
            "data": {
                "events": {"path": "eventi.csv", "columns": _CRM_COLUMNS},
                "customers": {
                    "path": "anagrafica_clienti.csv",
                    "columns": {"Codice Cliente": "customer_id", "Segmento": "segment"},
                },
            },
            "segments": ["segment"],
        },
    )


def expected_events_crm(folder: Path) -> dict[str, pd.DataFrame]:
    raw = pd.read_csv(Path(folder) / "eventi.csv", dtype=str, keep_default_na=False)
    log = _log(raw, _CRM_COLUMNS)
    stages = [(s, lab, [s]) for s, lab in COMPACT4_IT]
    return {"funnel": funnel_table(log, stages, exits=["churned"])}


# == (h) sample =========================================================================
CLASSIC6_PT = {
    "awareness": "Conhecimento",
    "consideration": "Consideração",
    "decision": "Decisão",
    "purchase": "Compra",
    "loyalty": "Fidelização",
    "advocacy": "Recomendação",
}
_SAMPLE_MEASURES = {
    "nps": {"kind": "nps"},
    "csat": {"kind": "top_box", "scale": [1, 5], "top": 2},
    "ces": {"kind": "top_box", "scale": [1, 7], "top": 3},
    "overall_sat": {"kind": "mean", "scale": [1, 10]},
}


def make_sample(folder: Path) -> Path:
    """The committed sample (data/sample/*) with a Portuguese configuration."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("events.parquet", "customers.csv", "survey.csv", "journey.yaml"):
        shutil.copyfile(SAMPLE_DIR / name, folder / name)
    return _write_yaml(
        folder / "report.yaml",
        {
            "client": "Retalhista de exemplo",
            "id": "zoo-sample",
            "period": "2025",
            "language": "pt",
            "time_unit": "auto",
            "journey": "journey.yaml",
            "data": {
                "events": "events.parquet",
                "customers": "customers.csv",
                "survey": "survey.csv",
            },
            "segments": ["segment"],
            "survey": {
                "measures": _SAMPLE_MEASURES,
                "outcome": "overall_sat",
                "drivers": [
                    "rating_website",
                    "rating_checkout",
                    "rating_delivery",
                    "rating_support",
                    "rating_price",
                ],
                "driver_scale": [1, 5],
                "segments": ["segment"],
                "wave": "wave",
                "design": {"weights": "weight", "strata": "stratum", "cluster": "psu"},
                "scale_items": ["trust_1", "trust_2", "trust_3", "trust_4"],
                "text": "comment",
            },
        },
    )


def expected_sample(folder: Path) -> dict[str, pd.DataFrame]:
    folder = Path(folder)
    journey = yaml.safe_load((folder / "journey.yaml").read_text(encoding="utf-8"))
    stages = [(s["id"], CLASSIC6_PT[s["id"]], s.get("events", [])) for s in journey["stages"]]
    touch = [e for s in journey["stages"] for e in s.get("touchpoints", [])]
    exits = [e for x in journey["exits"] for e in x["events"]]
    log = _log(pd.read_parquet(folder / "events.parquet"), {})
    funnel = funnel_table(
        log, stages, exits, touchpoints=touch, ignore=journey.get("ignore_events", [])
    )
    sv = pd.read_csv(folder / "survey.csv", dtype=str, keep_default_na=False)
    w = pd.to_numeric(sv["weight"])
    rows = []
    for measure, spec in _SAMPLE_MEASURES.items():
        v = _numeric(sv[measure])
        if spec["kind"] == "nps":
            x = np.select([v >= 9, v >= 7], [100.0, 0.0], -100.0)
        elif spec["kind"] == "top_box":
            x = (v > spec["scale"][1] - spec["top"]).astype(float).to_numpy()
        else:
            x = v.to_numpy()
        ww = w[v.index].to_numpy()
        rows.append(
            {
                "measure": measure,
                "kind": spec["kind"],
                "n": len(v),
                "estimate": float((ww * x).sum() / ww.sum()),
                "se": np.nan,
                "ci_low": np.nan,
                "ci_high": np.nan,
            }
        )
    return {
        "funnel": funnel,
        "scores": _scores(rows, "weighted (design weights): compare n and estimate only"),
    }


MAKERS = {s: globals()[f"make_{s}"] for s in SHAPES}
EXPECTED = {s: globals()[f"expected_{s}"] for s in SHAPES}
