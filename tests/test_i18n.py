"""Fixed report texts in six languages; translated charts, tables and page furniture.

The built Romanian and Bulgarian sample reports are checked in test_cli.py's batch
test (they come out of the same batch run)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from cjresearch.charts import funnel_chart, step_chart
from cjresearch.core import i18n
from cjresearch.core.errors import DataValidationError
from cjresearch.journey.definition import load_journey
from cjresearch.report.render import Section, render_page, table


def _entries() -> dict[str, dict[str, str]]:
    values = {f"{c}={v}": e for c, codes in i18n.VALUES.items() for v, e in codes.items()}
    return {**i18n.TEXTS, **i18n.COLUMNS, **values}


def test_every_text_in_every_language() -> None:
    own = set(i18n.LANGUAGES) - set(i18n.FALLBACK)  # pt-BR only where it differs from pt
    for key, entry in _entries().items():
        assert own <= set(entry) <= set(i18n.LANGUAGES), key
        for lang, stand_in in i18n.FALLBACK.items():
            assert entry.get(lang, "") != entry[stand_in], f"{key}: {lang} repeats {stand_in}"
        assert all(isinstance(v, str) and v.strip() for v in entry.values()), key
        # the same placeholders in every language
        fields = {lang: sorted(set(re.findall(r"{(\w+)}", v))) for lang, v in entry.items()}
        assert len({tuple(f) for f in fields.values()}) == 1, key
    # Bulgarian texts are Cyrillic, the others Latin
    assert all(
        any("\u0400" <= ch <= "\u04ff" for ch in e["bg"])
        for k, e in i18n.TEXTS.items()
        if k not in ("software",)
    )


def test_brazilian_portuguese_falls_back_to_european_where_the_same() -> None:
    assert i18n.text("customer_file", "pt") == "Ficheiro de clientes"
    assert i18n.text("customer_file", "pt-BR") == "Arquivo de clientes"
    assert i18n.text("contents", "pt-BR") == i18n.text("contents", "pt")
    assert i18n.column_label("touchpoint", "pt-BR") == "Ponto de contato"
    assert i18n.value_label("direction", "back", "pt-BR") == "para trás"
    # no European form left in a Brazilian text (the words Brazil writes otherwise)
    european = re.compile(
        r"\b(registo|ficheiro|inquérito|inquirido|utilizador|equipa|telemóvel|contacto|"
        r"percentagem|ingénu\w*|facto|secção)s?\b",
        re.IGNORECASE,
    )
    for key, entry in _entries().items():
        brazilian = i18n.pick(entry, "pt-BR")
        assert not european.search(brazilian), (key, brazilian)


def test_unknown_language_and_key() -> None:
    with pytest.raises(DataValidationError, match="language 'de' is not supported"):
        i18n.text("contents", "de")
    with pytest.raises(DataValidationError, match="no report text called 'nope'"):
        i18n.text("nope", "en")


def test_charts_speak_the_report_language() -> None:
    j = load_journey("classic6")
    f = pd.DataFrame(
        {
            "stage": ["awareness", "consideration"],
            "stage_index": [0, 1],
            "n": [100, 40],
            "base": [100, 100],
            "estimate": [1.0, 0.4],
            "ci_low": [0.96, 0.31],
            "ci_high": [1.0, 0.5],
        }
    )
    spec = funnel_chart(f, journey=j, language="ro").to_dict()
    assert spec["title"]["text"] == "Conversia în fiecare etapă din etapa anterioară"
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Conversie din etapa anterioară"
    assert [r["label"] for r in next(iter(spec["datasets"].values()))] == [
        "Conștientizare",
        "Considerare",
    ]
    c = pd.DataFrame(
        {
            "from_stage": ["awareness", "consideration"],
            "segment": "a",
            "days": 30,
            "n": [10, 5],
            "estimate": [0.5, 0.4],
            "ci_low": [0.3, 0.2],
            "ci_high": [0.7, 0.6],
            "naive": [0.4, 0.3],
        }
    )
    spec = step_chart(c, journey=j, language="bg").to_dict()
    assert spec["title"]["text"] == "Преминаване към следващия етап до 30 дни"
    assert spec["params"][0]["bind"]["name"] == "Сегмент "
    assert [r["label"] for r in next(iter(spec["datasets"].values()))] == ["Обмисляне", "Решение"]


def test_page_furniture_and_table_headers_translated() -> None:
    import nbformat

    cell = nbformat.v4.new_code_cell("t")
    html = table(
        pd.DataFrame({"segment": ["a"], "estimate": [0.5], "ci_low": [0.4], "own column": [1]})
    ).data
    cell["outputs"] = [nbformat.v4.new_output("display_data", data={"text/html": html})]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Heading"), cell])
    page = render_page(
        [Section("x.ipynb", nb)],
        title="T",
        client="C",
        period="2025",
        language="bg",
        provenance_html="",
    )
    assert '<html lang="bg">' in page
    assert "Съдържание" in page and "Период: 2025" in page and "За този доклад" in page
    heads = re.findall(r"<th>([^<]*)</th>", page)
    assert heads == ["Сегмент", "Оценка", "95% ДИ долна", "own column"]
