"""The cue lists behind the verbatim themes, per theme and language.

The words that shape meaning around them (negators, contrasts, sentiment and stop
words) are in :mod:`cjresearch.survey.grammar`.

Everything here is data (the delivery themes' cues are in
:mod:`cjresearch.survey.lexicon_delivery`), written by hand for en, ro, bg, pl, pt (European and
Brazilian usage) and it, and matched by :mod:`cjresearch.survey.wording`:

- A **cue** is one or more *slots* separated by spaces; a slot is one or more
  word stems separated by ``|``.  A cue matches when every slot has a word of
  the comment within a few words of the others (``WINDOW``) that starts with
  one of the slot's stems, compared without case and accents on the word as
  written *and* on its lemma (simplemma), so "livrarea", "livrări" and
  "livrari" all match ``livr``.
- A slot whose stems are all **negators** ("nu", "not", "never") makes a
  *negated cue*: "not arriv" matches "it did not arrive" and "never arrived";
  the other slots must then lie in the negator's scope.  Any other cue is
  **blocked** when its words lie in a negator's scope: "not helpful",
  "nobody helped" and "no delays" are not praise of support or late delivery.
  A negator's scope is the next ``SCOPE`` words up to a punctuation mark, an
  "and" or a contrasting conjunction (``BREAKS``); the words of a cue must lie
  in one clause (clauses end at ``.!?;`` and at ``CONTRASTS``: "but", "dar",
  "но", "ale", "mas", "ma").  In a negated cue the slots after the negator must
  lie in its scope and those before it precede it: "payment not go" reads
  "the payment did not go through".  "not only" does not negate; a negated
  "hesitate", "doubt" or "regret" ends the negation ("I wouldn't hesitate to
  recommend"); "far from", "tutt'altro che" negate like a negator. A question answered by a
  negator is denied ("Would I recommend? Not a chance."); what a customer
  thought would happen, then contrasted, and what used to be are read as
  negated ("I thought it would take ages, but ...", "deliveries used to be
  slow"); "not gonna lie" only announces what follows.  Within a
  clause where a word of a plain cue that carries a tone is negated, the cue
  is blocked: "support did not help, they replied with templates".
- A slot starting with ``!`` lists **excluded** words: the cue does not match
  when one lies within a few words of its words (after them, for a negated
  cue), in its clause ("not receiv ... !refund": "I have not received a refund" is not late
  delivery; "not fast !such": "never had such a fast delivery" is praise).
- **Durations**: a word of time after a number ("10 working days", "dwóch
  tygodniach", "48 hours") or a weekday a day or two after another ("ordered
  Monday, here Tuesday") reads as ``durshort`` (two days or less) or
  ``durlong`` (a week or more); "weeks" and "months" alone are long.
- **Prices asked about**: an amount of money in a sentence that asks
  ("£7.99 delivery for socks??") reads as ``PRICE_QUESTION``
  (:mod:`cjresearch.survey.grammar`), a cue of high prices.
- **Sentiment** words (``POSITIVE``, ``NEGATIVE``) score each comment; a
  negated sentiment word counts for the other side.

The lists were written from the languages and revised on hand-written
development comments, not on the package's sample comments;
``benchmarks/bench_text.py`` measures them on held-out hand-written comments
(``tests/data/verbatims``).
"""

from __future__ import annotations

from cjresearch.survey.grammar import PRICE_QUESTION
from cjresearch.survey.lexicon_delivery import DELIVERY

__all__ = ["LEXICON", "THEME_POLARITY"]

