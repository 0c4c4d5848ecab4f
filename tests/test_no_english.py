"""No English in a report written in another language (issue #12), every section.

The sample report is built in each non-English language and the text a client
reads (the page without its scripts and styles) is searched for English:

* every English text of ``i18n.yaml`` and the narrative that differs from the
  language's own (whole texts, then their longer phrases);
* English words: those of the English texts that the language's texts never use
  (so that "test", "Cox" or "NPS", the same in both, are not counted).

What the client's data brings is left out before searching: respondents' quotes
and comments (their own languages), the client's name, and the names the data
uses (event names, column names, segment and wave values, also with their
underscores read as spaces, as the journey map writes them) -- taken from the
inputs, not from the page.  So is names of methods (Kaplan-Meier, Aalen-Johansen...), and the
provenance record's technical part: file
names, the parameters each notebook ran with (configuration keys) and its other
``<code>`` (the narrative's ``<code>`` is searched).  Table headers must never be a raw result column name.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import yaml

from cjresearch.core import i18n
from cjresearch.core.columns import VOCABULARY
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.report import narrative as nar
from cjresearch.report.runner import build_report

LANGUAGES = [lang for lang in i18n.LANGUAGES if lang != "en"]
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# names of methods and their authors, the same in every language
_PROPER_NAMES = re.compile(
    r"\b(?:Aalen-Johansen|Kaplan-Meier|Fine-Gray|Cox|Holm|Cronbach|Feldt|Kish|Poisson|Wilson|"
    r"Likert|LMG|NPS|CSAT|CES|CRM|IBAN|simplemma)\b"
)
_FILE = re.compile(r"[\w./…-]*\.(?:ipynb|parquet|csv|ya?ml|json|pkl|xlsx|sav)\b")


class _Visible(HTMLParser):
    """Text a reader sees, without scripts, styles and respondents' quotes."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []
        self.headers: list[str] = []
        self._th = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        self._th = tag == "th"
        self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        self._th = False
        self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)
            if self._th and data.strip():
                self.headers.append(data.strip())


def _texts(language: str) -> list[str]:
    out = []
    for entry in (*i18n.TEXTS.values(), *i18n.COLUMNS.values()):
        out.append(i18n.pick(entry, language))
    for codes in i18n.VALUES.values():
        out += [i18n.pick(e, language) for e in codes.values()]
    out += [nar.narrative(k, language) for k in nar._catalog("en")]
    return out


def _english_texts(language: str) -> tuple[list[str], set[str]]:
    """English texts that differ from ``language``'s, and the English-only words."""
    english, own = _texts("en"), _texts(language)
    theirs = {w.lower() for t in own for w in _WORD.findall(t)}
    words = {
        w.lower()
        for t in english
        for w in _WORD.findall(re.sub(r"{\w+}", " ", t))
        if len(w) > 1 and w.lower() not in theirs
    }
    phrases = []
    for en, mine in zip(english, own, strict=True):
        if en == mine:
            continue
        for part in re.split(r"{\w+}|[.:;()\n*#`]", en):
            part = part.strip()
            if len(part) >= 12 and " " in part and part not in " ".join(own):
                phrases.append(part)
    return phrases, words


def _data_names() -> set[str]:
    """Names the client's data brings: events, columns, segment and wave values."""
    names: set[str] = set()
    journey = yaml.safe_load((SAMPLE_DIR / "journey.yaml").read_text(encoding="utf-8"))
    for state in [*journey["stages"], *journey.get("exits", [])]:
        names |= set(state.get("events", [])) | set(state.get("touchpoints", []))
        names.add(state["id"]) if state in journey.get("exits", []) else None
    for name in ("customers.csv", "survey.csv"):
        frame = pd.read_csv(SAMPLE_DIR / name, nrows=2000)
        names |= set(frame.columns)
        for col in ("segment", "wave", "stratum"):
            if col in frame.columns:
                names |= {str(v) for v in frame[col].dropna().unique()}
    return {m for n in names if n for m in (n, n.replace("_", " "))}


def _quotes(page: str, language: str) -> list[str]:
    """The respondents' comments the page shows (in their own languages; redacted, the
    placeholders in the report's)."""
    from cjresearch.report.tabletext import redacted_words
    from cjresearch.survey.text import redact

    survey = pd.read_csv(SAMPLE_DIR / "survey.csv")
    said = [str(c) for c in survey["comment"].dropna()]
    comments = {html.escape(c) for c in said}
    comments |= {html.escape(redacted_words(redact(c), language)) for c in said}
    return [c for c in comments if c in page]


def visible_english(page: str, language: str, *, client: str) -> list[str]:
    """English the client would read on ``page`` (a report in ``language``)."""
    for quote in sorted(_quotes(page, language), key=len, reverse=True):
        page = page.replace(quote, " ")
    body, sep, footer = page.partition('<footer class="cjr-provenance"')
    footer = re.sub(r'<table class="cjr-params">.*?</table>', " ", footer, flags=re.DOTALL)
    page = body + sep + re.sub(r"<code>.*?</code>", " ", footer, flags=re.DOTALL)
    parser = _Visible()
    parser.feed(page)
    text = html.unescape("".join(parser.parts)).replace(client, " ")
    text = _FILE.sub(" ", text)  # file names and paths (provenance: inputs, notebooks)
    text = _PROPER_NAMES.sub(" ", text)
    found = [f"header {h!r}" for h in parser.headers if h in VOCABULARY and h != "n"]
    for name in sorted(_data_names(), key=len, reverse=True):
        text = re.sub(rf"(?<![\w]){re.escape(name)}(?![\w])", " ", text)
    phrases, words = _english_texts(language)
    flat = re.sub(r"\s+", " ", text)
    found += [f"text {p!r}" for p in phrases if p in flat]
    for line in text.splitlines():
        hits = [w for w in _WORD.findall(line) if w.lower() in words]
        if hits:
            found.append(f"words {hits} in {line.strip()[:120]!r}")
    return found


def test_the_scan_finds_english_and_skips_data() -> None:
    page = (
        "<html><body><h2>Pontuações</h2><p>moves on more slowly</p>"
        "<table><thead><tr><th>n_inferred</th></tr></thead>"
        "<tbody><tr><td>ad_click → lead_lost</td><td>premium</td></tr></tbody></table>"
        "<script>var the = 'customers';</script></body></html>"
    )
    found = visible_english(page, "pt", client="Sample retailer")
    assert any("n_inferred" in f for f in found)
    assert any("slowly" in f for f in found)
    assert not any("ad_click" in f or "premium" in f or "customers" in f for f in found)


@pytest.mark.slow
@pytest.mark.xdist_group("sample_report")
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_in_a_report_in_another_language(language: str, tmp_path: Path) -> None:
    raw = yaml.safe_load((SAMPLE_DIR / "report.yaml").read_text(encoding="utf-8"))
    for name in ("events.parquet", "customers.csv", "survey.csv", "journey.yaml"):
        shutil.copy(SAMPLE_DIR / name, tmp_path / name)
    raw["language"] = language
    config = tmp_path / "report.yaml"
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    page = build_report(config, out=tmp_path / "out", jobs=2).read_text(encoding="utf-8")
    for section in ("overview", "survey", "progression", "painpoints"):
        assert f'id="section-{section}' in page, section
    found = visible_english(page, language, client=raw["client"])
    assert found == [], "\n".join(found[:60])
