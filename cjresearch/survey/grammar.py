"""Words that shape how a comment's words are read, per language.

Negators and their scope, contrasting conjunctions, verbs of saying that carry
a negation on, sentiment words and stop words, for en, ro, bg, pl, pt and it;
:mod:`cjresearch.survey.wording` applies them and
:mod:`cjresearch.survey.lexicon` documents the rules.
"""

from __future__ import annotations


def _word_sets(table: dict[str, str]) -> dict[str, frozenset[str]]:
    """Space-separated words per language, as sets."""
    return {k: frozenset(v.split()) for k, v in table.items()}


__all__ = [
    "BREAKS",
    "CANCELLERS",
    "CONTRASTS",
    "DURATION_UNITS",
    "EXCEPTIVES",
    "EXPECTING",
    "EXTENDERS",
    "IFS",
    "INTENSIFIERS",
    "LESS_THAN",
    "LONG_DAYS",
    "NEGATING_PAIRS",
    "NEGATIVE",
    "NEGATORS",
    "NEVER",
    "NUMBER_WORDS",
    "ONLY",
    "PLURAL_UNITS",
    "POSITIVE",
    "SCOPE",
    "SHORT_DAYS",
    "STOP_WORDS_TEXT",
    "WEEKDAYS",
    "WINDOW",
]

#: words after a negator that it reaches ("nu m-au ajutat": nu -> m, au, ajutat)
SCOPE = 5
#: the most words a cue's slots may span
WINDOW = 6

#: words that negate the next few words (compared without accents, as whole words)
NEGATORS: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "not no never nobody none nothing nowhere neither nor without hardly barely noone zero cant"
        " dont didnt doesnt isnt wasnt werent arent couldnt wont wouldnt havent hasnt hasn aint",
        "ro": "nu niciodata nimeni nimic niciun nicio nici fara deloc zero n",
        "bg": "не никога никой никоя никого нищо няма нямам нямаше нямало нямат нямаме никак никъде нито"
        " без никакъв никаква никакво никакви нула",
        "pl": "nie nigdy nikt nikogo nic zaden zadna zadne zadnych bez ani brak niezbyt zero",
        "pt": "nao nunca ninguem nada nenhum nenhuma sem nem jamais zero",
        "it": "non nn mai nessuno nessun nessuna alcun alcuna niente nulla senza neanche nemmeno neppure"
        " mica zero",
    }
)

