"""The report configuration: one schema describing any client's data.

A report configuration is a small YAML file (see the README's table of keys,
which a test keeps in step with this schema)::

    client: Loja Exemplo
    language: pt
    time_unit: auto                # minutes, hours, days, weeks or auto
    journey: journey.yaml          # a file, a preset name or a mapping
    data:
      events:
        path: orders.csv
        columns: {order_id: customer_id, status: event, status_time: timestamp}
        after_exit: exclude
      survey: reviews.csv
    survey:
      measures:
        review_score: {kind: mean, scale: [1, 5]}

Every input is optional: a report builds from whatever evidence the client
has, and each section says what could not be measured.  The schema is kept in
pydantic models; :func:`parse_spec` turns pydantic's errors into one
:class:`~cjresearch.core.errors.DataValidationError` naming the key, what was
found, and a did-you-mean for unknown keys.

Examples
--------
>>> spec = parse_spec({"client": "X", "data": {"survey": "s.csv"}})
>>> spec.data.survey.path, spec.time_unit, spec.data.events is None
('s.csv', 'auto', True)
>>> parse_spec({"client": "X", "time_unit": "day"})
Traceback (most recent call last):
...
cjresearch.core.errors.DataValidationError: <config>: time_unit: 'day' is not allowed (did you mean \
'days'?). Fix: use one of minutes, hours, days, weeks, auto.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cjresearch.core.errors import DataValidationError

__all__ = [
    "DEFAULT_SECTIONS",
    "DataSpec",
    "EventsInput",
    "FunnelSpec",
    "MeasureSpec",
    "ReportSpec",
    "SectionSpec",
    "SurveySpec",
    "TableInput",
    "config_keys",
    "parse_spec",
]

DEFAULT_SECTIONS = ("overview", "survey", "progression", "painpoints")
TimeUnit = Literal["minutes", "hours", "days", "weeks", "auto"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TableInput(_Strict):
    """A file: its path and the client's column names."""

    path: str = Field(description="the file, relative to the configuration")
    columns: dict[str, str] = Field(
        default_factory=dict, description="{name in the file: canonical name}"
    )

    @field_validator("path")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the path is empty: name the file, or leave the key out")
        return value


class EventsInput(TableInput):
    """The event log and how to treat rows the journey cannot use."""

    unknown_events: Literal["error", "exclude"] = Field(
        default="error", description="events the journey does not name"
    )
    late_events: Literal["error", "exclude"] = Field(
        default="error", description="events after the observation end, far-future rows"
    )
    after_exit: Literal["exclude", "error", "keep"] = Field(
        default="exclude", description="events after a customer's exit"
    )
    duplicates: Literal["collapse", "error"] = Field(
        default="collapse", description="exactly repeated event rows"
    )


class DataSpec(_Strict):
    """The client's files; every one is optional."""

    events: EventsInput | None = None
    customers: TableInput | None = None
    survey: TableInput | None = None
    coded: TableInput | None = Field(
        default=None,
        description="comments coded by hand for this study, to learn its themes from: "
        "columns comment, themes (;-separated), language (optional)",
    )

    @field_validator("events", "customers", "survey", "coded", mode="before")
    @classmethod
    def _path_only(cls, value: Any) -> Any:
        return {"path": value} if isinstance(value, str) else value


class MeasureSpec(_Strict):
    """One survey score: its kind, scale and the codes that are no answer."""

    kind: Literal["nps", "top_box", "bottom_box", "mean", "binary"]
    column: str | None = Field(default=None, description="default: the measure's name")
    scale: tuple[float, float] | None = None
    top: int | None = Field(default=None, description="boxes counted as the top box")
    bottom: int | None = Field(default=None, description="boxes counted as the bottom box")
    na_codes: list[float] = Field(
        default_factory=list, description="codes meaning not applicable / don't know"
    )
    higher_is_better: bool = True


class SurveySpec(_Strict):
    """How to read and analyse the survey."""

    measures: dict[str, MeasureSpec] = Field(
        default_factory=dict, description="name -> measure; default: inferred from the data"
    )
    outcome: str | None = Field(default=None, description="the key-driver outcome")
    drivers: list[str] = Field(default_factory=list, description="rating columns")
    driver_scale: tuple[float, float] | None = None
    na_codes: list[float] = Field(
        default_factory=list, description="not-applicable codes of the drivers"
    )
    segments: list[str] = Field(default_factory=list, description="columns to break scores by")
    wave: str | None = None
    design: dict[Literal["weights", "strata", "cluster"], str] = Field(default_factory=dict)
    scale_items: list[str] = Field(default_factory=list, description="items of one scale")
    text: str | None = Field(default=None, description="the verbatim column")
    theme_model: Literal["words", "sentences"] = Field(
        default="words",
        description="what learns the themes of data.coded: words (TF-IDF, the coded "
        "languages) or sentences (a multilingual sentence model, all languages; "
        "needs cjresearch[embeddings])",
    )


class FunnelSpec(_Strict):
    """Which funnel the report shows."""

    definition: Literal["reached", "strict"] = "reached"
    window: float | None = Field(default=None, description="strict funnel window, in time_unit")


class SectionSpec(_Strict):
    """A section with its own parameters."""

    notebook: str
    parameters: dict[str, Any] = Field(default_factory=dict)


