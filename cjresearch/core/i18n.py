"""Fixed report texts in the six report languages: en, ro, bg, pl, pt, it.

Everything a report prints that is neither narrative nor data comes from here:
the title block, table of contents and provenance headings of the page, chart
titles, axis and tooltip labels, and the headers of the shared result columns
(``n``, ``estimate``, ``ci_low``, ...).  Stage labels come from the journey
definition (:meth:`cjresearch.journey.definition.Journey.label`), never from here.

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

from cjresearch.core.errors import DataValidationError

__all__ = ["COLUMNS", "LANGUAGES", "TEXTS", "check_language", "column_label", "text"]

#: Report languages.
LANGUAGES = ("en", "ro", "bg", "pl", "pt", "it")


def _t(en: str, ro: str, bg: str, pl: str, pt: str, it: str) -> dict[str, str]:
    return {"en": en, "ro": ro, "bg": bg, "pl": pl, "pt": pt, "it": it}


#: Fixed texts: ``{key: {language: text}}``.
TEXTS: dict[str, dict[str, str]] = {
    # -- the page -----------------------------------------------------------------
    "report_title": _t(
        "Customer journey report",
        "Raport privind parcursul clienților",
        "Доклад за пътя на клиента",
        "Raport o ścieżce klienta",
        "Relatório da jornada do cliente",
        "Report sul percorso del cliente",
    ),
    "contents": _t("Contents", "Cuprins", "Съдържание", "Spis treści", "Índice", "Indice"),
    "about": _t(
        "About this report",
        "Despre acest raport",
        "За този доклад",
        "O raporcie",
        "Sobre este relatório",
        "Informazioni sul report",
    ),
    "period": _t("Period", "Perioada", "Период", "Okres", "Período", "Periodo"),
    "built": _t("Built", "Generat", "Създаден", "Utworzono", "Gerado", "Generato"),
    "parameters": _t(
        "Parameters", "Parametri", "Параметри", "Parametry", "Parâmetros", "Parametri"
    ),
    "inputs": _t(
        "Input files (SHA-256)",
        "Fișiere de intrare (SHA-256)",
        "Входни файлове (SHA-256)",
        "Pliki wejściowe (SHA-256)",
        "Ficheiros de entrada (SHA-256)",
        "File di input (SHA-256)",
    ),
    "software": _t("Software", "Software", "Софтуер", "Oprogramowanie", "Software", "Software"),
    "exports": _t(
        "Tables of this report (CSV, Excel)",
        "Tabelele raportului (CSV, Excel)",
        "Таблици на доклада (CSV, Excel)",
        "Tabele raportu (CSV, Excel)",
        "Tabelas do relatório (CSV, Excel)",
        "Tabelle del report (CSV, Excel)",
    ),
    # -- the overview's data table ------------------------------------------------------
    "input": _t("Input", "Sursă", "Източник", "Źródło", "Fonte", "Fonte"),
    "measure": _t("Measure", "Indicator", "Показател", "Miara", "Medida", "Misura"),
    "value": _t("Value", "Valoare", "Стойност", "Wartość", "Valor", "Valore"),
    "event_log": _t(
        "Event log",
        "Jurnal de evenimente",
        "Журнал на събитията",
        "Dziennik zdarzeń",
        "Registo de eventos",
        "Registro eventi",
    ),
    "customer_file": _t(
        "Customer file",
        "Fișier clienți",
        "Клиентски файл",
        "Plik klientów",
        "Ficheiro de clientes",
        "File clienti",
    ),
    "survey": _t("Survey", "Sondaj", "Проучване", "Ankieta", "Inquérito", "Sondaggio"),
    "events": _t("events", "evenimente", "събития", "zdarzenia", "eventos", "eventi"),
    "period_covered": _t(
        "period covered",
        "perioada acoperită",
        "обхванат период",
        "okres objęty",
        "período coberto",
        "periodo coperto",
    ),
    "respondents": _t(
        "respondents", "respondenți", "респонденти", "respondenci", "inquiridos", "rispondenti"
    ),
    "inputs_caption": _t(
        "What the report is built from",
        "Pe ce se bazează raportul",
        "На какво се основава докладът",
        "Na czym opiera się raport",
        "Em que se baseia o relatório",
        "Su cosa si basa il report",
    ),
    "funnel_caption": _t(
        "Customers reaching each stage",
        "Clienți care ajung în fiecare etapă",
        "Клиенти, достигнали всеки етап",
        "Klienci docierający do etapu",
        "Clientes que chegam a cada etapa",
        "Clienti che raggiungono ogni fase",
    ),
    # -- charts ---------------------------------------------------------------------
    "funnel_title": _t(
        "Conversion into each stage from the one before",
        "Conversia în fiecare etapă din etapa anterioară",
        "Преминаване към всеки етап от предходния",
        "Konwersja do każdego etapu z poprzedniego",
        "Conversão para cada etapa a partir da anterior",
        "Conversione in ogni fase dalla precedente",
    ),
    "funnel_subtitle": _t(
        "Bars: estimate; lines: 95% confidence interval",
        "Bare: estimare; linii: interval de încredere 95%",
        "Стълбове: оценка; линии: 95% доверителен интервал",
        "Słupki: oszacowanie; linie: 95% przedział ufności",
        "Barras: estimativa; linhas: intervalo de confiança de 95%",
        "Barre: stima; linee: intervallo di confidenza al 95%",
    ),
    "step_title": _t(
        "Moving on to the next stage within {days} days",
        "Trecerea la etapa următoare în {days} zile",
        "Преминаване към следващия етап до {days} дни",
        "Przejście do następnego etapu w ciągu {days} dni",
        "Passagem à etapa seguinte em {days} dias",
        "Passaggio alla fase successiva entro {days} giorni",
    ),
    "steps_caption": _t(
        "Moving on to the next stage within {days} days, by step and segment",
        "Trecerea la etapa următoare în {days} zile, pe pas și segment",
        "Преминаване към следващия етап до {days} дни, по стъпка и сегмент",
        "Przejście do następnego etapu w ciągu {days} dni, według kroku i segmentu",
        "Passagem à etapa seguinte em {days} dias, por passo e segmento",
        "Passaggio alla fase successiva entro {days} giorni, per passo e segmento",
    ),
    "step_subtitle": _t(
        "Bars: censoring-aware estimate with 95% CI; ticks: naive funnel",
        "Bare: estimare cu cenzurare și IÎ 95%; repere: pâlnie naivă",
        "Стълбове: оценка с цензуриране и 95% ДИ; чертички: наивна фуния",
        "Słupki: oszacowanie z cenzurowaniem i 95% PU; kreski: lejek naiwny",
        "Barras: estimativa com censura e IC 95%; traços: funil ingénuo",
        "Barre: stima con censura e IC 95%; tacche: imbuto ingenuo",
    ),
    "stage": _t("Stage", "Etapă", "Етап", "Etap", "Etapa", "Fase"),
    "next_stage": _t(
        "Next stage",
        "Etapa următoare",
        "Следващ етап",
        "Następny etap",
        "Etapa seguinte",
        "Fase successiva",
    ),
    "conversion": _t(
        "Conversion from previous stage",
        "Conversie din etapa anterioară",
        "Преминаване от предходния етап",
        "Konwersja z poprzedniego etapu",
        "Conversão da etapa anterior",
        "Conversione dalla fase precedente",
    ),
    "naive": _t(
        "Naive funnel",
        "Pâlnie naivă",
        "Наивна фуния",
        "Lejek naiwny",
        "Funil ingénuo",
        "Imbuto ingenuo",
    ),
    "share_all": _t(
        "Share of all customers",
        "Pondere din toți clienții",
        "Дял от всички клиенти",
        "Odsetek wszystkich klientów",
        "Percentagem de todos os clientes",
        "Quota di tutti i clienti",
    ),
    "customers": _t("Customers", "Clienți", "Клиенти", "Klienci", "Clientes", "Clienti"),
    "base": _t(
        "Base (previous stage)",
        "Bază (etapa anterioară)",
        "База (предходен етап)",
        "Baza (poprzedni etap)",
        "Base (etapa anterior)",
        "Base (fase precedente)",
    ),
    "ci_low": _t(
        "95% CI low", "IÎ 95% inf.", "95% ДИ долна", "95% PU dolna", "IC 95% inf.", "IC 95% inf."
    ),
    "ci_high": _t(
        "95% CI high", "IÎ 95% sup.", "95% ДИ горна", "95% PU górna", "IC 95% sup.", "IC 95% sup."
    ),
    "segment": _t("Segment", "Segment", "Сегмент", "Segment", "Segmento", "Segmento"),
    "all": _t("All", "Toți", "Всички", "Wszyscy", "Todos", "Tutti"),
    # -- progression charts -------------------------------------------------------------
    "days": _t("Days", "Zile", "Дни", "Dni", "Dias", "Giorni"),
    "not_yet_reached": _t(
        "Share not yet reached the stage",
        "Pondere care nu a atins încă etapa",
        "Дял, който още не е достигнал етапа",
        "Odsetek, który jeszcze nie osiągnął etapu",
        "Percentagem que ainda não chegou à etapa",
        "Quota che non ha ancora raggiunto la fase",
    ),
    "cumulative_incidence": _t(
        "Cumulative incidence",
        "Incidență cumulată",
        "Кумулативна честота",
        "Skumulowana częstość",
        "Incidência acumulada",
        "Incidenza cumulativa",
    ),
    "time_to_stage": _t(
        "Time to reach the stage (95% band)",
        "Timpul până la atingerea etapei (bandă 95%)",
        "Време до достигане на етапа (95% лента)",
        "Czas do osiągnięcia etapu (pasmo 95%)",
        "Tempo até chegar à etapa (faixa de 95%)",
        "Tempo per raggiungere la fase (banda 95%)",
    ),
    "at_risk": _t("At risk", "La risc", "В риск", "W grupie ryzyka", "Em risco", "A rischio"),
    "hr_axis": _t(
        "Hazard ratio (above 1 = faster), 95% CI",
        "Raportul riscurilor (peste 1 = mai rapid), IÎ 95%",
        "Съотношение на риска (над 1 = по-бързо), 95% ДИ",
        "Iloraz hazardu (powyżej 1 = szybciej), 95% PU",
        "Razão de risco (acima de 1 = mais rápido), IC 95%",
        "Hazard ratio (sopra 1 = più veloce), IC 95%",
    ),
    "hr_title": _t(
        "What speeds up or slows down progression",
        "Ce accelerează sau încetinește avansarea",
        "Какво ускорява или забавя напредъка",
        "Co przyspiesza lub spowalnia postęp",
        "O que acelera ou atrasa a progressão",
        "Cosa accelera o rallenta l'avanzamento",
    ),
    "days_since_start": _t(
        "Days since the journey start",
        "Zile de la începutul parcursului",
        "Дни от началото на пътя",
        "Dni od początku ścieżki",
        "Dias desde o início da jornada",
        "Giorni dall'inizio del percorso",
    ),
    "in_stage": _t(
        "Probability of being in the stage",
        "Probabilitatea de a fi în etapă",
        "Вероятност да е в етапа",
        "Prawdopodobieństwo bycia w etapie",
        "Probabilidade de estar na etapa",
        "Probabilità di essere nella fase",
    ),
    "occupancy_title": _t(
        "Where customers are over time",
        "Unde se află clienții în timp",
        "Къде са клиентите във времето",
        "Gdzie są klienci w czasie",
        "Onde estão os clientes ao longo do tempo",
        "Dove si trovano i clienti nel tempo",
    ),
    "conversion_axis": _t(
        "Share reaching the stage (bars: censoring-aware, ticks: naive funnel)",
        "Pondere care atinge etapa (bare: cu cenzurare, linii: pâlnie naivă)",
        "Дял, достигнал етапа (ленти: с цензуриране, чертички: наивна фуния)",
        "Odsetek osiągający etap (słupki: z cenzurowaniem, kreski: naiwny lejek)",
        "Percentagem que chega à etapa (barras: com censura, traços: funil ingénuo)",
        "Quota che raggiunge la fase (barre: con censura, tacche: funnel ingenuo)",
    ),
    "conversion_title": _t(
        "Conversion counting the not-yet-converted as censored",
        "Conversia, cu cei neconvertiți încă tratați drept cenzurați",
        "Конверсия, при която още неконвертиралите са цензурирани",
        "Konwersja z jeszcze nieprzekonwertowanymi jako cenzurowanymi",
        "Conversão contando os ainda não convertidos como censurados",
        "Conversione con i non ancora convertiti trattati come censurati",
    ),
    # -- survey.py charts (survey_chart) --
    "survey_chart.estimate": _t(
        "Estimate", "Estimare", "Оценка", "Oszacowanie", "Estimativa", "Stima"
    ),
    "survey_chart.interval": _t(
        "95% confidence interval",
        "Interval de încredere 95%",
        "95% доверителен интервал",
        "95% przedział ufności",
        "Intervalo de confiança 95%",
        "Intervallo di confidenza 95%",
    ),
    "survey_chart.small": _t(
        "Small base (read with care)",
        "Bază mică (de citit cu grijă)",
        "Малка база (внимателно)",
        "Mała baza (ostrożnie)",
        "Base pequena (ler com cuidado)",
        "Base piccola (leggere con cautela)",
    ),
    "survey_chart.share": _t(
        "Share of answers",
        "Pondere răspunsuri",
        "Дял от отговорите",
        "Odsetek odpowiedzi",
        "Percentagem de respostas",
        "Quota di risposte",
    ),
    "survey_chart.answer": _t("Answer", "Răspuns", "Отговор", "Odpowiedź", "Resposta", "Risposta"),
    "survey_chart.importance": _t(
        "Share of R² explained",
        "Parte din R² explicată",
        "Дял от обяснения R²",
        "Udział w wyjaśnionym R²",
        "Parte do R² explicada",
        "Quota di R² spiegata",
    ),
    "survey_chart.driver": _t("Driver", "Factor", "Фактор", "Czynnik", "Fator", "Fattore"),
    "survey_chart.theme": _t("Theme", "Temă", "Тема", "Temat", "Tema", "Tema"),
    "survey_chart.mention": _t(
        "Share of comments mentioning",
        "Pondere comentarii care menționează",
        "Дял от коментарите, които споменават",
        "Odsetek komentarzy",
        "Percentagem de comentários",
        "Quota di commenti",
    ),
    "survey_chart.detractor": _t(
        "Detractors", "Detractori", "Критици", "Krytycy", "Detratores", "Detrattori"
    ),
    "survey_chart.passive": _t("Passives", "Pasivi", "Пасивни", "Neutralni", "Passivos", "Passivi"),
    "survey_chart.promoter": _t(
        "Promoters", "Promotori", "Промоутъри", "Promotorzy", "Promotores", "Promotori"
    ),
    # -- painpoints.py charts (painpoints_chart) --
    "painpoints_chart.dropoff": _t(
        "Share who do not move on (censoring-aware, 95% CI); tick: naive funnel",
        "Ponderea celor care nu avansează (cu cenzurare, IÎ 95%); linie: pâlnie naivă",
        "Дял на непродължилите (с цензуриране, 95% ДИ); чертичка: наивна фуния",
        "Odsetek, który nie przechodzi dalej (z cenzurowaniem, 95% PU); kreska: lejek naiwny",
        "Percentagem que não avança (com censura, IC 95%); traço: funil ingénuo",
        "Quota che non prosegue (con censura, IC 95%); tacca: imbuto ingenuo",
    ),
    "painpoints_chart.hr": _t(
        "Hazard ratio (95% CI, log scale)",
        "Raport de risc (IÎ 95%, scară log)",
        "Съотношение на риска (95% ДИ, лог. скала)",
        "Iloraz hazardu (95% PU, skala log.)",
        "Razão de risco (IC 95%, escala log)",
        "Hazard ratio (IC 95%, scala log)",
    ),
    "painpoints_chart.importance": _t(
        "Importance (share of R²)",
        "Importanță (pondere din R²)",
        "Важност (дял от R²)",
        "Ważność (udział w R²)",
        "Importância (parte do R²)",
        "Importanza (quota di R²)",
    ),
    "painpoints_chart.performance": _t(
        "Performance (mean rating)",
        "Performanță (nota medie)",
        "Представяне (средна оценка)",
        "Wynik (średnia ocena)",
        "Desempenho (classificação média)",
        "Prestazione (voto medio)",
    ),
    "painpoints_chart.impact": _t(
        "Excess customers not moving on (95% CI)",
        "Clienți în plus care nu avansează (IÎ 95%)",
        "Допълнителни непродължили клиенти (95% ДИ)",
        "Dodatkowi klienci, którzy nie przeszli dalej (95% PU)",
        "Clientes a mais que não avançam (IC 95%)",
        "Clienti in più che non proseguono (IC 95%)",
    ),
    "painpoints_chart.moved_on": _t(
        "moved on", "au avansat", "продължили", "przeszli dalej", "avançaram", "hanno proseguito"
    ),
    "painpoints_chart.customers": _t(
        "Customers", "Clienți", "Клиенти", "Klienci", "Clientes", "Clienti"
    ),
    "painpoints_chart.share": _t(
        "Share of transitions",
        "Pondere din tranziții",
        "Дял от преходите",
        "Odsetek przejść",
        "Parte das transições",
        "Quota delle transizioni",
    ),
    # -- the journey map --
    "map.touchpoints": _t(
        "Touchpoints",
        "Puncte de contact",
        "Точки на контакт",
        "Punkty styku",
        "Pontos de contacto",
        "Punti di contatto",
    ),
    "map.actions": _t(
        "Customer actions",
        "Acțiunile clientului",
        "Действия на клиента",
        "Działania klienta",
        "Ações do cliente",
        "Azioni del cliente",
    ),
    "map.emotion": _t(
        "Emotion (score, 95% CI)",
        "Emoție (scor, IÎ 95%)",
        "Емоция (оценка, 95% ДИ)",
        "Emocje (wynik, 95% PU)",
        "Emoção (pontuação, IC 95%)",
        "Emozione (punteggio, IC 95%)",
    ),
    "map.pain_points": _t(
        "Pain points",
        "Puncte dureroase",
        "Болезнени точки",
        "Problemy",
        "Pontos de dor",
        "Punti critici",
    ),
    "map.opportunities": _t(
        "Opportunities", "Oportunități", "Възможности", "Szanse", "Oportunidades", "Opportunità"
    ),
    "map.not_moving_on": _t(
        "do not move on",
        "nu avansează",
        "не продължават",
        "nie przechodzi dalej",
        "não avançam",
        "non proseguono",
    ),
    "map.no_data": _t(
        "no data", "fără date", "няма данни", "brak danych", "sem dados", "nessun dato"
    ),
    # -- lead: what was not measured, and why --
    "not_given": _t(
        "not given",
        "nefurnizat",
        "не е предоставено",
        "nie dostarczono",
        "não fornecido",
        "non fornito",
    ),
    "rows_set_aside": _t(
        "rows set aside",
        "rânduri excluse",
        "изключени редове",
        "pominięte wiersze",
        "linhas postas de lado",
        "righe escluse",
    ),
    "not_measured_events": _t(
        "No event log was given: the behaviour of customers along the journey (funnel, "
        "waiting times, drop-off, paths) is not measured.",
        "Nu a fost furnizat niciun jurnal de evenimente: comportamentul clienților de-a lungul "
        "parcursului (pâlnie, timpi de așteptare, abandon, trasee) nu este măsurat.",
        "Не е предоставен дневник на събитията: поведението на клиентите по пътя (фуния, "
        "време за изчакване, отпадане, пътеки) не е измерено.",
        "Nie dostarczono dziennika zdarzeń: zachowanie klientów na ścieżce (lejek, czas "
        "oczekiwania, odpływ, ścieżki) nie jest mierzone.",
        "Não foi fornecido nenhum registo de eventos: o comportamento dos clientes ao longo do "
        "percurso (funil, tempos de espera, abandono, caminhos) não é medido.",
        "Non è stato fornito alcun registro degli eventi: il comportamento dei clienti lungo il "
        "percorso (imbuto, tempi di attesa, abbandono, percorsi) non è misurato.",
    ),
    "not_measured_customers": _t(
        "No customer file was given: results are not broken down by segment.",
        "Nu a fost furnizat niciun fișier de clienți: rezultatele nu sunt defalcate pe segmente.",
        "Не е предоставен файл с клиенти: резултатите не са разбити по сегменти.",
        "Nie dostarczono pliku klientów: wyniki nie są podzielone na segmenty.",
        "Não foi fornecido nenhum ficheiro de clientes: os resultados não são desagregados por "
        "segmento.",
        "Non è stato fornito alcun file clienti: i risultati non sono suddivisi per segmento.",
    ),
    "not_measured_survey": _t(
        "No survey was given: what customers say and write (scores, drivers, comments) is not "
        "measured.",
        "Nu a fost furnizat niciun sondaj: ce spun și scriu clienții (scoruri, factori, "
        "comentarii) nu este măsurat.",
        "Не е предоставено проучване: какво казват и пишат клиентите (оценки, фактори, "
        "коментари) не е измерено.",
        "Nie dostarczono ankiety: to, co klienci mówią i piszą (wyniki, czynniki, komentarze), "
        "nie jest mierzone.",
        "Não foi fornecido nenhum inquérito: o que os clientes dizem e escrevem (pontuações, "
        "fatores, comentários) não é medido.",
        "Non è stato fornito alcun sondaggio: ciò che i clienti dicono e scrivono (punteggi, "
        "fattori, commenti) non è misurato.",
    ),
    "not_measured_journey": _t(
        "No journey definition was given: stages cannot be told apart.",
        "Nu a fost furnizată nicio definiție a parcursului: etapele nu pot fi deosebite.",
        "Не е предоставена дефиниция на пътя: етапите не могат да бъдат разграничени.",
        "Nie dostarczono definicji ścieżki: etapów nie można rozróżnić.",
        "Não foi fornecida nenhuma definição do percurso: as etapas não podem ser distinguidas.",
        "Non è stata fornita alcuna definizione del percorso: le fasi non si possono distinguere.",
    ),
    "not_measured_part": _t(
        "Not measured: {why}",
        "Nemăsurat: {why}",
        "Не е измерено: {why}",
        "Nie zmierzono: {why}",
        "Não medido: {why}",
        "Non misurato: {why}",
    ),
    # -- lead: captions and notes of the section parts --
    "design_effect_caption": _t(
        "Weights: design effect and effective sample size",
        "Ponderi: efectul de design și mărimea efectivă a eșantionului",
        "Тегла: ефект на дизайна и ефективен размер на извадката",
        "Wagi: efekt schematu i efektywna liczebność próby",
        "Ponderações: efeito do desenho e dimensão efetiva da amostra",
        "Pesi: effetto del disegno e numerosità campionaria effettiva",
    ),
    "no_measures": _t(
        "The survey has no score the package recognises; name the measures under "
        "survey.measures in the configuration.",
        "Sondajul nu are niciun scor recunoscut; numiți măsurile la survey.measures în "
        "configurație.",
        "Проучването няма разпозната оценка; посочете мерките в survey.measures в конфигурацията.",
        "Ankieta nie ma rozpoznanego wyniku; wskaż miary w survey.measures w konfiguracji.",
        "O inquérito não tem nenhuma pontuação reconhecida; indique as medidas em "
        "survey.measures na configuração.",
        "Il sondaggio non ha punteggi riconosciuti; indicare le misure in survey.measures "
        "nella configurazione.",
    ),
    "scores_caption": _t(
        "Every score of the survey, with 95% intervals",
        "Toate scorurile sondajului, cu intervale de 95%",
        "Всички оценки от проучването, с 95% интервали",
        "Wszystkie wyniki ankiety z 95% przedziałami",
        "Todas as pontuações do inquérito, com intervalos de 95%",
        "Tutti i punteggi del sondaggio, con intervalli al 95%",
    ),
    "scores_by_caption": _t(
        "{measure} by {group}",
        "{measure} pe {group}",
        "{measure} по {group}",
        "{measure} według {group}",
        "{measure} por {group}",
        "{measure} per {group}",
    ),
    "no_groups": _t(
        "The survey has no groups or waves to compare.",
        "Sondajul nu are grupuri sau valuri de comparat.",
        "Проучването няма групи или вълни за сравнение.",
        "Ankieta nie ma grup ani fal do porównania.",
        "O inquérito não tem grupos nem vagas para comparar.",
        "Il sondaggio non ha gruppi né ondate da confrontare.",
    ),
    "compare_caption": _t(
        "{measure}: differences between {group} groups",
        "{measure}: diferențe între grupurile {group}",
        "{measure}: разлики между групите по {group}",
        "{measure}: różnice między grupami {group}",
        "{measure}: diferenças entre grupos de {group}",
        "{measure}: differenze tra i gruppi di {group}",
    ),
    "waves_caption": _t(
        "{measure}: change from one wave to the next",
        "{measure}: schimbarea de la un val la următorul",
        "{measure}: промяна от една вълна към следващата",
        "{measure}: zmiana między kolejnymi falami",
        "{measure}: variação de uma vaga para a seguinte",
        "{measure}: variazione da un'ondata alla successiva",
    ),
    "no_drivers": _t(
        "No rating columns are configured (survey.drivers).",
        "Nu sunt configurate coloane de evaluare (survey.drivers).",
        "Не са зададени колони с оценки (survey.drivers).",
        "Nie skonfigurowano kolumn ocen (survey.drivers).",
        "Não estão configuradas colunas de avaliação (survey.drivers).",
        "Non sono configurate colonne di valutazione (survey.drivers).",
    ),
    "no_driver_analysis": _t(
        "Not measured: the key-driver analysis needs an outcome (survey.outcome) and at least "
        "two ratings (survey.drivers).",
        "Nemăsurat: analiza factorilor cheie necesită un rezultat (survey.outcome) și cel puțin "
        "două evaluări (survey.drivers).",
        "Не е измерено: анализът на ключовите фактори изисква резултат (survey.outcome) и поне "
        "две оценки (survey.drivers).",
        "Nie zmierzono: analiza kluczowych czynników wymaga wyniku (survey.outcome) i co "
        "najmniej dwóch ocen (survey.drivers).",
        "Não medido: a análise de fatores-chave precisa de um resultado (survey.outcome) e de "
        "pelo menos duas avaliações (survey.drivers).",
        "Non misurato: l'analisi dei fattori chiave richiede un risultato (survey.outcome) e "
        "almeno due valutazioni (survey.drivers).",
    ),
    "drivers_relative_weights": _t(
        "With more than eight ratings the importance is Johnson's relative weights, a close "
        "approximation of LMG that does not fit every subset of the ratings.",
        "Cu mai mult de opt evaluări, importanța este dată de ponderile relative Johnson, o "
        "aproximare apropiată a LMG care nu ajustează fiecare submulțime de evaluări.",
        "При повече от осем оценки важността е по относителните тегла на Джонсън – близко "
        "приближение на LMG, което не оценява всяко подмножество от оценки.",
        "Przy więcej niż ośmiu ocenach ważność to wagi względne Johnsona, bliskie przybliżenie "
        "LMG, które nie dopasowuje każdego podzbioru ocen.",
        "Com mais de oito avaliações, a importância são os pesos relativos de Johnson, uma "
        "aproximação próxima do LMG que não ajusta todos os subconjuntos de avaliações.",
        "Con più di otto valutazioni l'importanza è data dai pesi relativi di Johnson, "
        "un'approssimazione vicina all'LMG che non stima ogni sottoinsieme di valutazioni.",
    ),
    "drivers_caption": _t(
        "What drives {outcome}: relative importance with 95% intervals",
        "Ce influențează {outcome}: importanța relativă cu intervale de 95%",
        "Какво движи {outcome}: относителна важност с 95% интервали",
        "Co wpływa na {outcome}: względna ważność z 95% przedziałami",
        "O que influencia {outcome}: importância relativa com intervalos de 95%",
        "Cosa influenza {outcome}: importanza relativa con intervalli al 95%",
    ),
    "alpha_caption": _t(
        "Cronbach's alpha (Feldt 95% interval)",
        "Alfa Cronbach (interval Feldt de 95%)",
        "Алфа на Кронбах (95% интервал по Фелдт)",
        "Alfa Cronbacha (95% przedział Feldta)",
        "Alfa de Cronbach (intervalo de Feldt a 95%)",
        "Alfa di Cronbach (intervallo di Feldt al 95%)",
    ),
    "items_caption": _t(
        "Items of the scale",
        "Itemii scalei",
        "Елементи на скалата",
        "Pozycje skali",
        "Itens da escala",
        "Item della scala",
    ),
    "no_comments": _t(
        "Not measured: the survey has no comment column (survey.text).",
        "Nemăsurat: sondajul nu are o coloană de comentarii (survey.text).",
        "Не е измерено: проучването няма колона с коментари (survey.text).",
        "Nie zmierzono: ankieta nie ma kolumny z komentarzami (survey.text).",
        "Não medido: o inquérito não tem coluna de comentários (survey.text).",
        "Non misurato: il sondaggio non ha una colonna di commenti (survey.text).",
    ),
    "themes_caption": _t(
        "Themes in the comments",
        "Teme în comentarii",
        "Теми в коментарите",
        "Tematy w komentarzach",
        "Temas nos comentários",
        "Temi nei commenti",
    ),
    "theme_differences_caption": _t(
        "Themes of the dissatisfied against the satisfied ({measure})",
        "Temele nemulțumiților față de cele ale mulțumiților ({measure})",
        "Теми на недоволните спрямо доволните ({measure})",
        "Tematy niezadowolonych wobec zadowolonych ({measure})",
        "Temas dos insatisfeitos face aos satisfeitos ({measure})",
        "Temi degli insoddisfatti rispetto ai soddisfatti ({measure})",
    ),
    "quotes_caption": _t(
        "Quotes: {theme}",
        "Citate: {theme}",
        "Цитати: {theme}",
        "Cytaty: {theme}",
        "Citações: {theme}",
        "Citazioni: {theme}",
    ),
    "satisfied": _t(
        "satisfied", "mulțumiți", "доволни", "zadowoleni", "satisfeitos", "soddisfatti"
    ),
    "dissatisfied": _t(
        "dissatisfied",
        "nemulțumiți",
        "недоволни",
        "niezadowoleni",
        "insatisfeitos",
        "insoddisfatti",
    ),
    "step_outcomes_caption": _t(
        "Customers per step and outcome",
        "Clienți pe pas și rezultat",
        "Клиенти по стъпка и резултат",
        "Klienci według kroku i wyniku",
        "Clientes por passo e resultado",
        "Clienti per passo ed esito",
    ),
    "outcome_waiting": _t(
        "still waiting",
        "încă în așteptare",
        "все още чакат",
        "nadal czekają",
        "ainda à espera",
        "ancora in attesa",
    ),
    "outcome_moved_on": _t(
        "moved on", "au avansat", "продължили", "przeszli dalej", "avançaram", "sono avanzati"
    ),
    "outcome_exited": _t(
        "left", "au plecat", "напуснали", "odeszli", "saíram", "hanno abbandonato"
    ),
    "conversion_caption": _t(
        "Share reaching the next stage within each horizon",
        "Ponderea celor care ajung în etapa următoare în fiecare orizont",
        "Дял, достигнал следващия етап във всеки хоризонт",
        "Odsetek docierających do następnego etapu w każdym horyzoncie",
        "Percentagem que chega à etapa seguinte em cada horizonte",
        "Quota che raggiunge la fase successiva entro ogni orizzonte",
    ),
    "cohorts_caption": _t(
        "By month of entering the stage: the naive funnel understates recent months",
        "Pe luna intrării în etapă: pâlnia naivă subestimează lunile recente",
        "По месец на влизане в етапа: наивната фуния подценява последните месеци",
        "Według miesiąca wejścia do etapu: naiwny lejek zaniża ostatnie miesiące",
        "Por mês de entrada na etapa: o funil ingénuo subestima os meses recentes",
        "Per mese di ingresso nella fase: l'imbuto ingenuo sottostima i mesi recenti",
    ),
    "logrank_caption": _t(
        "Log-rank test",
        "Testul log-rank",
        "Лог-ранг тест",
        "Test log-rank",
        "Teste log-rank",
        "Test log-rank",
    ),
    "quartiles_caption": _t(
        "Time to the next stage: quartiles with 95% intervals",
        "Timpul până la etapa următoare: cuartile cu intervale de 95%",
        "Време до следващия етап: квартили с 95% интервали",
        "Czas do następnego etapu: kwartyle z 95% przedziałami",
        "Tempo até à etapa seguinte: quartis com intervalos de 95%",
        "Tempo alla fase successiva: quartili con intervalli al 95%",
    ),
    "no_exits": _t(
        "No customer left at this step: there is no competing outcome to show.",
        "Niciun client nu a plecat la acest pas: nu există un rezultat concurent.",
        "Никой клиент не е напуснал на тази стъпка: няма конкурентен изход.",
        "Żaden klient nie odszedł na tym kroku: brak konkurencyjnego wyniku.",
        "Nenhum cliente saiu neste passo: não há resultado concorrente a mostrar.",
        "Nessun cliente ha abbandonato in questo passo: nessun esito concorrente.",
    ),
    "no_covariates": _t(
        "Not measured: no customer segments to model (segments).",
        "Nemăsurat: nu există segmente de clienți de modelat (segments).",
        "Не е измерено: няма клиентски сегменти за модела (segments).",
        "Nie zmierzono: brak segmentów klientów do modelu (segments).",
        "Não medido: não há segmentos de clientes para modelar (segments).",
        "Non misurato: nessun segmento di clienti da modellare (segments).",
    ),
    "cox_caption": _t(
        "Cox model: hazard ratios of moving on",
        "Modelul Cox: rapoarte de risc ale avansării",
        "Модел на Кокс: отношения на риска за продължаване",
        "Model Coxa: ilorazy hazardu przejścia dalej",
        "Modelo de Cox: razões de risco de avançar",
        "Modello di Cox: rapporti di rischio dell'avanzamento",
    ),
    "ph_caption": _t(
        "Proportional-hazards check",
        "Verificarea riscurilor proporționale",
        "Проверка на пропорционалните рискове",
        "Sprawdzenie proporcjonalności hazardów",
        "Verificação dos riscos proporcionais",
        "Verifica dei rischi proporzionali",
    ),
    "finegray_caption": _t(
        "Fine-Gray subdistribution hazard ratios",
        "Rapoarte de risc de subdistribuție Fine-Gray",
        "Отношения на риска на поддистрибуцията по Файн-Грей",
        "Ilorazy hazardu podrozkładu Fine-Graya",
        "Razões de risco de subdistribuição de Fine-Gray",
        "Rapporti di rischio di sottodistribuzione di Fine-Gray",
    ),
    "restricted_mean_caption": _t(
        "Expected time in each stage during the first {horizon}",
        "Timpul așteptat în fiecare etapă în primele {horizon}",
        "Очаквано време във всеки етап през първите {horizon}",
        "Oczekiwany czas w każdym etapie w ciągu pierwszych {horizon}",
        "Tempo esperado em cada etapa durante os primeiros {horizon}",
        "Tempo atteso in ogni fase durante i primi {horizon}",
    ),
    "dropoff_caption": _t(
        "Share not moving on by the horizon (95% intervals), beside the naive share",
        "Ponderea celor care nu avansează până la orizont (intervale de 95%), lângă ponderea naivă",
        "Дял, който не продължава до хоризонта (95% интервали), до наивния дял",
        "Odsetek nieprzechodzących dalej do horyzontu (95% przedziały) obok naiwnego odsetka",
        "Percentagem que não avança até ao horizonte (intervalos de 95%), ao lado da "
        "percentagem ingénua",
        "Quota che non avanza entro l'orizzonte (intervalli al 95%), accanto alla quota ingenua",
    ),
    "slowest_caption": _t(
        "Median time to the next stage, slowest first",
        "Timpul median până la etapa următoare, cele mai lente primele",
        "Медианно време до следващия етап, най-бавните първи",
        "Mediana czasu do następnego etapu, najwolniejsze najpierw",
        "Tempo mediano até à etapa seguinte, os mais lentos primeiro",
        "Tempo mediano alla fase successiva, i più lenti per primi",
    ),
    "exits_caption": _t(
        "Exits in each stage, {per}",
        "Ieșiri în fiecare etapă, {per}",
        "Напускания във всеки етап, {per}",
        "Odejścia w każdym etapie, {per}",
        "Saídas em cada etapa, {per}",
        "Uscite in ogni fase, {per}",
    ),
    "stage_paths_caption": _t(
        "The most common stage paths",
        "Cele mai frecvente trasee de etape",
        "Най-честите пътеки по етапи",
        "Najczęstsze ścieżki etapów",
        "Os caminhos de etapas mais comuns",
        "I percorsi di fasi più comuni",
    ),
    "event_paths_caption": _t(
        "The most common event paths (repeats in a row collapsed)",
        "Cele mai frecvente trasee de evenimente (repetările comasate)",
        "Най-честите пътеки по събития (повторенията слети)",
        "Najczęstsze ścieżki zdarzeń (powtórzenia scalone)",
        "Os caminhos de eventos mais comuns (repetições seguidas juntas)",
        "I percorsi di eventi più comuni (ripetizioni consecutive unite)",
    ),
    "repeats_caption": _t(
        "Events customers repeat",
        "Evenimente pe care clienții le repetă",
        "Събития, които клиентите повтарят",
        "Zdarzenia powtarzane przez klientów",
        "Eventos que os clientes repetem",
        "Eventi che i clienti ripetono",
    ),
    "loops_caption": _t(
        "Returns to an earlier event (A, B, A)",
        "Reveniri la un eveniment anterior (A, B, A)",
        "Връщания към по-ранно събитие (A, B, A)",
        "Powroty do wcześniejszego zdarzenia (A, B, A)",
        "Regressos a um evento anterior (A, B, A)",
        "Ritorni a un evento precedente (A, B, A)",
    ),
    "after_dropoff_caption": _t(
        "What customers did in the stage {stage} they never left, and how it ended",
        "Ce au făcut clienții în etapa {stage} pe care nu au depășit-o și cum s-a încheiat",
        "Какво са правили клиентите в етапа {stage}, който не са напуснали, и как е завършило",
        "Co robili klienci w etapie {stage}, którego nie opuścili, i jak się to skończyło",
        "O que os clientes fizeram na etapa {stage} de que nunca saíram, e como terminou",
        "Cosa hanno fatto i clienti nella fase {stage} che non hanno mai lasciato, e come è finita",
    ),
    "no_touchpoints": _t(
        "The journey names no touchpoint that customers met.",
        "Parcursul nu numește niciun punct de contact întâlnit de clienți.",
        "Пътят не назовава точка на контакт, срещната от клиентите.",
        "Ścieżka nie wymienia punktu styku, z którym zetknęli się klienci.",
        "O percurso não indica nenhum ponto de contacto que os clientes tenham encontrado.",
        "Il percorso non indica alcun punto di contatto incontrato dai clienti.",
    ),
    "touchpoints_caption": _t(
        "Hazard ratios of moving on and of leaving (95% CI, Holm-adjusted p)",
        "Rapoarte de risc ale avansării și ale plecării (IÎ 95%, p ajustat Holm)",
        "Отношения на риска за продължаване и напускане (95% ДИ, p с корекция на Холм)",
        "Ilorazy hazardu przejścia dalej i odejścia (95% PU, p skorygowane metodą Holma)",
        "Razões de risco de avançar e de sair (IC 95%, p ajustado por Holm)",
        "Rapporti di rischio di avanzamento e di abbandono (IC 95%, p corretto con Holm)",
    ),
    "ipa_caption": _t(
        "Importance and performance, 95% intervals",
        "Importanță și performanță, intervale de 95%",
        "Важност и представяне, 95% интервали",
        "Ważność i wykonanie, 95% przedziały",
        "Importância e desempenho, intervalos de 95%",
        "Importanza e prestazione, intervalli al 95%",
    ),
    "ranked_caption": _t(
        "Pain points ranked: customers affected, excess customers not moving on by {horizon}",
        "Punctele critice ordonate: clienți afectați, clienți în plus care nu avansează până la "
        "{horizon}",
        "Класирани болезнени точки: засегнати клиенти, допълнителни клиенти, които не "
        "продължават до {horizon}",
        "Punkty bólu w kolejności: dotknięci klienci, nadwyżka klientów nieprzechodzących dalej "
        "do {horizon}",
        "Pontos de dor ordenados: clientes afetados, clientes a mais que não avançam até {horizon}",
        "Punti critici in ordine: clienti coinvolti, clienti in più che non avanzano entro "
        "{horizon}",
    ),
    "map_caption": _t(
        "{client}: customer journey map",
        "{client}: harta parcursului clientului",
        "{client}: карта на пътя на клиента",
        "{client}: mapa ścieżki klienta",
        "{client}: mapa do percurso do cliente",
        "{client}: mappa del percorso del cliente",
    ),
    # -- timeunit --
    # time units (cjresearch.core.timeunits.unit_label): bare plural (axis titles), then the
    # forms after a count: one, few (ro 2-19, pl 2-4), many; within_one: after "within 1"
    "timeunit.seconds": _t("seconds", "secunde", "секунди", "sekundy", "segundos", "secondi"),
    "timeunit.seconds.one": _t("second", "secundă", "секунда", "sekunda", "segundo", "secondo"),
    "timeunit.seconds.few": _t("seconds", "secunde", "секунди", "sekundy", "segundos", "secondi"),
    "timeunit.seconds.many": _t(
        "seconds", "de secunde", "секунди", "sekund", "segundos", "secondi"
    ),
    "timeunit.seconds.within_one": _t(
        "second", "secundă", "секунда", "sekundy", "segundo", "secondo"
    ),
    "timeunit.minutes": _t("minutes", "minute", "минути", "minuty", "minutos", "minuti"),
    "timeunit.minutes.one": _t("minute", "minut", "минута", "minuta", "minuto", "minuto"),
    "timeunit.minutes.few": _t("minutes", "minute", "минути", "minuty", "minutos", "minuti"),
    "timeunit.minutes.many": _t("minutes", "de minute", "минути", "minut", "minutos", "minuti"),
    "timeunit.minutes.within_one": _t("minute", "minut", "минута", "minuty", "minuto", "minuto"),
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
    "timeunit.weeks.few": _t("weeks", "săptămâni", "седмици", "tygodnie", "semanas", "settimane"),
    "timeunit.weeks.many": _t(
        "weeks", "de săptămâni", "седмици", "tygodni", "semanas", "settimane"
    ),
    "timeunit.weeks.within_one": _t(
        "week", "săptămână", "седмица", "tygodnia", "semana", "settimana"
    ),
    "timeunit.within": _t(
        "within {n} {unit}",
        "în {n} {unit}",
        "до {n} {unit}",
        "w ciągu {n} {unit}",
        "em {n} {unit}",
        "entro {n} {unit}",
    ),
    "timeunit.since_stage": _t(
        "{unit} since entering the stage",
        "{unit} de la intrarea în etapă",
        "{unit} от влизането в етапа",
        "{unit} od wejścia do etapu",
        "{unit} desde a entrada na etapa",
        "{unit} dall'ingresso nella fase",
    ),
    "timeunit.since_start": _t(
        "{unit} since the journey start",
        "{unit} de la începutul parcursului",
        "{unit} от началото на пътя",
        "{unit} od początku ścieżki",
        "{unit} desde o início da jornada",
        "{unit} dall'inizio del percorso",
    ),
    "timeunit.step_title": _t(
        "Moving on to the next stage {within}",
        "Trecerea la etapa următoare {within}",
        "Преминаване към следващия етап {within}",
        "Przejście do następnego etapu {within}",
        "Passagem à etapa seguinte {within}",
        "Passaggio alla fase successiva {within}",
    ),
    "timeunit.steps_caption": _t(
        "Moving on to the next stage {within}, by step and segment",
        "Trecerea la etapa următoare {within}, pe pas și segment",
        "Преминаване към следващия етап {within}, по стъпка и сегмент",
        "Przejście do następnego etapu {within}, według kroku i segmentu",
        "Passagem à etapa seguinte {within}, por passo e segmento",
        "Passaggio alla fase successiva {within}, per passo e segmento",
    ),
    "timeunit.per_customer_time": _t(
        "per {n} customer-{unit}",
        "la {n} {unit}-client",
        "на {n} клиентски {unit}",
        "na {n} {unit} klienta",
        "por {n} {unit}-cliente",
        "per {n} {unit}-cliente",
    ),
}

#: Headers of the shared result columns in tables (``cjresearch.core.columns`` and friends).
COLUMNS: dict[str, dict[str, str]] = {
    "n": _t("n", "n", "n", "n", "n", "n"),
    "base": _t("Base", "Bază", "База", "Baza", "Base", "Base"),
    "estimate": _t("Estimate", "Estimare", "Оценка", "Oszacowanie", "Estimativa", "Stima"),
    "se": _t(
        "Std. error", "Eroare std.", "Станд. грешка", "Błąd std.", "Erro padrão", "Errore std."
    ),
    "ci_low": TEXTS["ci_low"],
    "ci_high": TEXTS["ci_high"],
    "p_value": _t("p-value", "valoare p", "p-стойност", "wartość p", "valor p", "valore p"),
    "effect": _t("Effect", "Efect", "Ефект", "Efekt", "Efeito", "Effetto"),
    "small_base": _t(
        "Small base", "Bază mică", "Малка база", "Mała baza", "Base pequena", "Base ridotta"
    ),
    "stage": TEXTS["stage"],
    "share": TEXTS["share_all"],
    "segment": TEXTS["segment"],
    "wave": _t("Wave", "Val", "Вълна", "Fala", "Vaga", "Ondata"),
    "touchpoint": _t(
        "Touchpoint",
        "Punct de contact",
        "Точка на контакт",
        "Punkt styku",
        "Ponto de contacto",
        "Punto di contatto",
    ),
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
        raise DataValidationError(
            f"language '{language}' is not supported", fix=f"use one of {', '.join(LANGUAGES)}"
        )
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
        raise DataValidationError(
            f"no report text called '{key}'", fix=f"use one of {', '.join(sorted(TEXTS))}"
        ) from None
    out = entry[check_language(language)]
    return out.format(**fields) if fields else out


def column_label(column: str, language: str) -> str:
    """The header of a shared result column in ``language`` (other names unchanged)."""
    entry = COLUMNS.get(column)
    return entry[check_language(language)] if entry else column
