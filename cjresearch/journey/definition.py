"""The journey definition: a client's stages, their events, exits and observation end.

A journey definition is a small YAML file written by the researcher::

    name: Sample retailer
    preset: classic6            # stage ids, order and labels from a preset
    stages:
      - id: awareness
        events: [ad_click, "social_*"]      # events that place a customer here
        touchpoints: [newsletter_open]      # events seen in this stage that do not
      - id: consideration                   #   move the customer
        events: [product_view]
      ...
    exits:
      - id: churned
        events: [account_closed]
    ignore_events: ["debug_*"]              # known events that are left out
    observation_end: 2025-06-30             # or "last_event" (the default)

Event names are matched exactly or with shell-style patterns (``*``, ``?``,
``[abc]``).  No stage name is built into the package: stages come from the
definition, or from a preset shipped as YAML in ``cjresearch/journey/presets``.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from cjresearch.core.errors import JourneyDefinitionError
from cjresearch.core.i18n import FALLBACK, LANGUAGES  # the report languages presets speak
from cjresearch.core.paths import PRESETS_DIR

__all__ = [
    "LANGUAGES",
    "EventRoles",
    "Exit",
    "Journey",
    "Stage",
    "list_presets",
    "load_journey",
]


_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {
    "name",
    "preset",
    "languages",
    "stages",
    "exits",
    "ignore_events",
    "observation_end",
    "description",
}
_STAGE_KEYS = {"id", "label", "events", "touchpoints", "description"}
_EXIT_KEYS = {"id", "label", "events", "description"}


@dataclass(frozen=True)
class Stage:
    """One stage of the journey, in order (``index`` 0 is the first)."""

    id: str
    index: int
    labels: Mapping[str, str]
    events: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exit:
    """An exit state (churned, lost, ...) that ends a customer's journey."""

    id: str
    labels: Mapping[str, str]
    events: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventRoles:
    """How each distinct event name of a log maps onto the journey.

    ``table`` has one row per known event with columns ``event``, ``role``
    (``"stage"``, ``"touchpoint"``, ``"exit"``), ``state`` (stage or exit id),
    ``stage_index`` (for stage events and touchpoints; -1 for exits) and
    ``code`` (a small integer id used by the event engine).  ``unknown`` and
    ``ignored`` list event names that matched nothing or an ``ignore_events``
    pattern.
    """

    table: pd.DataFrame
    unknown: tuple[str, ...]
    ignored: tuple[str, ...]