class ReportSpec(_Strict):
    """A whole report configuration."""

    client: str
    id: str | None = None
    title: str | None = None
    period: str = ""
    language: str = "en"
    currency: str = Field(
        default="EUR", description="ISO 4217 code of money in the report (customer value)"
    )
    time_unit: TimeUnit = "auto"
    horizons: list[float] | None = None
    min_base: int = Field(default=30, ge=0)
    journey: str | dict[str, Any] | None = None
    data: DataSpec = Field(default_factory=DataSpec)
    segments: list[str] = Field(
        default_factory=list, description="customer columns to break results by"
    )
    funnel: FunnelSpec = Field(default_factory=FunnelSpec)
    survey: SurveySpec = Field(default_factory=SurveySpec)
    sections: list[str | SectionSpec] = Field(
        default_factory=lambda: list[str | SectionSpec](DEFAULT_SECTIONS)
    )
    labels: dict[str, str | dict[str, str]] = Field(
        default_factory=dict,
        description="names of the client's ids in the report (touchpoints, rating columns, "
        "segment values): {id: label} or {id: {language: label}}",
    )

    @field_validator("labels")
    @classmethod
    def _labels(cls, value: dict[str, Any]) -> dict[str, Any]:
        from cjresearch.core.i18n import LANGUAGES

        for key, label in value.items():
            if isinstance(label, dict):
                odd = sorted(set(label) - set(LANGUAGES))
                if odd:
                    raise ValueError(
                        f"labels of '{key}': {odd} are not report languages "
                        f"({', '.join(LANGUAGES)})"
                    )
        return value

    def label_of(self, ident: str) -> str | None:
        """The label of ``ident`` in this report's language (from ``labels``), or None."""
        from cjresearch.core.i18n import pick

        given = self.labels.get(str(ident))
        if isinstance(given, str) or given is None:
            return given
        try:
            return pick(given, self.language)
        except KeyError:  # not given in this language
            return None

    @field_validator("client")
    @classmethod
    def _client(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        from babel.numbers import list_currencies

        code = value.strip().upper()
        if code not in list_currencies():
            raise ValueError(f"'{value}' is not an ISO 4217 currency code (e.g. EUR, RON, PLN)")
        return code

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: Any) -> Any:
        return "" if value is None else str(value)


def _model_of(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model that holds the key at ``loc`` (for did-you-mean on unknown keys)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or not isinstance(part, str) or part not in current.model_fields:
            return current if isinstance(part, str) else None
        annotation = current.model_fields[part].annotation
        current = next(
            (a for a in _flat(annotation) if isinstance(a, type) and issubclass(a, BaseModel)), None
        )
    return current


def _flat(annotation: Any) -> list[Any]:
    args = typing.get_args(annotation)
    return [x for a in args for x in _flat(a)] if args else [annotation]


def _message(err: Mapping[str, Any], model: type[BaseModel]) -> tuple[str, str]:
    loc = tuple(
        p
        for p in err["loc"]
        if not (isinstance(p, str) and p in ("str", "SectionSpec", "function-before"))
    )
    where = ".".join(str(p) for p in loc) or "the configuration"
    kind = err["type"]
    if kind == "extra_forbidden":
        holder = _model_of(model, loc[:-1])
        allowed = sorted(holder.model_fields) if holder else []
        key = str(loc[-1])
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f" (did you mean '{key}' -> '{close[0]}'?)" if close else ""
        parent = ".".join(str(p) for p in loc[:-1]) or "the report configuration"
        return (f"unknown key '{key}' in {parent}{hint}", f"use only {', '.join(allowed)}")
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        found = err.get("input")
        close = difflib.get_close_matches(str(found), options, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{where}: {found!r} is not allowed{hint}", f"use one of {', '.join(options)}"
    if kind == "missing":
        return f"'{where}' is missing", f"add '{where}: ...'"
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{where}: {msg} (found {err.get('input')!r})", ""


def parse_spec(raw: Any, *, source: str = "<config>") -> ReportSpec:
    """Validate a raw configuration mapping against the schema.

    Parameters
    ----------
    raw : mapping
        The YAML content.
    source : str
        The file name used in error messages.

    Returns
    -------
    ReportSpec

    Raises
    ------
    DataValidationError
        Naming the first wrong key, what was found and the fix.
    """
    if not isinstance(raw, Mapping):
        raise DataValidationError(
            "the report configuration must be a mapping of keys to values", source=source
        )
    raw = dict(raw)
    data = raw.get("data")
    if isinstance(data, Mapping) and "journey" in data:  # the older place of the journey
        if raw.get("journey") is not None:
            raise DataValidationError(
                "the journey is given twice ('journey' and 'data.journey')",
                source=source,
                fix="keep only 'journey:'",
            )
        data = dict(data)
        raw["journey"] = data.pop("journey")
        raw["data"] = data
    try:
        return ReportSpec.model_validate(raw)
    except ValidationError as exc:
        # unknown keys first: the likeliest typo explains the other errors
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        problem, fix = _message(errors[0], ReportSpec)
        more = len(errors) - 1
        if more:
            problem += f" (and {more} more problem{'s' if more > 1 else ''})"
        raise DataValidationError(problem, source=source, fix=fix or None) from None


def config_keys(model: type[BaseModel] = ReportSpec, prefix: str = "") -> list[str]:
    """Every key of the schema as a dotted path (``data.events.columns``, ...).

    Measures are listed as ``survey.measures.<name>.<key>``.

    Examples
    --------
    >>> "data.events.after_exit" in config_keys()
    True
    """
    keys: list[str] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        keys.append(path)
        inner = path + (".<name>." if typing.get_origin(field.annotation) is dict else ".")
        for sub in _flat(field.annotation):
            if isinstance(sub, type) and issubclass(sub, BaseModel) and sub is not SectionSpec:
                keys.extend(config_keys(sub, inner))
    return list(dict.fromkeys(keys))
