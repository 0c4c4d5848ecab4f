"""Words that shape how a comment's words are read, per language.

Negators and their scope, contrasting conjunctions, verbs of saying that carry
a negation on, sentiment words and stop words, for en, ro, bg, pl, pt and it;
:mod:`cjresearch.survey.wording` applies them and
:mod:`cjresearch.survey.lexicon` documents the rules.
"""

from __future__ import annotations

import unicodedata

_FOLD = str.maketrans({"ł": "l", "ß": "ss", "ø": "o", "đ": "d"})


def fold(text: str) -> str:
    """Lower case without accents ("Întârziere" -> "intarziere", "łatwo" -> "latwo")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_sets(table: dict[str, str]) -> dict[str, frozenset[str]]:
    """Space-separated words per language, as sets (``{"en": "not no"}``)."""
    return {k: frozenset(v.split()) for k, v in table.items()}


def folded_sets(table: dict[str, str]) -> dict[str, frozenset[str]]:
    """:func:`word_sets` of words compared folded (:func:`fold`): "никой" is "никои"."""
    return {k: frozenset(fold(w) for w in v.split()) for k, v in table.items()}


def _stems(table: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Space-separated stems per language, as tuples (for ``str.startswith``)."""
    return {k: tuple(v.split()) for k, v in table.items()}


__all__ = [
    "ASKING",
    "BE_USED",
    "BREAKS",
    "CANCELLERS",
    "CONTRASTS",
    "EXCEPTIVES",
    "EXPECTING",
    "EXTENDERS",
    "HABIT",
    "IFS",
    "IF_PHRASES",
    "IF_REACH",
    "INTENSIFIERS",
    "NEGATING_PAIRS",
    "NEGATIVE",
    "NEGATORS",
    "NEVER",
    "NOT_DENIAL",
    "NO_ANSWERS",
    "ONLY",
    "POSITIVE",
    "PRICE_QUESTION",
    "PROMISED",
    "SAID_NEAR",
    "SAID_REACH",
    "SAID_THAT",
    "SCOPE",
    "STILL",
    "STOP_WORDS_TEXT",
    "THAT",
    "THOUGHT",
    "UNPAIRING",
    "WAITING",
    "WHY",
    "WINDOW",
    "fold",
    "folded_sets",
    "word_sets",
]

#: words after a negator that it reaches ("nu m-au ajutat": nu -> m, au, ajutat)
SCOPE = 5
#: the most words a cue's slots may span
WINDOW = 6