@dataclass(frozen=True)
class Journey:
    """A validated journey definition.  Build it with :func:`load_journey`.

    Examples
    --------
    >>> j = load_journey("classic6")
    >>> j.stage_ids
    ('awareness', 'consideration', 'decision', 'purchase', 'loyalty', 'advocacy')
    >>> j.label("purchase", "ro")
    'Achiziție'
    """

    name: str
    stages: tuple[Stage, ...]
    exits: tuple[Exit, ...] = ()
    languages: tuple[str, ...] = ("en",)
    ignore_events: tuple[str, ...] = ()
    observation_end: pd.Timestamp | None = None
    source: str = "<journey>"
    preset: str | None = None
    _by_id: dict[str, Stage | Exit] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Stage | Exit] = {s.id: s for s in self.stages}
        by_id.update({e.id: e for e in self.exits})
        object.__setattr__(self, "_by_id", by_id)

    # -- look-ups ---------------------------------------------------------
    @property
    def stage_ids(self) -> tuple[str, ...]:
        """Stage ids in journey order."""
        return tuple(s.id for s in self.stages)

    @property
    def exit_ids(self) -> tuple[str, ...]:
        """Exit-state ids in definition order."""
        return tuple(e.id for e in self.exits)

    def stage_index(self, stage_id: str) -> int:
        """Position of ``stage_id`` in the journey (0-based)."""
        for s in self.stages:
            if s.id == stage_id:
                return s.index
        raise JourneyDefinitionError(
            f"unknown stage '{stage_id}'",
            source=self.source,
            fix=f"use one of {', '.join(self.stage_ids)}{_did_you_mean(stage_id, self.stage_ids)}",
        )

    def label(self, state_id: str, language: str = "en") -> str:
        """The label of a stage or exit state in ``language``.

        Falls back to the language's stand-in (``pt`` for ``pt-BR``), to English, then
        to the id, when a label is missing.
        """
        state = self._by_id.get(state_id)
        if state is None:
            raise JourneyDefinitionError(
                f"unknown stage or exit '{state_id}'",
                source=self.source,
                fix="use one of "
                + ", ".join(self._by_id)
                + _did_you_mean(state_id, list(self._by_id)),
            )
        own = _own_label(state.labels, language)
        return own or state.labels.get("en") or state_id

    def missing_labels(self, language: str) -> list[str]:
        """Ids of the stages and exits without a label in ``language`` (they show the
        English label, or the id).

        Examples
        --------
        >>> j = load_journey({"name": "t", "stages": [
        ...     {"id": "a", "events": ["x"], "label": {"en": "Seen", "ro": "Văzut"}},
        ...     {"id": "b", "events": ["y"], "label": {"en": "Bought"}}]})
        >>> j.missing_labels("ro"), j.missing_labels("en")
        (['b'], [])
        """
        return [k for k, state in self._by_id.items() if not _own_label(state.labels, language)]

    def labels(self, language: str = "en") -> dict[str, str]:
        """``{id: label}`` for all stages and exits, in journey order."""
        return {k: self.label(k, language) for k in self._by_id}

    def stage_dtype(self) -> pd.CategoricalDtype:
        """An ordered categorical dtype of the stage ids."""
        return pd.CategoricalDtype(list(self.stage_ids), ordered=True)

    # -- events -------------------------------------------------------------
    def classify_events(self, events: Iterable[str]) -> EventRoles:
        """Map distinct event names onto stages, touchpoints and exits.

        Raises :class:`JourneyDefinitionError` when one event matches the
        patterns of two different states (the definition is ambiguous).

        Examples
        --------
        >>> j = load_journey({"name": "t", "stages": [
        ...     {"id": "seen", "events": ["ad_*"]},
        ...     {"id": "bought", "events": ["order"], "touchpoints": ["checkout_error"]}],
        ...     "exits": [{"id": "churned", "events": ["cancel"]}]})
        >>> roles = j.classify_events(["ad_view", "order", "cancel", "checkout_error", "x"])
        >>> roles.table[["event", "role", "state"]].values.tolist()
        [['ad_view', 'stage', 'seen'], ['order', 'stage', 'bought'], ['checkout_error', 'touchpoint', 'bought'], ['cancel', 'exit', 'churned']]
        >>> roles.unknown
        ('x',)
        """
        rules: list[tuple[str, str, int, str]] = []  # (pattern, role, stage_index, state)
        for s in self.stages:
            rules += [(p, "stage", s.index, s.id) for p in s.events]
            rules += [(p, "touchpoint", s.index, s.id) for p in s.touchpoints]
        rules += [(p, "exit", -1, e.id) for e in self.exits for p in e.events]

        rows, unknown, ignored = [], [], []
        for name in sorted({str(e) for e in events}):
            hits = {(role, idx, state) for p, role, idx, state in rules if _match(name, p)}
            if len(hits) > 1:
                where = " and ".join(sorted(f"{r} '{st}'" for r, _, st in hits))
                raise JourneyDefinitionError(
                    f"event '{name}' matches the patterns of {where}",
                    source=self.source,
                    fix="make the patterns exclusive so that each event belongs to one state",
                )
            if hits:
                role, idx, state = hits.pop()
                rows.append((name, role, state, idx))
            elif any(_match(name, p) for p in self.ignore_events):
                ignored.append(name)
            else:
                unknown.append(name)
        order = {"stage": 0, "touchpoint": 1, "exit": 2}
        rows.sort(key=lambda r: (r[3] if r[3] >= 0 else 10**6, order[r[1]], r[0]))
        table = pd.DataFrame(rows, columns=["event", "role", "state", "stage_index"])
        table["stage_index"] = table["stage_index"].astype("int64")
        table["code"] = range(len(table))
        return EventRoles(table=table, unknown=tuple(unknown), ignored=tuple(ignored))

    def to_dict(self) -> dict[str, Any]:
        """The definition as plain data (round-trips through :func:`load_journey`)."""
        out: dict[str, Any] = {
            "name": self.name,
            "languages": list(self.languages),
            "stages": [
                {
                    "id": s.id,
                    "label": dict(s.labels),
                    "events": list(s.events),
                    "touchpoints": list(s.touchpoints),
                }
                for s in self.stages
            ],
            "exits": [
                {"id": e.id, "label": dict(e.labels), "events": list(e.events)} for e in self.exits
            ],
            "ignore_events": list(self.ignore_events),
        }
        out["observation_end"] = (
            self.observation_end.isoformat() if self.observation_end is not None else "last_event"
        )
        return out