#: two words that negate what follows, like a negator: "far from fast", "tutt'altro che
#: veloce", "departe de a fi rapid" (the first word, followed by the second, negates)
NEGATING_PAIRS: dict[str, frozenset[tuple[str, str]]] = {
    k: frozenset(tuple(p.split("+")) for p in v.split())  # type: ignore[misc]
    for k, v in {
        "en": "far+from",
        "ro": "departe+de",
        "bg": "далеч+от",
        "pl": "daleko+od daleko+do",
        "pt": "longe+de",
        "it": "altro+che lungi+da",
    }.items()
}
#: negators that, with an intensifier and a tone word after them, marvel rather than
#: deny: "never had a parcel this fast", "mai vista una consegna così rapida"
NEVER: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "never nobody noone",
        "ro": "niciodata nimeni",
        "bg": "никога никой",
        "pl": "nigdy nikt",
        "pt": "nunca ninguem jamais",
        "it": "mai nessuno",
    }
)
#: stems of verbs of expecting: negated, they marvel too ("I didn't expect it so soon")
EXPECTING: dict[str, tuple[str, ...]] = {
    k: tuple(v.split())
    for k, v in {
        "en": "expect imagin thought believ",
        "ro": "astept imagin gandit credeam",
        "bg": "очаквах очаквал очаквала мислех предполагах",
        "pl": "spodziew sadzil myslal przypuszcz",
        "pt": "esperava imagin acreditei acreditava pensei pensava achei achava",
        "it": "aspettav aspettat immagin pensavo credevo",
    }.items()
}
#: "so", "such": after a marvelling negator, before a tone word
INTENSIFIERS: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "so such this as",
        "ro": "atat atit asa",
        "bg": "толкова такава такъв такова такива",
        "pl": "tak taka takiej taki takiego takie takim",
        "pt": "tao tanto tal",
        "it": "cosi tanto tale",
    }
)
#: a negator up to three words after one of these is a condition, not a denial:
#: "I'd give five stars if not for the delay", "se não fosse o atraso"
IFS: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "if unless",
        "ro": "daca",
        "bg": "ако",
        "pl": "gdyby jesli jezeli",
        "pt": "se",
        "it": "se",
    }
)
#: a word after a negator and the word before it that make "can only": "non posso che"
EXCEPTIVES: dict[str, frozenset[tuple[str, str]]] = {
    "it": frozenset((w, "che") for w in ["posso", "puo", "possiamo", "possono", "potrei"]),
}
#: a negator right before one of these does not negate: "not only fast but cheap",
#: "nu doar rapid", "не само бързо", "nie tylko szybko", "não só rápido", "non solo veloce"
ONLY: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "only just merely",
        "ro": "doar numai",
        "bg": "само",
        "pl": "tylko",
        "pt": "so apenas somente",
        "it": "solo soltanto solamente",
    }
)
#: stems of verbs that, negated, affirm what follows; they end the negator's scope
#: (double negation): "I wouldn't hesitate to recommend", "nu regret", "не се съмнявам"
CANCELLERS: dict[str, tuple[str, ...]] = {
    k: tuple(v.split())
    for k, v in {
        "en": "hesitat doubt regret",
        "ro": "ezit indoi regret",
        "bg": "колеба поколеба съмнява съжаля",
        "pl": "waha zawaha watpi zaluj",
        "pt": "hesit duvid arrepend",
        "it": "esitat esiter dubit pentit pento",
    }.items()
}
#: contrasting words: they end a negator's scope and split a comment into clauses,
#: whose words a cue may not combine (compared as written, in lower case)
CONTRASTS: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "but however although though yet whereas",
        "ro": "dar însă insa totuși totusi iar deși desi",
        "bg": "но ала обаче а",
        "pl": "ale jednak lecz natomiast",
        "pt": "mas porém porem contudo todavia",
        "it": "ma però pero tuttavia invece",
    }
)
#: verbs of saying and thinking carry a negator on to the clause they introduce:
#: "I can't say the prices are high", "nu pot să zic că prețurile sunt mari"
EXTENDERS: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "say think call claim find feel that",
        "ro": "zic spun spune cred pot ca",
        "bg": "кажа казвам казал казала бих мисля смятам твърдя че",
        "pl": "powiedziec powiem powiedzialbym powiedzialabym stwierdzic uwazam sadze ze zeby",
        "pt": "dizer digo acho considero posso que",
        "it": "dire dico direi penso credo posso che",
    }
)
#: words that end a negator's scope without splitting the clause: "and" ("no delays
#: and fast") and "but, except" ("nothing but praise": "nimic decât", "нищо освен")
BREAKS: dict[str, frozenset[str]] = {
    k: CONTRASTS[k] | frozenset(v.split())
    # not "e" in pt and it: written without its accent it is "é"/"è" (is)
    for k, v in {
        "en": "and except",
        "ro": "și decât decat",
        "bg": "и освен",
        "pl": "i poza oprócz oprocz",
        "pt": "senão senao exceto",
        "it": "tranne eccetto fuorché fuorche",
    }.items()
}


#: a duration of at most this many days is short ("in 2 days", "within 24 hours") ...
SHORT_DAYS = 2
#: ... and of at least this many long ("10 working days", "two weeks", "a month")
LONG_DAYS = 7


def _units(table: dict[str, str]) -> dict[str, dict[str, float]]:
    """``"day days:1 week:7"`` -> {"day": 1, "days": 1, "week": 7} per language."""
    out: dict[str, dict[str, float]] = {}
    for lang, text in table.items():
        out[lang] = {}
        for group in text.split(";"):
            forms, days = group.rsplit(":", 1)
            out[lang].update(dict.fromkeys(forms.split(), float(days)))
    return out


