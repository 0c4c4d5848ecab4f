"""Fixed report texts in the six report languages: en, ro, bg, pl, pt, it.

Everything a report prints that is neither narrative nor data comes from here:
the title block, table of contents and provenance headings of the page, chart
titles, axis and tooltip labels, and the headers of the shared result columns
(``n``, ``estimate``, ``ci_low``, ...).  Stage labels come from the journey
definition (:meth:`cjresearch.journey.Journey.label`), never from here.

Examples
--------
>>> text("contents", "ro")
'Cuprins'
>>> column_label("ci_low", "bg")
'95% ДИ долна'
>>> column_label("not_a_known_column", "pl")
'not_a_known_column'
"""
from __future__ import annotations

from .errors import DataValidationError

__all__ = ["COLUMNS", "LANGUAGES", "TEXTS", "check_language", "column_label", "text"]

#: Report languages.
LANGUAGES = ("en", "ro", "bg", "pl", "pt", "it")


def _t(en: str, ro: str, bg: str, pl: str, pt: str, it: str) -> dict[str, str]:
    return {"en": en, "ro": ro, "bg": bg, "pl": pl, "pt": pt, "it": it}


#: Fixed texts: ``{key: {language: text}}``.
TEXTS: dict[str, dict[str, str]] = {
    # -- the page -----------------------------------------------------------------
    "report_title": _t("Customer journey report", "Raport privind parcursul clienților",
                       "Доклад за пътя на клиента", "Raport o ścieżce klienta",
                       "Relatório da jornada do cliente", "Report sul percorso del cliente"),
    "contents": _t("Contents", "Cuprins", "Съдържание", "Spis treści", "Índice", "Indice"),
    "about": _t("About this report", "Despre acest raport", "За този доклад", "O raporcie",
                "Sobre este relatório", "Informazioni sul report"),
    "period": _t("Period", "Perioada", "Период", "Okres", "Período", "Periodo"),
    "built": _t("Built", "Generat", "Създаден", "Utworzono", "Gerado", "Generato"),
    "parameters": _t("Parameters", "Parametri", "Параметри", "Parametry", "Parâmetros",
                     "Parametri"),
    "inputs": _t("Input files (SHA-256)", "Fișiere de intrare (SHA-256)",
                 "Входни файлове (SHA-256)", "Pliki wejściowe (SHA-256)",
                 "Ficheiros de entrada (SHA-256)", "File di input (SHA-256)"),
    "software": _t("Software", "Software", "Софтуер", "Oprogramowanie", "Software", "Software"),
    "exports": _t("Tables of this report (CSV, Excel)", "Tabelele raportului (CSV, Excel)",
                  "Таблици на доклада (CSV, Excel)", "Tabele raportu (CSV, Excel)",
                  "Tabelas do relatório (CSV, Excel)", "Tabelle del report (CSV, Excel)"),
    # -- the overview's data table ------------------------------------------------------
    "input": _t("Input", "Sursă", "Източник", "Źródło", "Fonte", "Fonte"),
    "measure": _t("Measure", "Indicator", "Показател", "Miara", "Medida", "Misura"),
    "value": _t("Value", "Valoare", "Стойност", "Wartość", "Valor", "Valore"),
    "event_log": _t("Event log", "Jurnal de evenimente", "Журнал на събитията",
                    "Dziennik zdarzeń", "Registo de eventos", "Registro eventi"),
    "customer_file": _t("Customer file", "Fișier clienți", "Клиентски файл", "Plik klientów",
                        "Ficheiro de clientes", "File clienti"),
    "survey": _t("Survey", "Sondaj", "Проучване", "Ankieta", "Inquérito", "Sondaggio"),
    "events": _t("events", "evenimente", "събития", "zdarzenia", "eventos", "eventi"),
    "period_covered": _t("period covered", "perioada acoperită", "обхванат период",
                         "okres objęty", "período coberto", "periodo coperto"),
    "respondents": _t("respondents", "respondenți", "респонденти", "respondenci",
                      "inquiridos", "rispondenti"),
    "inputs_caption": _t("What the report is built from", "Pe ce se bazează raportul",
                         "На какво се основава докладът", "Na czym opiera się raport",
                         "Em que se baseia o relatório", "Su cosa si basa il report"),
    "funnel_caption": _t("Customers reaching each stage", "Clienți care ajung în fiecare etapă",
                         "Клиенти, достигнали всеки етап", "Klienci docierający do etapu",
                         "Clientes que chegam a cada etapa",
                         "Clienti che raggiungono ogni fase"),
    # -- charts ---------------------------------------------------------------------
    "funnel_title": _t("Conversion into each stage from the one before",
                       "Conversia în fiecare etapă din etapa anterioară",
                       "Преминаване към всеки етап от предходния",
                       "Konwersja do każdego etapu z poprzedniego",
                       "Conversão para cada etapa a partir da anterior",
                       "Conversione in ogni fase dalla precedente"),
    "funnel_subtitle": _t("Bars: estimate; lines: 95% confidence interval",
                          "Bare: estimare; linii: interval de încredere 95%",
                          "Стълбове: оценка; линии: 95% доверителен интервал",
                          "Słupki: oszacowanie; linie: 95% przedział ufności",
                          "Barras: estimativa; linhas: intervalo de confiança de 95%",
                          "Barre: stima; linee: intervallo di confidenza al 95%"),
    "step_title": _t("Moving on to the next stage within {days} days",
                     "Trecerea la etapa următoare în {days} zile",
                     "Преминаване към следващия етап до {days} дни",
                     "Przejście do następnego etapu w ciągu {days} dni",
                     "Passagem à etapa seguinte em {days} dias",
                     "Passaggio alla fase successiva entro {days} giorni"),
    "steps_caption": _t("Moving on to the next stage within {days} days, by step and segment",
                        "Trecerea la etapa următoare în {days} zile, pe pas și segment",
                        "Преминаване към следващия етап до {days} дни, по стъпка и сегмент",
                        "Przejście do następnego etapu w ciągu {days} dni, według kroku "
                        "i segmentu",
                        "Passagem à etapa seguinte em {days} dias, por passo e segmento",
                        "Passaggio alla fase successiva entro {days} giorni, per passo "
                        "e segmento"),
    "step_subtitle": _t("Bars: censoring-aware estimate with 95% CI; ticks: naive funnel",
                        "Bare: estimare cu cenzurare și IÎ 95%; repere: pâlnie naivă",
                        "Стълбове: оценка с цензуриране и 95% ДИ; чертички: наивна фуния",
                        "Słupki: oszacowanie z cenzurowaniem i 95% PU; kreski: lejek naiwny",
                        "Barras: estimativa com censura e IC 95%; traços: funil ingénuo",
                        "Barre: stima con censura e IC 95%; tacche: imbuto ingenuo"),
    "stage": _t("Stage", "Etapă", "Етап", "Etap", "Etapa", "Fase"),
    "next_stage": _t("Next stage", "Etapa următoare", "Следващ етап", "Następny etap",
                     "Etapa seguinte", "Fase successiva"),
    "conversion": _t("Conversion from previous stage", "Conversie din etapa anterioară",
                     "Преминаване от предходния етап", "Konwersja z poprzedniego etapu",
                     "Conversão da etapa anterior", "Conversione dalla fase precedente"),
    "naive": _t("Naive funnel", "Pâlnie naivă", "Наивна фуния", "Lejek naiwny",
                "Funil ingénuo", "Imbuto ingenuo"),
    "share_all": _t("Share of all customers", "Pondere din toți clienții",
                    "Дял от всички клиенти", "Odsetek wszystkich klientów",
                    "Percentagem de todos os clientes", "Quota di tutti i clienti"),
    "customers": _t("Customers", "Clienți", "Клиенти", "Klienci", "Clientes", "Clienti"),
    "base": _t("Base (previous stage)", "Bază (etapa anterioară)", "База (предходен етап)",
               "Baza (poprzedni etap)", "Base (etapa anterior)", "Base (fase precedente)"),
    "ci_low": _t("95% CI low", "IÎ 95% inf.", "95% ДИ долна", "95% PU dolna", "IC 95% inf.",
                 "IC 95% inf."),
    "ci_high": _t("95% CI high", "IÎ 95% sup.", "95% ДИ горна", "95% PU górna",
                  "IC 95% sup.", "IC 95% sup."),
    "segment": _t("Segment", "Segment", "Сегмент", "Segment", "Segmento", "Segmento"),
    "all": _t("All", "Toți", "Всички", "Wszyscy", "Todos", "Tutti"),
    # -- progression charts -------------------------------------------------------------
    "days": _t("Days", "Zile", "Дни", "Dni", "Dias", "Giorni"),
    "not_yet_reached": _t("Share not yet reached the stage", "Pondere care nu a atins încă etapa",
                          "Дял, който още не е достигнал етапа",
                          "Odsetek, który jeszcze nie osiągnął etapu",
                          "Percentagem que ainda não chegou à etapa",
                          "Quota che non ha ancora raggiunto la fase"),
    "cumulative_incidence": _t("Cumulative incidence", "Incidență cumulată",
                               "Кумулативна честота", "Skumulowana częstość",
                               "Incidência acumulada", "Incidenza cumulativa"),
    "time_to_stage": _t("Time to reach the stage (95% band)",
                        "Timpul până la atingerea etapei (bandă 95%)",
                        "Време до достигане на етапа (95% лента)",
                        "Czas do osiągnięcia etapu (pasmo 95%)",
                        "Tempo até chegar à etapa (faixa de 95%)",
                        "Tempo per raggiungere la fase (banda 95%)"),
    "at_risk": _t("At risk", "La risc", "В риск", "W grupie ryzyka", "Em risco", "A rischio"),
    "hr_axis": _t("Hazard ratio (above 1 = faster), 95% CI",
                  "Raportul riscurilor (peste 1 = mai rapid), IÎ 95%",
                  "Съотношение на риска (над 1 = по-бързо), 95% ДИ",
                  "Iloraz hazardu (powyżej 1 = szybciej), 95% PU",
                  "Razão de risco (acima de 1 = mais rápido), IC 95%",
                  "Hazard ratio (sopra 1 = più veloce), IC 95%"),
    "hr_title": _t("What speeds up or slows down progression",
                   "Ce accelerează sau încetinește avansarea",
                   "Какво ускорява или забавя напредъка",
                   "Co przyspiesza lub spowalnia postęp",
                   "O que acelera ou atrasa a progressão",
                   "Cosa accelera o rallenta l'avanzamento"),
    "days_since_start": _t("Days since the journey start", "Zile de la începutul parcursului",
                           "Дни от началото на пътя", "Dni od początku ścieżki",
                           "Dias desde o início da jornada", "Giorni dall'inizio del percorso"),
    "in_stage": _t("Probability of being in the stage", "Probabilitatea de a fi în etapă",
                   "Вероятност да е в етапа", "Prawdopodobieństwo bycia w etapie",
                   "Probabilidade de estar na etapa", "Probabilità di essere nella fase"),
    "occupancy_title": _t("Where customers are over time", "Unde se află clienții în timp",
                          "Къде са клиентите във времето", "Gdzie są klienci w czasie",
                          "Onde estão os clientes ao longo do tempo",
                          "Dove si trovano i clienti nel tempo"),
    "conversion_axis": _t("Share reaching the stage (bars: censoring-aware, ticks: naive funnel)",
                          "Pondere care atinge etapa (bare: cu cenzurare, linii: pâlnie naivă)",
                          "Дял, достигнал етапа (ленти: с цензуриране, чертички: наивна фуния)",
                          "Odsetek osiągający etap (słupki: z cenzurowaniem, kreski: naiwny lejek)",
                          "Percentagem que chega à etapa (barras: com censura, traços: funil "
                          "ingénuo)",
                          "Quota che raggiunge la fase (barre: con censura, tacche: funnel "
                          "ingenuo)"),
    "conversion_title": _t("Conversion counting the not-yet-converted as censored",
                           "Conversia, cu cei neconvertiți încă tratați drept cenzurați",
                           "Конверсия, при която още неконвертиралите са цензурирани",
                           "Konwersja z jeszcze nieprzekonwertowanymi jako cenzurowanymi",
                           "Conversão contando os ainda não convertidos como censurados",
                           "Conversione con i non ancora convertiti trattati come censurati"),
    # -- survey.py charts (survey_chart) --
    "survey_chart.estimate": _t(
        'Estimate', 'Estimare', 'Оценка', 'Oszacowanie', 'Estimativa', 'Stima'),
    "survey_chart.interval": _t(
        '95% confidence interval', 'Interval de încredere 95%', '95% доверителен интервал',
        '95% przedział ufności', 'Intervalo de confiança 95%', 'Intervallo di confidenza 95%'),
    "survey_chart.small": _t(
        'Small base (read with care)', 'Bază mică (de citit cu grijă)', 'Малка база (внимателно)',
        'Mała baza (ostrożnie)', 'Base pequena (ler com cuidado)',
        'Base piccola (leggere con cautela)'),
    "survey_chart.share": _t(
        'Share of answers', 'Pondere răspunsuri', 'Дял от отговорите', 'Odsetek odpowiedzi',
        'Percentagem de respostas', 'Quota di risposte'),
    "survey_chart.answer": _t('Answer', 'Răspuns', 'Отговор', 'Odpowiedź', 'Resposta', 'Risposta'),
    "survey_chart.importance": _t(
        'Share of R² explained', 'Parte din R² explicată', 'Дял от обяснения R²',
        'Udział w wyjaśnionym R²', 'Parte do R² explicada', 'Quota di R² spiegata'),
    "survey_chart.driver": _t('Driver', 'Factor', 'Фактор', 'Czynnik', 'Fator', 'Fattore'),
    "survey_chart.theme": _t('Theme', 'Temă', 'Тема', 'Temat', 'Tema', 'Tema'),
    "survey_chart.mention": _t(
        'Share of comments mentioning', 'Pondere comentarii care menționează',
        'Дял от коментарите, които споменават', 'Odsetek komentarzy',
        'Percentagem de comentários', 'Quota di commenti'),
    "survey_chart.detractor": _t(
        'Detractors', 'Detractori', 'Критици', 'Krytycy', 'Detratores', 'Detrattori'),
    "survey_chart.passive": _t('Passives', 'Pasivi', 'Пасивни', 'Neutralni', 'Passivos', 'Passivi'),
    "survey_chart.promoter": _t(
        'Promoters', 'Promotori', 'Промоутъри', 'Promotorzy', 'Promotores', 'Promotori'),
    # -- painpoints.py charts (painpoints_chart) --
    "painpoints_chart.dropoff": _t(
        'Share who do not move on (censoring-aware, 95% CI); tick: naive funnel',
        'Ponderea celor care nu avansează (cu cenzurare, IÎ 95%); linie: pâlnie naivă',
        'Дял на непродължилите (с цензуриране, 95% ДИ); чертичка: наивна фуния',
        'Odsetek, który nie przechodzi dalej (z cenzurowaniem, 95% PU); kreska: lejek naiwny',
        'Percentagem que não avança (com censura, IC 95%); traço: funil ingénuo',
        'Quota che non prosegue (con censura, IC 95%); tacca: imbuto ingenuo'),
    "painpoints_chart.hr": _t(
        'Hazard ratio (95% CI, log scale)', 'Raport de risc (IÎ 95%, scară log)',
        'Съотношение на риска (95% ДИ, лог. скала)', 'Iloraz hazardu (95% PU, skala log.)',
        'Razão de risco (IC 95%, escala log)', 'Hazard ratio (IC 95%, scala log)'),
    "painpoints_chart.importance": _t(
        'Importance (share of R²)', 'Importanță (pondere din R²)', 'Важност (дял от R²)',
        'Ważność (udział w R²)', 'Importância (parte do R²)', 'Importanza (quota di R²)'),
    "painpoints_chart.performance": _t(
        'Performance (mean rating)', 'Performanță (nota medie)', 'Представяне (средна оценка)',
        'Wynik (średnia ocena)', 'Desempenho (classificação média)', 'Prestazione (voto medio)'),
    "painpoints_chart.impact": _t(
        'Excess customers not moving on (95% CI)', 'Clienți în plus care nu avansează (IÎ 95%)',
        'Допълнителни непродължили клиенти (95% ДИ)',
        'Dodatkowi klienci, którzy nie przeszli dalej (95% PU)',
        'Clientes a mais que não avançam (IC 95%)', 'Clienti in più che non proseguono (IC 95%)'),
    "painpoints_chart.moved_on": _t(
        'moved on', 'au avansat', 'продължили', 'przeszli dalej', 'avançaram', 'hanno proseguito'),
    "painpoints_chart.customers": _t(
        'Customers', 'Clienți', 'Клиенти', 'Klienci', 'Clientes', 'Clienti'),
    "painpoints_chart.share": _t(
        'Share of transitions', 'Pondere din tranziții', 'Дял от преходите', 'Odsetek przejść',
        'Parte das transições', 'Quota delle transizioni'),
    # -- the journey map --
    "map.touchpoints": _t(
        'Touchpoints', 'Puncte de contact', 'Точки на контакт', 'Punkty styku',
        'Pontos de contacto', 'Punti di contatto'),
    "map.actions": _t(
        'Customer actions', 'Acțiunile clientului', 'Действия на клиента', 'Działania klienta',
        'Ações do cliente', 'Azioni del cliente'),
    "map.emotion": _t(
        'Emotion (score, 95% CI)', 'Emoție (scor, IÎ 95%)', 'Емоция (оценка, 95% ДИ)',
        'Emocje (wynik, 95% PU)', 'Emoção (pontuação, IC 95%)', 'Emozione (punteggio, IC 95%)'),
    "map.pain_points": _t(
        'Pain points', 'Puncte dureroase', 'Болезнени точки', 'Problemy', 'Pontos de dor',
        'Punti critici'),
    "map.opportunities": _t(
        'Opportunities', 'Oportunități', 'Възможности', 'Szanse', 'Oportunidades', 'Opportunità'),
    "map.not_moving_on": _t(
        'do not move on', 'nu avansează', 'не продължават', 'nie przechodzi dalej', 'não avançam',
        'non proseguono'),
    "map.no_data": _t(
        'no data', 'fără date', 'няма данни', 'brak danych', 'sem dados', 'nessun dato'),
    # -- timeunit --
    # time units (cjresearch.timeunits.unit_label): bare plural (axis titles), then the
    # forms after a count: one, few (ro 2-19, pl 2-4), many; within_one: after "within 1"
    "timeunit.seconds": _t("seconds", "secunde", "секунди", "sekundy", "segundos", "secondi"),
    "timeunit.seconds.one": _t("second", "secundă", "секунда", "sekunda", "segundo", "secondo"),
    "timeunit.seconds.few": _t("seconds", "secunde", "секунди", "sekundy", "segundos",
                               "secondi"),
    "timeunit.seconds.many": _t("seconds", "de secunde", "секунди", "sekund", "segundos",
                                "secondi"),
    "timeunit.seconds.within_one": _t("second", "secundă", "секунда", "sekundy", "segundo",
                                      "secondo"),
    "timeunit.minutes": _t("minutes", "minute", "минути", "minuty", "minutos", "minuti"),
    "timeunit.minutes.one": _t("minute", "minut", "минута", "minuta", "minuto", "minuto"),
    "timeunit.minutes.few": _t("minutes", "minute", "минути", "minuty", "minutos", "minuti"),
    "timeunit.minutes.many": _t("minutes", "de minute", "минути", "minut", "minutos",
                                "minuti"),
    "timeunit.minutes.within_one": _t("minute", "minut", "минута", "minuty", "minuto",
                                      "minuto"),
    "timeunit.hours": _t("hours", "ore", "часове", "godziny", "horas", "ore"),
    "timeunit.hours.one": _t("hour", "oră", "час", "godzina", "hora", "ora"),
    "timeunit.hours.few": _t("hours", "ore", "часа", "godziny", "horas", "ore"),
    "timeunit.hours.many": _t("hours", "de ore", "часа", "godzin", "horas", "ore"),
    "timeunit.hours.within_one": _t("hour", "oră", "час", "godziny", "hora", "ora"),
    "timeunit.days": _t("days", "zile", "дни", "dni", "dias", "giorni"),
    "timeunit.days.one": _t("day", "zi", "ден", "dzień", "dia", "giorno"),
    "timeunit.days.few": _t("days", "zile", "дни", "dni", "dias", "giorni"),
    "timeunit.days.many": _t("days", "de zile", "дни", "dni", "dias", "giorni"),
    "timeunit.days.within_one": _t("day", "zi", "ден", "dnia", "dia", "giorno"),
    "timeunit.weeks": _t("weeks", "săptămâni", "седмици", "tygodnie", "semanas", "settimane"),
    "timeunit.weeks.one": _t("week", "săptămână", "седмица", "tydzień", "semana", "settimana"),
    "timeunit.weeks.few": _t("weeks", "săptămâni", "седмици", "tygodnie", "semanas",
                             "settimane"),
    "timeunit.weeks.many": _t("weeks", "de săptămâni", "седмици", "tygodni", "semanas",
                              "settimane"),
    "timeunit.weeks.within_one": _t("week", "săptămână", "седмица", "tygodnia", "semana",
                                    "settimana"),
    "timeunit.within": _t("within {n} {unit}", "în {n} {unit}", "до {n} {unit}",
                          "w ciągu {n} {unit}", "em {n} {unit}", "entro {n} {unit}"),
    "timeunit.since_stage": _t("{unit} since entering the stage", "{unit} de la intrarea în etapă",
                               "{unit} от влизането в етапа", "{unit} od wejścia do etapu",
                               "{unit} desde a entrada na etapa",
                               "{unit} dall'ingresso nella fase"),
    "timeunit.since_start": _t("{unit} since the journey start",
                               "{unit} de la începutul parcursului", "{unit} от началото на пътя",
                               "{unit} od początku ścieżki", "{unit} desde o início da jornada",
                               "{unit} dall'inizio del percorso"),
    "timeunit.step_title": _t("Moving on to the next stage {within}",
                              "Trecerea la etapa următoare {within}",
                              "Преминаване към следващия етап {within}",
                              "Przejście do następnego etapu {within}",
                              "Passagem à etapa seguinte {within}",
                              "Passaggio alla fase successiva {within}"),
    "timeunit.steps_caption": _t("Moving on to the next stage {within}, by step and segment",
                                 "Trecerea la etapa următoare {within}, pe pas și segment",
                                 "Преминаване към следващия етап {within}, по стъпка и сегмент",
                                 "Przejście do następnego etapu {within}, według kroku "
                                 "i segmentu",
                                 "Passagem à etapa seguinte {within}, por passo e segmento",
                                 "Passaggio alla fase successiva {within}, per passo "
                                 "e segmento"),
    "timeunit.per_customer_time": _t("per {n} customer-{unit}", "la {n} {unit}-client",
                                     "на {n} клиентски {unit}", "na {n} {unit} klienta",
                                     "por {n} {unit}-cliente", "per {n} {unit}-cliente"),
}