def _match(name: str, pattern: str) -> bool:
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(name, pattern)
    return name == pattern


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def list_presets() -> list[str]:
    """Names of the shipped stage-model presets.

    Examples
    --------
    >>> list_presets()
    ['classic6', 'compact4', 'research5', 'retention5']
    """
    return sorted(p.stem for p in PRESETS_DIR.glob("*.yaml"))


def _read_yaml(path: Path) -> Any:
    if not path.exists():
        raise JourneyDefinitionError(
            "file not found",
            source=str(path),
            fix=f"check the path, or name a preset: {', '.join(list_presets())}",
        )
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        raise JourneyDefinitionError(
            f"not valid YAML{line}: {getattr(exc, 'problem', exc)}",
            source=str(path),
            fix="check indentation and quoting (patterns with * need quotes)",
        ) from None


def load_journey(definition: str | Path | Mapping[str, Any]) -> Journey:
    """Load and validate a journey definition.

    Parameters
    ----------
    definition : str, Path or mapping
        A path to a YAML file, the name of a preset (see :func:`list_presets`),
        or the definition as a dict.

    Returns
    -------
    Journey

    Raises
    ------
    JourneyDefinitionError
        When the definition is invalid; the message names the key and the fix.

    Examples
    --------
    >>> from cjresearch.core.paths import SAMPLE_DIR
    >>> j = load_journey(SAMPLE_DIR / "journey.yaml")
    >>> j.stage_ids[0], len(j.stages)
    ('awareness', 6)
    >>> load_journey({"stages": [{"id": "a", "events": ["x"]}, {"id": "a", "events": ["y"]}]})
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.JourneyDefinitionError: <journey>: stage id 'a' is used twice. Fix: give every stage and exit its own id.
    """
    source = "<journey>"
    if isinstance(definition, Mapping):
        raw: Any = dict(definition)
    else:
        text = str(definition)
        if isinstance(definition, str) and text in list_presets():
            raw = {"preset": text}
        else:
            path = Path(definition)
            source = path.name
            raw = _read_yaml(path)
    if not isinstance(raw, Mapping):
        raise JourneyDefinitionError(
            "the definition must be a mapping of keys to values",
            source=source,
            fix="start the file with 'name:' and 'stages:'",
        )
    return _build(dict(raw), source)


def _check_keys(raw: Mapping[str, Any], allowed: set[str], where: str, source: str) -> None:
    for key in raw:
        if key not in allowed:
            raise JourneyDefinitionError(
                f"unknown key '{key}' in {where}",
                source=source,
                fix=f"allowed keys are {', '.join(sorted(allowed))}"
                + _did_you_mean(str(key), allowed),
            )


def _as_patterns(value: Any, where: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise JourneyDefinitionError(
            f"{where} must be a list of event names or patterns",
            source=source,
            fix="write it as [name_a, name_b, 'prefix_*']",
        )
    return tuple(str(v) for v in value)


def _own_label(labels: Mapping[str, str], language: str) -> str | None:
    """The label in ``language`` or in its stand-in (``pt`` for ``pt-BR``)."""
    out = labels.get(language)
    while not out and language in FALLBACK:
        language = FALLBACK[language]
        out = labels.get(language)
    return out


def _labels(value: Any, state_id: str, source: str) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"en": value}
    if not isinstance(value, Mapping):
        raise JourneyDefinitionError(
            f"label of '{state_id}' must be a text or a mapping language -> text",
            source=source,
            fix="write it as {en: Purchase, ro: Achiziție}",
        )
    return {str(k): str(v) for k, v in value.items()}