#: words of time and their length in days (folded, as written); a number or a
#: number word up to two words before makes a duration: "10 working days",
#: "dwóch tygodniach", "un paio di giorni"; "weeks" and "months" alone are long
DURATION_UNITS: dict[str, dict[str, float]] = _units(
    {
        "en": "hour hours hr hrs:0.04; day days:1; week weeks:7; fortnight:14; month months:30",
        "ro": "ora ore orei:0.04; zi zile zilei:1; saptamana saptamani saptamanii:7;"
        " luna luni lunii:30",
        "bg": "час часа часове:0.04; ден дни дена деня:1; седмица седмици седмица:7;"
        " месец месеца месеци:30",
        "pl": "godzina godziny godzin godzine:0.04; dzien dni dnia dniach:1;"
        " tydzien tygodnie tygodni tygodnia tygodniach tydzen:7;"
        " miesiac miesiace miesiecy miesiaca miesiacach:30",
        "pt": "hora horas:0.04; dia dias:1; semana semanas:7; mes meses:30",
        "it": "ora ore:0.04; giorno giorni:1; settimana settimane:7; mese mesi:30",
    }
)
#: number words (folded) and their value; "a few" counts as three
NUMBER_WORDS: dict[str, dict[str, float]] = _units(
    {
        "en": "a an one:1; two couple:2; three few several:3; four:4; five:5; six:6; seven:7;"
        " eight:8; nine:9; ten:10; eleven:11; twelve:12; fifteen:15; twenty:20; thirty:30",
        "ro": "o un una unu:1; doua doi:2; trei cateva citeva:3; patru:4; cinci:5; sase:6;"
        " sapte:7; opt:8; noua:9; zece:10; cincisprezece:15; douazeci:20; treizeci:30",
        "bg": "един една едно:1; два две:2; три няколко:3; четири:4; пет:5; шест:6; седем:7;"
        " осем:8; девет:9; десет:10; петнадесет петнайсет:15; двадесет двайсет:20",
        "pl": "jeden jedna jednego jednym:1; dwa dwie dwoch dwu dwoma:2;"
        " trzy trzech kilka kilku:3; cztery czterech:4; piec pieciu:5; szesc szesciu:6;"
        " siedem siedmiu:7; osiem osmiu:8; dziewiec dziewieciu:9; dziesiec dziesieciu:10;"
        " pietnascie:15; dwadziescia:20; trzydziesci:30",
        "pt": "um uma:1; dois duas:2; tres alguns algumas:3; quatro:4; cinco:5; seis:6; sete:7;"
        " oito:8; nove:9; dez:10; quinze:15; vinte:20; trinta:30",
        "it": "un uno una:1; due paio:2; tre qualche alcuni:3; quattro:4; cinque:5; sei:6;"
        " sette:7; otto:8; nove:9; dieci:10; quindici:15; venti:20; trenta:30",
    }
)
#: plurals that are long without a number: "it took weeks", "settimane di attesa"
PLURAL_UNITS: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "weeks months",
        "ro": "saptamani",  # not "luni": also Monday
        "bg": "седмици месеци",
        "pl": "tygodnie tygodni miesiace miesiecy",
        "pt": "semanas meses",
        "it": "settimane mesi",
    }
)
#: "less than a week" is neither short nor long
LESS_THAN: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "less under",
        "ro": "putin",
        "bg": "малко",
        "pl": "mniej niecale niecaly niecala",
        "pt": "menos",
        "it": "meno",
    }
)
#: the days of the week, Monday first, with their inflected forms (folded):
#: "ordered on Monday, here on Tuesday" is a short duration
WEEKDAYS: dict[str, dict[str, float]] = _units(
    {
        "en": "monday:0; tuesday tues:1; wednesday:2; thursday thurs:3;"
        " friday fri:4; saturday:5; sunday:6",
        "ro": "luni:0; marti:1; miercuri:2; joi:3; vineri:4; sambata:5; duminica:6",
        "bg": "понеделник:0; вторник:1; сряда:2; четвъртък:3; петък:4; събота:5; неделя:6",
        "pl": "poniedzialek:0; wtorek:1; sroda srode:2; czwartek:3; piatek:4;"
        " sobota sobote:5; niedziela niedziele:6",
        "pt": "segunda:0; terca:1; quarta:2; quinta:3; sexta:4; sabado:5; domingo:6",
        "it": "lunedi:0; martedi:1; mercoledi:2; giovedi:3; venerdi:4; sabato:5; domenica:6",
    }
)

