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
    "CONTRASTS",
    "EXTENDERS",
    "NEGATIVE",
    "NEGATORS",
    "POSITIVE",
    "SCOPE",
    "STOP_WORDS_TEXT",
    "WINDOW",
]

#: words after a negator that it reaches ("nu m-au ajutat": nu -> m, au, ajutat)
SCOPE = 4
#: the most words a cue's slots may span
WINDOW = 6

#: words that negate the next few words (compared without accents, as whole words)
NEGATORS: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "not no never nobody none nothing nowhere neither nor without hardly barely noone zero cant"
        " dont didnt doesnt isnt wasnt werent arent couldnt wont wouldnt havent hasnt hasn",
        "ro": "nu niciodata nimeni nimic niciun nicio nici fara deloc zero n",
        "bg": "не никога никой никоя никого нищо няма нямам нямаше нямало нямат нямаме никак никъде нито"
        " без никакъв никаква никакво никакви нула",
        "pl": "nie nigdy nikt nikogo nic zaden zadna zadne zadnych bez ani brak niezbyt zero",
        "pt": "nao nunca ninguem nada nenhum nenhuma sem nem jamais zero",
        "it": "non mai nessuno nessun nessuna alcun alcuna niente nulla senza neanche nemmeno neppure"
        " mica zero",
    }
)

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
#: words that end a negator's scope without splitting the clause ("no delays and fast")
BREAKS: dict[str, frozenset[str]] = {
    k: CONTRASTS[k] | frozenset(v.split())
    # not "e" in pt and it: written without its accent it is "é"/"è" (is)
    for k, v in {"en": "and", "ro": "și", "bg": "и", "pl": "i", "pt": "", "it": ""}.items()
}

#: stems of words that carry a positive or a negative tone
POSITIVE: dict[str, frozenset[str]] = _word_sets(
    {
        "en": "good great excellent amazing awesome perfect love lovely happy satisfied pleased"
        " recommend fantastic brilliant nice helpful friendly fast quick easy thank best super"
        " wonderful smooth impressed",
        "ro": "bun buna bune excelent super perfect multumit recomand minunat rapid usor amabil"
        " grozav frumos placut incantat top",
        "bg": "добр отличн страхот перфект доволен доволна доволни препоръч чудес бърз лесн любезн"
        " супер благодар прекрас",
        "pl": "dobr swietn super doskonal idealn zadowol polecam rewelac szybk latw mil pomocn"
        " dziekuj fajn najlepsz",
        "pt": "bom boa bons otim excelent perfeit satisfeit recomend maravilh rapid facil simpatic"
        " obrigad adorei amei top incrivel gostei",
        "it": "buon ottim eccellent perfett soddisfatt consiglio fantastic rapid facil gentil"
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