def _build(raw: dict[str, Any], source: str) -> Journey:
    _check_keys(raw, _TOP_KEYS, "the journey definition", source)
    preset_name = raw.get("preset")
    preset: dict[str, Any] = {}
    if preset_name is not None:
        if preset_name not in list_presets():
            raise JourneyDefinitionError(
                f"unknown preset '{preset_name}'",
                source=source,
                fix=f"use one of {', '.join(list_presets())}"
                + _did_you_mean(str(preset_name), list_presets()),
            )
        preset = yaml.safe_load((PRESETS_DIR / f"{preset_name}.yaml").read_text("utf-8"))

    stages_raw = raw.get("stages", preset.get("stages"))
    if not stages_raw or not isinstance(stages_raw, list):
        raise JourneyDefinitionError(
            "no stages defined", source=source, fix="add a 'stages:' list, or name a 'preset:'"
        )
    preset_stages = {s["id"]: s for s in preset.get("stages", [])}
    if preset and raw.get("stages") is not None:
        ids = [s.get("id") if isinstance(s, Mapping) else None for s in stages_raw]
        if ids != list(preset_stages):
            raise JourneyDefinitionError(
                f"stages {ids} do not follow preset '{preset_name}' ({list(preset_stages)})",
                source=source,
                fix="list the preset's stages in its order, or drop 'preset:' and define your own",
            )

    seen: set[str] = set()

    def check_id(sid: Any, kind: str) -> str:
        if not isinstance(sid, str) or not _ID_RE.match(sid):
            raise JourneyDefinitionError(
                f"{kind} id {sid!r} is not a valid id",
                source=source,
                fix="use lower-case letters, digits and _ (e.g. 'purchase'); put display "
                "names under 'label:'",
            )
        if sid in seen:
            raise JourneyDefinitionError(
                f"{kind} id '{sid}' is used twice",
                source=source,
                fix="give every stage and exit its own id",
            )
        seen.add(sid)
        return sid

    def entries(
        items: list[Any], kind: str, keys: set[str], from_preset: Mapping[str, Any], example: str
    ) -> Iterator[tuple[int, str, dict[str, str], Mapping[str, Any]]]:
        """Check each stage or exit entry; yield its position, id, labels and raw entry."""
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise JourneyDefinitionError(
                    f"{kind} {i + 1} must be a mapping with an 'id'",
                    source=source,
                    fix=f"write '- id: {example}'",
                )
            _check_keys(item, keys, f"{kind} {i + 1}", source)
            sid = check_id(item.get("id"), kind)
            labels = {
                **_labels(from_preset.get(sid, {}).get("label"), sid, source),
                **_labels(item.get("label"), sid, source),
            }
            yield i, sid, labels, item

    stages = [
        Stage(
            id=sid,
            index=i,
            labels=labels,
            events=_as_patterns(s.get("events"), f"events of stage '{sid}'", source),
            touchpoints=_as_patterns(s.get("touchpoints"), f"touchpoints of stage '{sid}'", source),
        )
        for i, sid, labels, s in entries(
            stages_raw, "stage", _STAGE_KEYS, preset_stages, "awareness"
        )
    ]

    preset_exits = {e["id"]: e for e in preset.get("exits", [])}
    exits_raw = raw.get("exits", preset.get("exits", [])) or []
    if not isinstance(exits_raw, list):
        raise JourneyDefinitionError(
            "'exits' must be a list",
            source=source,
            fix="write '- id: churned' entries under 'exits:'",
        )
    exits = [
        Exit(
            id=eid,
            labels=labels,
            events=_as_patterns(e.get("events"), f"events of exit '{eid}'", source),
        )
        for _, eid, labels, e in entries(exits_raw, "exit", _EXIT_KEYS, preset_exits, "churned")
    ]

    declared = raw.get("languages", preset.get("languages"))
    languages_raw = declared if declared is not None else ["en"]
    if isinstance(languages_raw, str):
        languages_raw = [languages_raw]
    languages = tuple(str(x) for x in languages_raw)
    # labels are required in every declared language; without a declaration the
    # ids stand in for missing labels
    states: list[Stage | Exit] = [*stages, *exits] if declared is not None else []
    for state in states:
        missing = [lang for lang in languages if not _own_label(state.labels, lang)]
        if missing:
            raise JourneyDefinitionError(
                f"'{state.id}' has no label in {', '.join(missing)}",
                source=source,
                fix=f"add them under 'label:' of '{state.id}', or remove the languages "
                "from 'languages:'",
            )

    end_raw = raw.get("observation_end", "last_event")
    observation_end: pd.Timestamp | None = None
    if end_raw not in (None, "last_event"):
        try:
            observation_end = pd.Timestamp(end_raw)
        except (ValueError, TypeError):
            raise JourneyDefinitionError(
                f"observation_end {end_raw!r} is not a date",
                source=source,
                fix="write a date such as 2025-06-30, or 'last_event'",
            ) from None
        if observation_end.tzinfo is not None:
            observation_end = observation_end.tz_convert("UTC").tz_localize(None)

    return Journey(
        name=str(raw.get("name", preset.get("name", "journey"))),
        stages=tuple(stages),
        exits=tuple(exits),
        languages=languages,
        ignore_events=_as_patterns(raw.get("ignore_events"), "ignore_events", source),
        observation_end=observation_end,
        source=source,
        preset=preset_name,
    )