_SUPPORT = {
    "en": "support|agent|staff|team|assistant|operator|advisor|rep|chat|helpdesk|call|lady|guy|girl"
    "|woman|man|bloke|person|customer_service|customer_care|customer_support|service_team|livechat"
    "|whatsapp|mate=",
    "ro": "suport|operator|operatoare|agent|consultant|echip|call|relati|asistent|doamna|domnul"
    "|personal|baiat|fata|colega|colegul|tipa|tipul|chat|serviciul_clienti|relatii_clienti"
    "|whatsapp",
    "bg": "обслужван|поддръжк|служител|оператор|консултант|екип|колег|агент|кол|колежк|момче|момиче"
    "|човек|хора|чат|отдел|вайбър|viber",
    "pl": "obslug|konsultant|pracownik|pomoc_techniczn|support|infolini|czat|biuro|pan|pani|chlopak"
    "|dziewczyn|ekip|whatsapp",
    "pt": "atendimento|atendente|apoio|suporte|equipe|equipa|assistente|operador|funcionari|sac"
    "|pessoal|moca|rapaz|senhora|chat|servico_de_apoio|whatsapp|whats",
    "it": "assistenza|operator|operatric|servizio_clienti|customer|supporto|personale|addett"
    "|consulent|team|staff|ragazz|signor|chat|whatsapp",
}
_GOOD = {
    "en": "help|friend|kind|patien|polit|solv|resolv|sort|fix|great|nice|profession|respons|attent"
    "|excellent|amazing|brilliant|lovely|courteous|quick|fast|efficient|knowledg|understand|legend"
    "|superb|wonderful|fantastic|star|lifesaver|updat|replac|sweet|good|awesome|handl|top|walk"
    "|listen|chase|explain|angel|saved|rescued",
    "ro": "amabil|ajut|rabdat|politicos|profesion|rezolv|prompt|excelent|minunat|super|drag|rapid"
    "|atent|treaba|nota|respect|top|informat|curent|multum|rabd|saritor|explic|lamur|salvat",
    "bg": "любезн|помогн|помог|търпелив|отзивчив|учтив|бърз|професион|страхот|супер|решен|решиха"
    "|мил|веднага|благодар|браво|отлич|пуснаха|оправи|помага|обясн|спаси|пич",
    "pl": "pomocn|pomogl|pomog|uprzejm|cierpliw|mil|profesjonal|rozwiaz|szybk|kompetent|super|swietn"
    "|zyczliw|sprawn|na_medal|ogarn|wymien|odpis|dziek|podejsc|pomoz|chetn|wyjasn|wytlumacz|doradz"
    "|uratowal|zlota=",
    "pt": "prestav|ajud|pacien|educad|simpatic|atencios|excelente|otimo|rapid|resolv|eficien|impecav"
    "|top|profission|gentil|querid|incansav|show|explic|esclarec|salvou|salvaram|anjo",
    "it": "gentil|disponibil|paziente|cortes|profession|risolt|risolv|aiut|veloc|rapid|ottim"
    "|eccellent|competent|bravissim|top|subito|sostitu|richiamat|aggiornat|pazien|spieg"
    "|bomba|salvat|angelo",
}
#: words that make a support word something else: "łatwa w obsłudze" (easy to use)
_NOT_SUPPORT = {"pl": " !obsludze"}
_SITE = {
    "en": "site|website|app|page|interface|navigat|checkout|menu|search|layout|platform|use|order"
    "|ordering|find|pay|buy|shop|filter",
    "ro": "site|aplicati|pagina|interfat|naviga|folos|comand|gas|plat|cumpar|utiliz|meniu|filtr",
    "bg": "сайт|приложени|страниц|интерфейс|навигац|поръч|използ|намер|плащ|пазар",
    "pl": "strona|stron|aplikac|apk|interfejs|nawigac|zamow|zamawia|korzyst|znalez|obslug|zakup"
    "|kupowan|platn",
    "pt": "site|aplic|app|pagina|interface|naveg|usar|utiliz|encomend|compr|pedido|encontr|pag",
    "it": "sito|app|pagina|interfaccia|navig|usare|utilizz|ordin|trova|acquist|pag|compr",
}
_EASY = {
    "en": "easy|easily|simple|intuitiv|clear|straightforward|smooth|convenient|seamless|effortless"
    "|breeze|user_friendly|hassle_free|no_hassle|painless|clean|slick",
    "ro": "usor|simplu|intuitiv|clar|prietenos|accesibil|comod|fara_batai_de_cap",
    "bg": "лесн|лесен|прост|интуитив|ясн|удоб",
    "pl": "latw|latwo|prost|intuicyj|przejrzyst|wygodn|czytel|bezproblem|banaln|gladko",
    "pt": "facil|facilmente|simples=|intuitiv|clar|pratic|amigavel|descomplicad|sem_complicac"
    "|explicadinh",
    "it": "facil|semplice|semplici|semplicissim|intuitiv|chiar|comod|pratic|immediat|snell|ben_organizzat|ben_fatto|fatto_bene",
}
_PRAISE = {
    "en": "great|excellent|good|best|amazing|fantastic|awesome|perfect|love|top|lovely|brilliant"
    "|superb|fab",
    "ro": "excelent|bun|bune|super|minunat|perfect|top|grozav",
    "bg": "отличн|страхот|добър|добри|добро|супер|перфект|чудес|прекрас",
    "pl": "swietn|super|dobr|doskonal|rewelac|idealn|najlepsz|fantastyczn|fajn",
    "pt": "otim|excelent|bom|boa|bons|boas|perfeit|maravilh|top|incrivel|show",
    "it": "ottim|eccellent|buon|perfett|fantastic|splendid|top|magnific|super",
}
_OBJECT = {
    "en": "shop|store|product|products|quality|experience|company|seller|purchase|overall|everything"
    "|service|value",
    "ro": "magazin|produs|calitat|experienta|firma|servicii|totul",
    "bg": "магазин|продукт|качеств|обслужван|фирма|всичко|покупк",
    "pl": "sklep|produkt|jakosc|obslug|firma|wszystko|zakup",
    "pt": "loja|produto|qualidade|experiencia|empresa|servico|compra|tudo",
    "it": "negozio|prodott|qualita|esperienza|servizio|azienda|acquist|tutto",
}