#: stems of words that carry a positive or a negative tone
POSITIVE: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "good great excellent amazing awesome perfect love lovely happy satisfied pleased"
        " recommend fantastic brilliant nice helpful friendly fast quick easy thank best super"
        " wonderful smooth impressed speedy",
        "ro": "bun buna bune excelent super perfect multumit recomand minunat rapid repede usor amabil"
        " grozav frumos placut incantat top",
        "bg": "добр отличн страхот перфект доволен доволна доволни препоръч чудес бърз лесн любезн"
        " супер благодар прекрас",
        "pl": "dobr swietn super doskonal idealn zadowol polecam rewelac szybk latw mil pomocn pomogl"
        " dziekuj fajn najlepsz",
        "pt": "bom boa bons otim excelent perfeit satisfeit recomend maravilh rapid depressa= facil"
        " simpatic"
        " obrigad adorei amei top incrivel gostei",
        "it": "buon ottim eccellent perfett soddisfatt consiglio fantastic rapid veloc facil gentil"
        " grazie super splendid top contento",
    }
)
NEGATIVE: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "bad terrible awful horrible worst poor disappoint late delay error crash expensive"
        " rude useless broken annoy frustrat angry never scam waste wrong problem fail",
        "ro": "prost proasta groaznic oribil dezamag intarzi eroare scump nepoliticos inutil"
        " problem nemultumit jalnic penibil teapa",
        "bg": "лош ужас кошмар разочар закъсн грешк скъп груб проблем недовол измам отврат",
        "pl": "zl fataln okropn beznadziej rozczar spozni blad drog niemil problem niezadowol"
        " oszust dramat tragedi",
        "pt": "mau ma pessim horrivel terrivel decepcion atras erro caro grosseir problem"
        " insatisfeit golpe lixo vergonha",
        "it": "cattiv pessim terribil orribil delus ritard errore caro scortes problem"
        " insoddisfatt truffa vergogn schifo",
    }
)

#: stop words per language for the frequent terms of uncaught comments (no accents)
STOP_WORDS_TEXT: dict[str, str] = {
    "en": "a about after again all also am an and any are as at be been before being but by can "
    "could did do does doing for from get got had has have he her here his how i if in into is it "
    "its just me more most my no not now of on one only or other our out she so some such than "
    "that the their them then there these they this those to too up very was we were what when "
    "where which who why will with would you your",
    "ro": "a acest aceasta acum al ale am ar are as asa au ca cand care ce cel cea cei cele cu dar "
    "de deja din dupa este eu fi fost foarte in inca iar il la le lor mai ma mi mult nici nu o "
    "pe pentru prea sa sau se si sunt tot toate un una unei unui va voi",
    "bg": "а аз в във вече да до докато е за и из или като които към ли ме ми много на не но от "
    "по при с се си са сме съм също та те то тук че ще я беше бяха бях след още само това този",
    "pl": "a aby ale bardzo bez by byl byla bylo byly co czy dla do i ich jak jak jest jestem juz "
    "ma mi mnie moj na nie o od po przez sie tak tam to tylko w we wiec z za ze zeby",
    "pt": "a ao aos as com como da das de do dos e ela ele em era esta este eu foi isso ja mais "
    "mas me meu minha muito na nao no nos o os ou para pela pelo por que se sem ser so tambem "
    "um uma",
    "it": "a ad al alla anche che ci come con da dal del della di e gli ha hanno ho i il in la le "
    "lo ma mi molto nel non per piu se si sono su tra un una uno gia ancora",
}