#: words that negate the next few words (compared without accents, as whole words)
NEGATORS: dict[str, frozenset[str]] = folded_sets(
    {
        "en": "not no never nobody none nothing nowhere neither nor without hardly barely noone zero cant"
        " dont didnt doesnt isnt wasnt werent arent couldnt wont wouldnt havent hasnt hasn aint",
        "ro": "nu niciodata nimeni nimic niciun nicio nici fara deloc zero n",
        "bg": "не никога никой никоя никого нищо няма нямам нямаше нямало нямат нямаме никак никъде нито"
        " без никакъв никаква никакво никакви нула нямах нямахме",
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
#: words before a negating pair that undo it: "nient'altro che" is "nothing but"
UNPAIRING: dict[str, frozenset[str]] = word_sets({"it": "nient nulla"})
#: negators that, with an intensifier and a tone word after them, marvel rather than
#: deny: "never had a parcel this fast", "mai vista una consegna così rapida"
NEVER: dict[str, frozenset[str]] = folded_sets(
    {
        "en": "never nobody noone",
        "ro": "niciodata nimeni",
        "bg": "никога никой",
        "pl": "nigdy nikt",
        "pt": "nunca ninguem jamais",
        "it": "mai nessuno",
    }
)
#: stems of verbs of expecting or remembering: negated, they marvel too ("I didn't expect it so
#: soon", "I don't remember a parcel this fast")
EXPECTING: dict[str, tuple[str, ...]] = _stems(
    {
        "en": "expect imagin thought believ remember recall",
        "ro": "astept imagin gandit credeam amint",
        "bg": "очаквах очаквал очаквала мислех предполагах помня спомням",
        "pl": "spodziew sadzil myslal przypuszcz pamietam przypominam",
        "pt": "esperava imagin acreditei acreditava pensei pensava achei achava lembro recordo",
        "it": "aspettav aspettat immagin pensavo credevo ricordo",
    }
)
#: words that report a promise or a claim: what follows them in their clause was
#: promised, and a delivery still awaited or a week long later in the comment says
#: it did not happen ("They promised next-day delivery and it took three weeks",
#: "Niby wysyłka 24h, a paczki dalej brak")
PROMISED: dict[str, frozenset[str]] = word_sets(
    {
        "en": "promised promise promises advertised advertises supposedly supposed claimed claims"
        " said says guaranteed quoted",
        "ro": "promis promiteau promisesera promit scrie scria scrisese garantat garantau anuntat"
        " anuntau chipurile teoretic zice ziceau zicea citez",
        "bg": "обещаха обещаваха обещават обещали обещано пишеше пише уж гарантираха твърдяха"
        " казаха обявиха",
        "pl": "obiecali obiecywali obiecano obiecuja niby rzekomo pisalo pisze gwarantowali"
        " gwarantuja deklarowali podobno",
        "pt": "prometeram prometido prometida prometem prometiam diziam dizia diz garantiram"
        " garantem supostamente anunciaram anunciado anunciavam",
        "it": "promesso promessa promettevano promettono promesse dicevano diceva dice"
        " garantivano garantito garantita teoricamente annunciato annunciavano",
    }
)
#: words of a wait that goes on ("still", "încă", "още", "dalej", "ainda", "ancora"), when a
#: negator or a word of ``WAITING`` follows within three words ("still waiting", "ainda não")
STILL: dict[str, frozenset[str]] = word_sets(
    {
        "en": "still",
        "ro": "inca",
        "bg": "още",
        "pl": "dalej nadal wciaz ciagle",
        "pt": "ainda",
        "it": "ancora",
    }
)
#: stems of waiting, taking and passing: before a duration of a week or more they say
#: a delivery took that long ("took a week", "levou 9 dias", "sono passate due settimane")
WAITING: dict[str, tuple[str, ...]] = _stems(
    {
        "en": "wait took take taking after",
        "ro": "astept durat dureaz dupa trecut",
        "bg": "чака чакам чакахме след минаха мина отне",
        "pl": "czeka trwal trwala trwalo po= minel minal minelo szla szedl idzie brak ni=",
        "pt": "esper aguard levou levaram demor depois apos passaram foram",
        "it": "aspett attes messo impiegat dopo passat voluto volut",
    }
)
#: "so", "such": after a marvelling negator, before a tone word
INTENSIFIERS: dict[str, frozenset[str]] = word_sets(
    {
        "en": "so such this as",
        "ro": "atat atit asa",
        "bg": "толкова такава такъв такова такива",
        "pl": "tak taka takiej taki takiego takie takim",
        "pt": "tao tanto tal",
        "it": "cosi tanto tale",
    }
)
#: a negator right after one of these is a condition, not a denial ("I'd give five
#: stars if not for the delay", "se não fosse o atraso"); in English up to three
#: words after ("if it weren't"), or after "were it", "had it"
IF_REACH: dict[str, int] = {"en": 3}
IF_PHRASES: dict[str, tuple[tuple[str, str], ...]] = {"en": (("were", "it"), ("had", "it"))}
#: what an amount of money in a question reads as ("£7.99 delivery for socks??",
#: "200 zł za bluzę?"): customers ask about a price to say it is too high
PRICE_QUESTION = "xxamountxx"

#: a question these start asks about an order, not a price: "Where is my £60 order?"
#: (compared with the lower-case word as written, accents and all)
ASKING: dict[str, frozenset[str]] = word_sets(
    {
        "en": "where when can could does did will",
        "ro": "unde când cand pot poți poti puteți puteti",
        "bg": "къде кога мога може",
        "pl": "gdzie kiedy mogę moge można mozna czy",
        "pt": "onde quando posso pode",
        "it": "dove quando posso può puo",
    }
)

#: past verbs of thinking: what follows them, then contrasted, did not happen
#: ("I thought it would take ages, but ..."); only before a word of ``THAT``
THOUGHT: dict[str, frozenset[str]] = word_sets(
    {
        "en": "thought figured assumed feared imagined",
        "ro": "credeam crezut crezusem gandeam imaginam",
        "bg": "мислех помислих очаквах предполагах",
        "pl": "myslalem myslalam sadzilem sadzilam balem balam",
        "pt": "pensei pensava achei achava imaginei imaginava julguei",
        "it": "pensavo credevo immaginavo temevo",
    }
)
#: what introduces the thought: "that", "que", "că", "че", "że", "che", and in
#: English the verbs of the future ("I thought it'd take ages")
THAT: dict[str, frozenset[str]] = word_sets(
    {
        "en": "that would will d ll going gonna",
        "ro": "ca",
        "bg": "че",
        "pl": "ze",
        "pt": "que",
        "it": "che di",
    }
)
#: words of a past habit, no longer so: "deliveries used to be slow", "costumava ser"
#: (en: "used" before "to", not after ``BE_USED``: "I am used to fast delivery")
HABIT: dict[str, frozenset[str]] = word_sets(
    {
        "en": "used",
        "ro": "obisnuia obisnuiau",
        "pt": "costumava costumavam",
    }
)
BE_USED: dict[str, frozenset[str]] = word_sets(
    {"en": "am is are was were be been being get got getting m re s"}
)
#: a question these start does not ask for a yes or no: "Why so expensive? No idea."
WHY: dict[str, frozenset[str]] = word_sets(
    {
        "en": "why how",
        "ro": "ce cum",  # "de ce", "cum"
        "bg": "защо как",
        "pl": "dlaczego czemu jak",
        "pt": "porque que como",  # "por que", "porquê"
        "it": "perche come",
    }
)
#: a word that may come before the "no" of a short answer: "Czy polecam? Raczej nie."
HEDGES: dict[str, frozenset[str]] = word_sets(
    {
        "en": "probably definitely absolutely certainly honestly sadly unfortunately",
        "ro": "probabil sigur categoric clar sincer",
        "bg": "определено категорично честно",
        "pl": "raczej chyba zdecydowanie absolutnie szczerze niestety",
        "pt": "provavelmente definitivamente sinceramente infelizmente",
        "it": "probabilmente decisamente assolutamente sinceramente purtroppo direi di",
    }
)
#: words that deny as a short answer though they negate nothing elsewhere: the
#: Italian "no" ("Consigliato? No."; "no" before a noun is not "not"), "nope"
NO_ANSWERS: dict[str, frozenset[str]] = word_sets({"en": "nope nah", "it": "no"})
#: an answer with one of these stems is not a "no": "No idea", "Nu știu", "No surprise"
NOT_DENIAL: dict[str, tuple[str, ...]] = _stems(
    {
        "en": "idea know clue surpris wonder doubt question",
        "ro": "stiu idee surpriz mir",
        "bg": "знам зная идея изненад чуд",
        "pl": "wiem pojec pomysl dziw niespodziank watpliw",
        "pt": "sei ideia surpres admir",
        "it": "so idea sorpres stupi meravigl problem dubb",
    }
)

IFS: dict[str, frozenset[str]] = word_sets(
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
ONLY: dict[str, frozenset[str]] = word_sets(
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
#: (double negation): "I wouldn't hesitate to recommend", "nu regret", "не се съмнявам";
#: "not gonna lie", "não vou mentir" only announce what follows
CANCELLERS: dict[str, tuple[str, ...]] = _stems(
    {
        "en": "hesitat doubt regret lie lying",
        "ro": "ezit indoi regret mintesc mintim",
        "bg": "колеба поколеба съмнява съжаля лъж",
        "pl": "waha zawaha watpi zaluj klam sklam",
        "pt": "hesit duvid arrepend mentir mint",
        "it": "esitat esiter dubit pentit pento mento mentir",
    }
)
#: contrasting words: they end a negator's scope and split a comment into clauses,
#: whose words a cue may not combine (compared as written, in lower case)
CONTRASTS: dict[str, frozenset[str]] = word_sets(
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
EXTENDERS: dict[str, frozenset[str]] = word_sets(
    {
        "en": "say think call claim find feel that",
        "ro": "zic spun spune cred pot ca",
        "bg": "кажа казвам казал казала бих мисля смятам твърдя че",
        "pl": "powiedziec powiem powiedzialbym powiedzialabym stwierdzic uwazam sadze ze zeby",
        "pt": "dizer digo acho considero posso que",
        "it": "dire dico direi penso credo posso che",
    }
)
#: the words of ``EXTENDERS`` that open the clause said or thought: after a saying verb,
#: a negator reaches to the end of that clause ("Nie mogę powiedzieć, żeby ten pan z
#: czatu w czymkolwiek mi pomógł"), and a negator inside it cancels the first (double
#: negation: "nu pot să zic că n-au fost de ajutor", they were helpful)
SAID_THAT: dict[str, frozenset[str]] = word_sets(
    {"en": "that", "ro": "ca", "bg": "че", "pl": "ze zeby", "pt": "que", "it": "che"}
)
#: how far a negator reaches into a clause that ``SAID_THAT`` opens
SAID_REACH = 12
#: how far into that clause a negator may stand to cancel the first (the subject's words)
SAID_NEAR = 4
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


#: stems of words that carry a positive or a negative tone
POSITIVE: dict[str, frozenset[str]] = word_sets(
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
NEGATIVE: dict[str, frozenset[str]] = word_sets(
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