LEXICON: dict[str, dict[str, list[str]]] = {
    **DELIVERY,
    "checkout_error": {
        "en": [
            "error|crash|crashed|crashing|froze|freez|bug|buggy|glitch",
            (
                "payment|card|checkout|transaction|pay fail|declin|reject|stuck|hang|problem|issue"
                "|bounce|loop|refus"
            ),
            "could|can|able not|never pay|checkout|complete|finish|purchase|process|order",
            "cant|couldnt|wouldnt pay|checkout|complete|finish|purchase|process|order|buy|go",
            "unable|impossible pay|checkout|order|complete|finish|purchase|buy",
            (
                "payment|card|transaction|site|website|app|checkout|page|order not|never|wouldnt|didnt"
                " go|work|load|process|complete"
            ),
            (
                "site|website|app|page|checkout|basket|cart down|broke|broken|stopp|hang|stuck|timed"
                "|timeout|loop"
            ),
            "something_went_wrong",
            "charged|debited|billed twice|but|without",
            "discount|voucher|coupon|promo|code broke|error|crash|fail",
            "discount|voucher|coupon|promo|code invalid|expired|rejected",
            "discount|voucher|coupon|promo|code not|wouldnt work|apply|accept",
            "money|payment|charged taken|debited|gone|left_my|deducted|withdrawn !refund|back",
            "bounced_back|kicked_out|logged_out",
        ],
        "ro": [
            "eroare|erori|bug|crapa|crash|blocaj",
            "plata|plat|card|cardul|tranzacti esua|esuat|respins|refuz|bloc|blocat|problem",
            "inapoi_in_cos",
            "nu|n putut|reusit|pot plati|plata|plat|finaliz",
            "imposibil plati|plata|plat|finaliz|comanda|cumpar",
            (
                "site|aplicati|pagina|plata|card|cardul|voucher|cod nu merge|functiona|incarca|mergea"
                "|trece|trecut|mers|functionat"
            ),
            "site|aplicati|pagina|cos bloc|blocat|picat|cazut|crapat|inchide",
            "luat|retras|tras|luati bani|banii|suma",
            "voucher|cod|reducere eroare|bloc|strica",
            "voucher|cod|cupon expirat|invalid",
            "voucher|cod|cupon nu aplica|accepta|valid|mers",
        ],
        "bg": [
            "грешк|бъг|срив|срина|забива|заби|блокир|гръмна|краш|замръз|гърми|изхвърл",
            "плащане|плащането|карта|картата не минава|мина|става",
            "плащане|плащането|карта|картата|транзакц|количка неуспе|отхвърл|проблем|отказ",
            "не можах|може|успях|става плат|поръча|завърш|плащ",
            "сайт|приложение|страница|количка не работ|зарежда|става",
            "сайт|приложение|страница|количка блокира|заби|забива|срина|счупи|гръмна|затваря",
            "изтегл|взеха|удърж|таксува пари|парите|сумата !възстанов|върна",
            "код|отстъпк|ваучер счупи|развали",
            "код|ваучер|купон|промо изтек|невалид",
            "код|ваучер|купон|промо не работи|приема|важи|мина",
        ],
        "pl": [
            (
                "blad|bled|bledu|bledy|crash|bug|zawiesz|zawies|wywalil|wysypal|wysyp|wywala|padl|padla"
                "|zacina"
            ),
            "platnos|karta|karte|karty|transakcj|zamowien|koszyk odrzuc|odmow|problem|zawies",
            "platnos|transakcj|zamowien|zakup|blik nie powiodl|przeszl|udal|przechodz",
            (
                "nie moglem|moglam|moge|mozna|dalo|da|udalo zaplac|oplac|zamow|sfinaliz|kupic|kupi"
                "|platno|zlozyc"
            ),
            "strona|aplikacja|apka|koszyk nie dziala|laduje|dzialal",
            "pobrali|pobrano|pobral|zabrali|sciagneli|zeszly|zeszlo pieniadz|kase|srodki|kwot|konta",
            "kod|rabat|kupon psuje|wywal|zepsul",
            "kod|kupon|voucher wygasl|niewazn|nieprawidl",
            "kod|rabat|kupon|voucher nie dziala|dzialal|przyjmuje|przyjal|wchodzi|naliczyl",
        ],
        "pt": [
            "erro|bug|bugou|falha|falhou|travou|trava|travando|congel|crash|crashou",
            "pagamento|cartao|compra|transac|checkout|carrinho recusad|rejeitad|negad|falh|problem",
            "pagamento|cartao|compra|transac|pedido nao passou|passa|foi|funcion|aprov|conclu|finaliz",
            "nao consegu|conseguia|da pagar|finaliz|concluir|comprar|encomend|pagamento|fechar",
            "impossivel pagar|finaliz|concluir|comprar",
            "site|app|aplicacao|aplicativo|pagina|carrinho cai|caiu|fora|trav|bloque|abaixo|fecha",
            "site|app|aplicacao|aplicativo|pagina nao funcion|carreg|abr",
            "debitaram|cobraram|descontaram|tiraram|debitado|cobrado valor|dinheiro|cartao|mb !reembols|estorn|devolv",
            "dinheiro|valor saiu_da_conta|saiu_do_cartao|descontado_do_cartao|descontado_da_conta",
            "cupom|cupao|codigo|voucher expirad|invalid",
            "cupom|cupao|codigo|voucher|desconto nao funcion|aceit|aplic|valid",
        ],
        "it": [
            "errore|errori|bug|crash|crasha|impallat|impalla|inutilizzabil",
            "pagamento|carta|transazion|ordine|carrello fallit|rifiutat|respint|negat|problem",
            "pagamento|ordine|transazion non andat|riuscit|buon|passat",
            (
                "non riuscit|riesco|riuscivo|potuto|posso|possibil pagar|complet|conclud|finalizz|ordin"
                "|acquist"
            ),
            "sito|app|pagina|carrello bloc|bloccat|crash|impall|chiude|inchioda",
            "sito|app|pagina|carrello non funzion|carica|caricav|andav",
            "addebitat|scalat|prelevat soldi|importo|pagamento|carta|euro|ma|ordin|annull !rimbors|restitu",
            "codice|coupon|buono|voucher scadut|invalid",
            "codice|coupon|buono|voucher|sconto non funzion|accett|applic|valid",
        ],
    },
    "helpful_support": {
        lang: [
            _SUPPORT[lang] + " " + _GOOD[lang] + _NOT_SUPPORT.get(lang, ""),
            *extra,
        ]
        for lang, extra in {
            "en": [
                "they|she|he|someone help|helped|solved|resolved|sorted",
                "thank|thanks|shout|kudos support|agent|staff|team|chat|help",
                "replied|answered|responded|got_back quickly|immediately|straight_away|promptly|within",
            ],
            "ro": [
                "m_au_ajutat|mi_au_rezolvat|m_a_ajutat|ajutat|rezolvat problem",
                "raspuns|raspunde|raspund pe_loc|imediat|prompt|rapid|repede|in_cateva",
            ],
            "bg": [
                "помогнаха|помогна|решиха",
                "отговориха|отговори|отговарят веднага|бързо|светкавично|моментално",
            ],
            "pl": [
                "pomogl|pomogli|rozwiazal|rozwiazali",
                "dziek pomoc",
                "odpisali|odpowiedzieli|odpisala|odpisal|odpowiedziala od_razu|szybko|blyskawicznie|w_godzin",
                "przeprowadzil|przeprowadzila krok_po_kroku",
            ],
            "pt": [
                "me_ajud|resolveram|ajudaram|ajudou",
                "responderam|respondeu|responde na_hora|rapid|logo|imediat|em_minutos",
            ],
            "it": [
                "mi_hanno_aiutat|hanno_aiutato|risolto_il_problema|mi_ha_aiutat",
                "risposto|rispondono|risponde subito|immediatamente|rapid|in_pochi|in_giornata",
            ],
        }.items()
    },
    "price_too_high": {
        "en": [
            PRICE_QUESTION + " !voucher|coupon|code|discount|refund|off|cashback|credit|gift",
            "expensive|overpric|pricey|costly|ripoff|rip_off|daylight_robbery|extortion",
            (
                "price|prices|pricing|cost|costs|fee|fees|charge|charges|postage high|steep|crazy"
                "|ridiculous|outrageous|insane|exorbit|silly|mental|too_much|hefty|eye_watering"
            ),
            "fee|fees|price|prices|cost|charge joke|robbery",
            "not worth",
            "cheaper elsewhere|online|competitor|amazon|other",
            "elsewhere cost|costs|price|more|cheaper|less",
            "paid|pay|charge|charged too_much|way_too|fortune",
            "cost|costs fortune|arm|bomb",
            "cheaper !than",
            "price|prices|cost|costs gone_up|went_up|crept|increas|rising|risen|hike|inflated",
            "not|never cheap|inexpensive|affordable !cheapest|the=|so=|that=|as=|most=",
            "price|prices|cost|costs not|never low|lower|reasonable !than|lowest",
        ],
        "ro": [
            PRICE_QUESTION + " !voucher|cupon|cod|reducer|ramburs|discount",
            "scump|scumpe|piperat|costisitor|jaf|teapa|tzeapa",
            (
                "pret|preturi|tarif|cost|costuri|taxa|transport mari|mare|ridicat|prea|exagerat"
                "|piperat|nesimtit|crescut|urcat|bataie|jaf|teapa|enorm|dublu|umflat"
            ),
            "bataie_de_joc",
            "nu|n merita",
            "mai_ieftin|mai_ieftine !decat",
            "scumpit|scumpesc|scumpiri|scumpire",
            "nu|n|deloc ieftin|accesibil !cel=|cea=|cei=|cele=|atat|asa=",
            "pret|preturi|preturile nu|n|deloc mic|mici|jos|joase|ok !decat|cele=|cel=",
            "ieftin nu|n e|este|sunt|a_fost",
            "peste concurent|piata|alte_magazine",
        ],
        "bg": [
            PRICE_QUESTION + " !ваучер|код|отстъпк|възстанов",
            "скъп|скъпо|скъпи|обир|надценен|грабеж",
            (
                "цена|цени|цената|цените|такса|разход|доставка висок|високи|прекален|прекомерн|солен"
                "|солени|космическ|безумн|грабеж|обир|надут"
            ),
            "не струва",
            "по_евтин|по_евтино|по_евтини",
            "поскъп",
            "цена|цени|цената|цените|такса|таксата вдигна|вдигнаха|вдигат|качи|качиха|скочи|скочиха|увелич",
            "не|никак евтин|евтино|достъп !най|толкова|такива",
            "цена|цени|цената|цените не|никак ниск|нормални|поносими !от=|най",
            "евтин|евтино не е|са|беше|бяха",
        ],
        "pl": [
            PRICE_QUESTION + " !kupon|kod|rabat|zwrot|znizk|bon",
            (
                "drogo|drogi|drogie|drogich|drogim|drogimi|drogiej|drogiego|drozej|drozsz|drozyzn|przepla"
                "|zdziers|przesadzon|rozboj|z_kosmosu"
            ),
            (
                "cen|cena|ceny|koszt|oplat|wysylk|dostaw|zl wysok|kosmiczn|przesadz|za_wysok|zaporow"
                "|chor|przesad|rozboj|skandal|nieporozumien|zart|kosmos"
            ),
            "nie warto|warta|wart",
            "taniej|tanszy|tansze|tansza|tansi",
            "kosztuj mniej",
            "podrozal|podrozej|podwyzk",
            "cen|cena|ceny|koszt|koszty|oplat w_gore|wzrosl|wzrosly|wzrosn|podnies|skocz|rosna|urosl",
            "nie|niezbyt tani|tanio|tania|tanie|tanich !najtan|tak=|takie=",
            "cen|cena|ceny nie|niezbyt nisk|przystepn !najni|niz",
            "tani|tanio|tanie|tania nie jest|sa|bylo|byl|byla",
        ],
        "pt": [
            PRICE_QUESTION + " !cupom|cupao|voucher|codigo|desconto|reembols|estorn",
            "caro|caros|caras|carissim|salgad|exorbit|abusiv|roubo|pela_hora_da_morte|puxad",
            (
                "preco|precos|valor|custo|portes|frete|taxa alto|altos|alta|elevad|abusiv|absurd|salgad"
                "|puxad|caro|roubo|exagerad"
            ),
            "nao vale",
            "mais_barat|mais_em_conta",
            "preco|precos|frete|valor|valores|custo subi|subiram|sobe|sobem|aument|dispar|inflacion",
            "nao|nada barat|acessiv|em_conta !mais=|tao=",
            "nao das|dos mais_barat|mais_em_conta",
            "preco|precos nao|nada baix|camarad|justo|justos !mais=",
            "barat|em_conta nao e|eh|sao|foi|era",
        ],
        "it": [
            PRICE_QUESTION + " !buono|coupon|codice|sconto|rimbors",
            "caro|cari|costos|esagerat|salat|carissim|spropositat|furto|rapina",
            (
                "prezz|cost|spese|tariff|spedizion alto|alti|alta|alte|altissim|elevat|esagerat|salat|eccessiv|assurd|scherz"
                "|furto|rapina|presa_in_giro"
            ),
            "non vale",
            "piu_econom|costa_meno",
            "altrove cost|prezz|meno|econom|risparm",
            "occhio_della_testa|soldi_buttati",
            "rincar",
            "prezz|cost|spese|spedizion salit|salgono|aument|lievit|cresciut|gonfiat",
            "non|mica costa|costano|costi poco",
            "non|mica|niente econom|a_buon_mercato|convenient !piu=|cosi=|tanto=",
            "prezz non|mica bass|onest|modic !piu=",
            "econom|convenient non|mica e|sono|era",
        ],
    },
    "easy_website": {
        lang: [_EASY[lang] + " " + _SITE[lang], *extra]
        for lang, extra in {
            "en": [
                "user_friendly",
                "order|ordered|checkout|reorder minutes|clicks|seconds|taps !refund|cancel|repl|respon|answer|sort|fix",
            ],
            "ro": [
                "comand|cumpar minute|click|secunde|doi_timpi !anul|ramburs|retur|raspun|rezolv"
            ],
            "bg": ["поръч минути|клик|секунди !анулир|отговор|реши|възстанов"],
            "pl": ["zamow|zamawia minut|klik|sekund !anul|zwrot|odpis|odpowie|rozwiaz"],
            "pt": [
                "compr|encomend|pedido minutos|cliques|toques|segundos !cancel|reembols|estorn|respond|resolv"
            ],
            "it": [
                "ordin|acquist minuti|clic|tocchi|secondi !annull|rimbors|rispost|rispond|risolt"
            ],
        }.items()
    },
    "general_praise": {
        "en": [
            "recommend|recomend|reccom|recomm",
            "satisfied|happy|pleased|delighted|thrilled|chuffed",
            "will|would|definitely buy|order|shop|purchase|use again",
            "come_back|be_back|shop_again|order_again|buy_again",
            _PRAISE["en"] + " " + _OBJECT["en"] + " !customer",
            "everything|all good|fine|perfect|great|ok|okay !bank",
            (
                "five_star|5_star|five_stars|5_stars|10_10|top_notch|spot_on|well_done|love_it"
                "|love_this"
            ),
            "no|nothing|cant|not complaint|complaints|complain|fault",
            "nothing bad|negative say|said",
            "no|not|never regret|regrets|regretted",
            "never|not disappoint|let_down",
            "reliable|trustworthy|professionalism",
            "all_round|all_around|across_the_board brilliant|great|excellent|good|fab|top",
            "nothing to_improve|to_change",
            "zero complaint|complaints",
        ],
        "ro": [
            "recomand|recomnad",
            "multumit|multumita|multumiti|incantat|satisf",
            "voi|vom|sigur mai comanda|cumpara|apela|reveni",
            "voi_reveni|revin_cu_drag",
            _PRAISE["ro"] + " " + _OBJECT["ro"] + " !clienti|client",
            "totul ok|bine|perfect|regula|excelent|super|top !banca|banc",
            "nota_10|de_nota_10|cinci_stele|5_stele",
            "nimic|nu reprosat|reprosa|obiectii|comenta",
            "nimic rau|negativ",
            "nu|n|niciodata regret",
            "niciodata|nu|n dezamag",
            "de_incredere|profesionalism",
            "nimic de_imbunatatit|de_schimbat",
            "zero reclamati|plangeri",
        ],
        "bg": [
            "препоръч",
            "браво",
            "доволен|доволна|доволни|щастлив|очарован",
            "поръчам|пазарувам|купя|поръчвам отново|пак",
            _PRAISE["bg"] + " " + _OBJECT["bg"] + " !клиент",
            "всичко наред|ок|перфектно|супер|страхотно|тип_топ !банк",
            "пет_звезди|5_звезди",
            "нямам|никакви забележки|оплаквания",
            "нищо лошо|негативно",
            "не|никога съжалявам|съжалих|съжаляваме",
            "никога|не разочарова|подвел|подведе|подвели",
            "надежд|коректн|професионализ",
            "нищо за_подобряване|за_променяне",
            "нула оплаквания|забележки",
        ],
        "pl": [
            "polecam|poleca|polecenia",
            "zadowol|szczesliw|zachwyc",
            "zamowie|kupie|wroce ponownie|jeszcze|znowu|nie_raz",
            "wroce !reklamac|zwrot|skarg",
            _PRAISE["pl"] + " " + _OBJECT["pl"] + " !klient",
            "wszystko ok|w_porzadku|super|idealnie|swietnie|gra|git !bank",
            "piec_gwiazdek|5_gwiazdek",
            "nie|zadnych|bez zastrzezen|uwag|zarzutu",
            "nic zlego|negatywnego",
            "nie|nigdy zaluje|zaluj|zalowal|zalowala",
            "nigdy|nie zawiod|zawiedl",
            "solidn|rzeteln|profesjonalizm",
            "nie|nic przyczepic|przyczepi|do_przyczepienia",
            "nic do_poprawy|do_poprawienia|do_zmiany",
            "zero zastrzezen|uwag|reklamacji",
        ],
        "pt": [
            "recomend",
            "satisfeit|content|feliz|adorei|amei|encantad",
            "volt|voltarei|voltar compr|encomend|comprar|pedir",
            _PRAISE["pt"] + " " + _OBJECT["pt"] + " !cliente|atendimento",
            "tudo certo|bem|perfeito|otimo|ok|top !banco",
            "compr|encomend|pedir|volt de_novo|novamente|outra_vez !instal|tent|tentei|erro|trav",
            "nunca|nao desilud|decepcion",
            "cliente_fiel",
            "nao|nunca trocaria|troco_por",
            "confiav|fiavel|profissionalismo",
            "cinco_estrelas|5_estrelas|nota_10|nota_dez",
            "nada apontar|reclamar",
            "sem|nenhuma|nada reclamac|queixa",
            "nada de_mal|negativo",
            "nao|nunca arrepend",
            "nada a_melhorar|pra_melhorar|para_melhorar|a_mudar",
            "zero reclama|queixa",
            "so_tenho elogi",
        ],
        "it": [
            "consiglio|consigliat|consigliare|consiglierei|consigliabil|raccomand|stracons",
            "soddisfatt|content|felice|entusiast",
            "riordin|ricompr|torner|ordinero|comprero|acquistero di_nuovo|ancora|sicuramente",
            "riordin|ricompr",
            "trov bene|benissimo|alla_grande",
            "compro|ordino|acquisto solo_qui|solo_da_voi|solo_da_loro|sempre_qui",
            "mai|non delus",
            "affidabil|professionalita",
            _PRAISE["it"] + " " + _OBJECT["it"] + " !clienti|cliente",
            (
                "tutto_ok|tutto_bene|tutto_perfetto|tutto_ottimo|tutto_regolare|tutto_top"
                "|tutto_a_posto !banca"
            ),
            "cinque_stelle|5_stelle",
            "niente|nulla dire|eccepire|ridire",
            "niente|nulla di_male|negativo",
            "non|mai pentit|pento",
            "niente|nulla da_migliorare|da_cambiare",
            "niente|nulla di_cui lamentar",
            "zero lamentel|reclam",
            "torner|ritorner|ricomprer di_sicuro|senz_altro|senzaltro",
        ],
    },
}

#: praise themes count as positive, complaints as negative, in the comment's sentiment
THEME_POLARITY: dict[str, int] = {
    "late_delivery": -1,
    "fast_delivery": 1,
    "checkout_error": -1,
    "helpful_support": 1,
    "price_too_high": -1,
    "easy_website": 1,
    "general_praise": 1,
}