#: Headers of the shared result columns in tables (``cjresearch.columns`` and friends).
COLUMNS: dict[str, dict[str, str]] = {
    "n": _t("n", "n", "n", "n", "n", "n"),
    "base": _t("Base", "Bază", "База", "Baza", "Base", "Base"),
    "estimate": _t("Estimate", "Estimare", "Оценка", "Oszacowanie", "Estimativa", "Stima"),
    "se": _t("Std. error", "Eroare std.", "Станд. грешка", "Błąd std.", "Erro padrão",
             "Errore std."),
    "ci_low": TEXTS["ci_low"],
    "ci_high": TEXTS["ci_high"],
    "p_value": _t("p-value", "valoare p", "p-стойност", "wartość p", "valor p", "valore p"),
    "effect": _t("Effect", "Efect", "Ефект", "Efekt", "Efeito", "Effetto"),
    "small_base": _t("Small base", "Bază mică", "Малка база", "Mała baza", "Base pequena",
                     "Base ridotta"),
    "stage": TEXTS["stage"],
    "share": TEXTS["share_all"],
    "segment": TEXTS["segment"],
    "wave": _t("Wave", "Val", "Вълна", "Fala", "Vaga", "Ondata"),
    "touchpoint": _t("Touchpoint", "Punct de contact", "Точка на контакт", "Punkt styku",
                     "Ponto de contacto", "Punto di contatto"),
    "customers": TEXTS["customers"],
}


def check_language(language: str) -> str:
    """Return ``language`` if reports speak it, else raise.

    Examples
    --------
    >>> check_language("it")
    'it'
    """
    if language not in LANGUAGES:
        raise DataValidationError(f"language '{language}' is not supported",
                                  fix=f"use one of {', '.join(LANGUAGES)}")
    return language


def text(key: str, language: str, **fields: object) -> str:
    """The fixed text ``key`` in ``language`` (``{field}`` placeholders filled in).

    Examples
    --------
    >>> text("step_title", "pt", days=90)
    'Passagem à etapa seguinte em 90 dias'
    """
    try:
        entry = TEXTS[key]
    except KeyError:
        raise DataValidationError(f"no report text called '{key}'",
                                  fix=f"use one of {', '.join(sorted(TEXTS))}") from None
    out = entry[check_language(language)]
    return out.format(**fields) if fields else out


def column_label(column: str, language: str) -> str:
    """The header of a shared result column in ``language`` (other names unchanged)."""
    entry = COLUMNS.get(column)
    return entry[check_language(language)] if entry else column
