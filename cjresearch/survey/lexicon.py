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

__all__ = ["LEXICON", "OPPOSITES", "THEME_POLARITY"]

_SUPPORT = {
    "en": "support|agent|staff|team|assistant|operator|advisor|rep=|reps=|chat|helpdesk|call|lady|guy|girl"
    "|woman|man|bloke|person=|customer_service|customer_care|customer_support|service_team|livechat"
    "|whatsapp|mate=",
    "ro": "suport|operator|operatoare|agent|consultant|echip|call|relati|asistent|doamna|domnul"
    "|personal|baiat|fata|colega|colegul|tipa|tipul|chat|serviciul_clienti|relatii_clienti"
    "|whatsapp|la_telefon|call_center|domnisoar|farmacist",
    "bg": "обслужван|поддръжк|служител|оператор|консултант|екип|колег|агент|кол|колежк|момче|момиче"
    "|човек|хора|чат|отдел|вайбър|viber|госпож|дама|дамата|господин|фармацевт|по_телефона",
    "pl": "obslug|konsultant|pracownik|pomoc_techniczn|support|infolini|czat|biuro|pan|pani|chlopak"
    "|dziewczyn|ekip|whatsapp",
    "pt": "atendimento|atendente|apoio|suporte|equipe|equipa|assistente|operador|funcionari|sac"
    "|pessoal|moca|rapaz|senhora|senhor=|chat|servico_de_apoio|whatsapp|whats|ao_telefone",
    "it": "assistenza|operator|operatric|servizio_clienti|customer|supporto|personale|addett"
    "|consulent|team|staff|ragazz|signor|chat|whatsapp|al_telefono",
}
_GOOD = {
    "en": "help|friend|kind|patien|polit|solv|resolv|sort|fix|great|nice|profession|respons|attent"
    "|excellent|amazing|brilliant|lovely|courteous|quick|fast|efficient|knowledg|understand|legend"
    "|superb|wonderful|fantastic|star|lifesaver|updat|replac|sweet|good|awesome|handl|top|walk"
    "|listen|chase|explain|angel|saved|rescued",
    "ro": "amabil|ajut|rabdat|politicos|profesion|rezolv|prompt|excelent|minunat|super|drag|rapid"
    "|atent|treaba|nota|respect|top|informat|curent|multum|rabd|saritor|explic|lamur|salvat|impecabil|reducerea_manual",
    "bg": "любезн|помогн|помог|търпелив|отзивчив|учтив|бърз|професион|страхот|супер|решен|решиха"
    "|мил|веднага|благодар|браво|отлич|пуснаха|оправи|помага|обясн|спаси|пич|услужлив|на_ниво",
    "pl": "pomocn|pomogl|pomog|uprzejm|cierpliw|mil|profesjonal|rozwiaz|szybk|kompetent|super|swietn"
    "|zyczliw|sprawn|na_medal|ogarn|wymien|odpis|dziek|podejsc|pomoz|chetn|wyjasn|wytlumacz|doradz"
    "|uratowal|zlota=|zalatwil|postaral|zloty_czlowiek|na_wysokosci_zadania",
    "pt": "prestav|ajud|pacien|educad|simpatic|atencios|excelente|otimo|rapid|resolv|eficien|impecav"
    "|top|profission|gentil|querid|incansav|show|explic|esclarec|salvou|salvaram|anjo|na_mao|manualmente"
    "|estornou|gente_boa|nota_mil",
    "it": "gentil|disponibil|paziente|cortes|profession|risolt|risolv|aiut|veloc|rapid|ottim"
    "|eccellent|competent|bravissim|top|subito|sostitu|richiamat|aggiornat|pazien|spieg"
    "|bomba|salvat|angelo|a_mano|manualmente|passo_passo|al_volo",
}
#: words that make a support word something else: "łatwa w obsłudze" (easy to use)
_NOT_SUPPORT = {
    "pl": " !obsludze|kurier",
    "ro": " !curier",
    "bg": " !куриер",
    "pt": " !estafeta|entregador|motoboy|carteiro",
    "it": " !corrier",
}
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
    "|breeze|user_friendly|hassle_free|no_hassle|painless|clean|slick|doddle",
    "ro": "usor|simplu|intuitiv|clar|prietenos|accesibil|comod|fara_batai_de_cap",
    "bg": "лесн|лесен|прост|интуитив|ясн|ясен|удоб|подред|изчистен",
    "pl": "latw|latwo|prost|intuicyj|przejrzyst|wygodn|czytel|bezproblem|banaln|gladko",
    "pt": "facil|facilmente|simples=|intuitiv|clar|pratic|amigavel|descomplicad|sem_complicac"
    "|explicadinh",
    "it": "facil|semplice=|semplici=|semplicissim|intuitiv|chiar|comod|pratic|immediat|snell|ben_organizzat|ben_fatto|fatto_bene",
}
_PRAISE = {
    "en": "great|excellent|good|best|amazing|fantastic|awesome|perfect|love|top|lovely|brilliant"
    "|superb|fab|nice",
    "ro": "excelent|bun|bune|super|minunat|perfect|top|grozav",
    "bg": "отличн|страхот|добър|добри|добро|супер|перфект|чудес|прекрас|топ=",
    "pl": "swietn|super|dobr|doskonal|rewelac|idealn|najlepsz|fantastyczn|fajn",
    "pt": "otim|excelent|bom|boa|bons|boas|perfeit|maravilh|top|incrivel|show",
    "it": "ottim|eccellent|buon|perfett|fantastic|splendid|top|magnific|super|impeccabil",
}
_OBJECT = {
    "en": "shop|store|product|products|quality|experience|company|seller|purchase|overall|everything"
    "|value",
    "ro": "magazin|produs|calitat|experienta|firma|servicii|totul",
    "bg": "магазин|продукт|качеств|фирма|всичко|покупк",
    "pl": "sklep|produkt|jakosc|firma|wszystko|zakup",
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
                "|timeout|loop|timing_out"
            ),
            "something_went_wrong",
            "charged|debited|billed twice|but|without",
            "discount|voucher|coupon|promo|code broke|error|crash|fail",
            "discount|voucher|coupon|promo|code invalid|expired|rejected",
            "discount|voucher|coupon|promo|code not|wouldnt work|apply|accept",
            "money|payment|charged taken|debited|gone|left_my|deducted|withdrawn !refund|back",
            "bounced_back|kicked_out|logged_out",
            "wiped|emptied|empties|cleared basket|cart",
            "logged_me_out|logs_me_out|logging_me_out|kicked_me_out|kicking_me|kicks_me pay|checkout|basket|cart",
        ],
        "ro": [
            "eroare|erori|bug|crapa|crash|blocaj",
            "plata|plat|card|cardul|tranzacti esua|esuat|respins|refuz|bloc|blocat|problem",
            "inapoi_in_cos",
            "nu|n putut|reusit|pot plati|plata|plat|finaliz",
            "imposibil plati|plata|plat|finaliz|comanda|cumpar",
            (
                "site|aplicati|pagina|plata|card|cardul|voucher|cod nu merge|functiona|incarca|mergea"
                "|trece|trecut|mers|functionat|accept|plasat|plasa"
            ),
            "site|aplicati|pagina|cos bloc|blocat|picat|cazut|crapat|inchide",
            "golit|goleste|golea cos|cosul",
            "comanda nu plasat|plasa|inregistr",
            "nu|n lasa plat|termin|finaliz",
            "delog|scoate_din_cont plat|cos|comand",
            "luat|retras|tras|luati bani|banii|suma",
            "voucher|cod|reducere eroare|bloc|strica",
            "voucher|cod|cupon expirat|invalid",
            "voucher|cod|cupon nu aplica|accepta|valid|mers",
        ],
        "bg": [
            "грешк|бъг|срив|срина|забива|заби|блокир|гръмна|краш|замръз|гърми|изхвърл",
            "плащане|плащането|карта|картата|поръчката не минава|мина|става",
            "плащане|плащането|карта|картата|транзакц|количка неуспе|отхвърл|проблем|отказ",
            "не можах|може|мога|успях|става плат|поръча|завърш|плащ",
            "сайт|приложение|страница|количка|бутон не работ|зарежда|става|реагир|прави",
            "количка|количката изпразва|празн",
            "връща_в_количката|връща_пак_в_количката|връщаше_в_количката|връщаше_пак_в",
            "сайт|приложение|страница|количка блокира|заби|забива|срина|счупи|гръмна|затваря",
            "изтегл|взеха|удърж|таксува пари|парите|сумата|лв|лева|картата|сметката !възстанов|върна",
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
            "koszyk czysc|wyczysc|czysci|oprozn",
            "z_powrotem_do_koszyka",
            "cos_poszlo nie tak= platn|plac|zaplat|transakc|koszyk|zamowien !dostaw|kurier|paczk",
            "wylogow platn|koszyk|placen|zamow",
            "pobrali|pobrano|pobral|zabrali|sciagneli|zeszly_z|zeszlo_z|zeszla_z|zeszli_z|zeszlo=|zeszla= pieniadz|kase|kasa|srodki|kwot|konta",
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
            "carrinho vazio|zerou|zera|esvazi|sumiu|sumia",
            "voltava_pro_carrinho|volta_pro_carrinho|voltava_para_o_carrinho|de_volta_ao_carrinho|deu_pau",
            "site|app|aplicacao|aplicativo|pagina rebent",
            "cobrad|cobraram|debitaram|debitad duas_vezes|em_dobro",
            "debitaram|cobraram|descontaram|tiraram|debitado|cobrado valor|dinheiro|cartao|mb !reembols|estorn|devolv",
            "dinheiro|valor saiu_da_conta|saiu_do_cartao|descontado_do_cartao|descontado_da_conta",
            "cupom|cupao|codigo|voucher expirad|invalid",
            "cupom|cupao|codigo|voucher|desconto nao funcion|aceit|aplic|valid",
        ],
        "it": [
            "errore|errori|bug|crash|crasha|impallat|impalla|inutilizzabil",
            "pagamento|carta|transazion|ordine|carrello fallit|rifiutat|respint|negat|problem",
            "pagamento|ordine|transazion non andat|riuscit|buon|passat|parte=|risulta|accettat",
            "carrello|carello svuot",
            "butta_fuori|buttava_fuori|butava_fuori|sbatte_fuori pag|carta|ordin|dati|checkout",
            "soldi usciti|presi|scalati|prelevati !rimbors|restitu",
            "bloccat_al_pagamento|bloccato_in_cassa",
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
                "she|he|someone fixed|sorted_it|sorted_everything",
                "thank|thanks|shout|kudos support|agent|staff|team|chat|help",
                "replied|answered|responded|got_back quickly|immediately|straight_away|promptly|within !week|weeks|month|months|durlong",
                "getting_back|get_back|got_back|gets_back quick|prompt|swift|so_fast|straight_away|right_away|in_an_hour|within_the_hour|within_an_hour|same_day|in_minutes|with_a_fix !money|refund|cash",
                _SUPPORT["en"] + "|they=|she=|he= not have_been_more_helpful|have_been_nicer"
                "|have_been_kinder|have_been_more_patient|have_been_more_polite|have_been_better",
                "went_above_and_beyond|go_above_and_beyond|goes_above_and_beyond|gone_above_and_beyond",
                "put|placed the_order_through|order_through|order_manually for_me",
            ],
            "ro": [
                "m_au_ajutat|mi_au_rezolvat|m_a_ajutat|ajutat|rezolvat problem",
                "plasat|pus comanda_pentru_mine|pentru_mine",
                "raspuns|raspunde|raspund pe_loc|imediat|prompt|rapid|repede|in_cateva !saptaman|luni|durlong",
            ],
            "bg": [
                "помогнаха|помогна|решиха",
                "отговориха|отговори|отговарят веднага|бързо|светкавично|моментално !седмиц|месец|durlong",
            ],
            "pl": [
                "pomogl|pomogli|rozwiazal|rozwiazali",
                "dziek pomoc|obsludze",
                "odpisali|odpowiedzieli|odpisala|odpisal|odpowiedziala od_razu|szybko|blyskawicznie|w_godzin !tydz|tygod|miesi|durlong",
                "przeprowadzil|przeprowadzila krok_po_kroku",
                "na_wysokosci_zadania",
                "zlozyl|zlozyla|zlozyli mi_zamowienie|zamowienie_za_mnie",
            ],
            "pt": [
                "me_ajud|resolveram|ajudaram|ajudou",
                "responderam|respondeu|responde=|respondem na_hora|rapid|logo|imediat|em_minutos !semana|mes=|meses|durlong",
                "responderam|respondeu|respondem em= durshort !semana|mes=|meses|durlong",
            ],
            "it": [
                "mi_hanno_aiutat|hanno_aiutato|risolto_il_problema|mi_ha_aiutat",
                "risposto|rispondono|risponde subito|immediatamente|rapid|in_pochi|in_giornata !settiman|mese|mesi|durlong",
                "risposto|rispondono|risponde|risposta in=|entro= durshort !settiman|mese|mesi|durlong",
                "grazie assistenza|servizio_clienti|supporto|team",
            ],
        }.items()
    },
    "price_too_high": {
        "en": [
            PRICE_QUESTION + " !voucher|coupon|code|discount|refund|off|cashback|credit|gift",
            "expensive|overpric|pricey|costly|ripoff|rip_off|daylight_robbery|extortion|silly_money|serious_money",
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
            "cost|costs|costing more_than_the_item|more_than_my|more_than_the_product|more_than_the_thing",
            "for_that_price|at_that_price|for_this_price|at_this_price|for_the_price expected|expect_more !better|worse|than",
            "shipping|delivery_fee|delivery_charge|delivery_cost steep|expensive|pricey|extortionate|too_much|ridiculous !fast|quick|speed|slow|late|long|time|took",
            "cheaper !than",
            "price|prices|cost|costs gone_up|went_up|crept|increas|rising|risen|hike|inflated",
            "not|never cheap|inexpensive|affordable !cheapest|the=|so=|that=|as=|most=",
            "price|prices|cost|costs not|never low|lower|reasonable !than|lowest|could|can",
        ],
        "ro": [
            PRICE_QUESTION + " !voucher|cupon|cod|reducer|ramburs|discount",
            "scump|scumpe|piperat|costisitor|jaf|teapa|tzeapa",
            (
                "pret|preturi|tarif|cost|costuri|taxa|transport mari|mare|ridicat|prea|exagerat"
                "|piperat|nesimtit|crescut|urcat|bataie|jaf|teapa|enorm|dublu|umflat"
            ),
            "bataie_de_joc",
            "cat_produsul|necompetitiv",
            "nu|n face banii|bani=",
            "la_pretul_asta|la_acest_pret|la_banii_astia|pentru_pretul_asta|la_pretul_asta ma_asteptam|asteptam !rau",
            "nu|n merita",
            "mai_ieftin|mai_ieftine !decat",
            "scumpit|scumpesc|scumpiri|scumpire",
            "nu|n|deloc ieftin|accesibil !cel=|cea=|cei=|cele=|atat|asa=",
            "pret|preturi|preturile nu|n|deloc mic|mici|jos|joase|ok !decat|cele=|cel=",
            "ieftin_nu_e=|ieftin_nu_este|ieftin_nu_sunt|ieftin_nu_era|ieftin_nu_a_fost|ieftin_n_a_fost",
            "pret|preturi|costa|costat|scump peste concurent|piata|alte_magazine",
        ],
        "bg": [
            PRICE_QUESTION + " !ваучер|код|отстъпк|възстанов",
            "скъп|скъпо|скъпи|обир|надценен|грабеж",
            (
                "цена|цени|цената|цените|такса|разход|доставка висок|високи|прекален|прекомерн|солен"
                "|солени|космическ|безумн|грабеж|обир|надут|хапе|хапят|майтап|над_другите|над_конкуренц"
            ),
            "не струва",
            "пари_на_вятъра",
            "струва|цена|цената|такса|таксата|плат колкото_половината",
            "по_евтин|по_евтино|по_евтини",
            "поскъп",
            "за_тая_цена|за_тази_цена|за_тези_пари|на_тази_цена очаквах !лошо|по_лошо",
            "цена|цени|цената|цените|такса|таксата вдигна|вдигнаха|вдигат|качи|качиха|скочи|скочиха|увелич",
            "не|никак евтин|евтино|достъп !най|толкова|такива",
            "цена|цени|цената|цените не|никак ниск|нормални|поносими !от=|най",
            "евтин_не_е=|евтин_не_са=|евтин_не_беше|евтин_не_бяха|евтин_хич_не|евтин_изобщо_не|евтин_никак_не",
        ],
        "pl": [
            PRICE_QUESTION + " !kupon|kod|rabat|zwrot|znizk|bon",
            (
                "drogo|drogi|drogie|drogich|drogim|drogimi|drogiej|drogiego|drozej|drozsz|drozyzn|przepla|drogaw"
                "|zdziers|przesadzon|rozboj|z_kosmosu"
            ),
            (
                "cen|cena|ceny|koszt|oplat|wysylk|dostaw|zl wysok|kosmiczn|przesadz|za_wysok|zaporow"
                "|chor|przesad|rozboj|skandal|nieporozumien|zart|kosmos|wyzsz|przegiet"
            ),
            "nie warto|warta|wart",
            "taniej|tanszy|tansze|tansza|tansi !niz|od=",
            "kosztuj mniej",
            "wiecej_niz_sam|za_takie_pieniadze|za_taka_kase|szkoda_kasy|szkoda_pieniedzy",
            "za_te_pieniadze|za_taka_cene|w_tej_cenie|za_ta_cene|za_te_cene spodziewal|oczekiwal !gorsz",
            "podrozal|podrozej|podwyzk",
            "cen|cena|ceny|koszt|koszty|oplat w_gore|wzrosl|wzrosly|wzrosn|podnies|skocz|rosna|urosl",
            "nie|niezbyt tani|tanio|tania|tanie|tanich !najtan|tak=|takie=",
            "cen|cena|ceny nie|niezbyt nisk|przystepn !najni|niz",
            "tani_nie_jest|tani_nie_sa=|tani_nie_byl|tani_to_nie",
        ],
        "pt": [
            PRICE_QUESTION + " !cupom|cupao|voucher|codigo|desconto|reembols|estorn",
            "caro|caros|caras|carissim|salgad|exorbit|abusiv|roubo|pela_hora_da_morte|puxad",
            (
                "preco|precos|valor|custo|portes|frete|taxa alto|altos|alta|elevad|abusiv|absurd|salgad"
                "|puxad|caro|roubo|exager"
            ),
            "nao vale",
            "mais_barat|mais_em_conta",
            "preco|precos|frete|valor|valores|custo subi|subiram|sobe|sobem|aument|dispar|inflacion",
            "nao|nada barat|acessiv|em_conta !mais=|tao=",
            "nao das|dos mais_barat|mais_em_conta",
            "nao|nenhuma|nada pechincha",
            "por_esse_preco|por_este_preco|por_aquele_preco|a_esse_preco|nesse_preco esperava|esperav !pior",
            "preco|precos nao|nada baix|camarad|justo|justos|simpatic|amig !mais=",
            (
                "mais_do_que_o_proprio|mais_que_o_proprio|mais_do_que_o_produto|pagar_esses_precos|a_esses_precos"
                "|com_esses_precos|dinheiro_deitado_ao_lixo|dinheiro_jogado_fora"
            ),
            "barat_nao_e=|barat_nao_eh=|barat_nao_sao=|barat_nao_foi=|barat_nao_era=|em_conta_nao_e=",
        ],
        "it": [
            PRICE_QUESTION + " !buono|coupon|codice|sconto|rimbors",
            "caro|cari|costos|esagerat|salat|carissim|spropositat|furto|rapina|carett",
            "un_rene|a_sti_prezzi|a_questi_prezzi|prezzi_da_gioielleria !affare|occasion|conven|regal",
            "costa|costano di_piu !meno",
            (
                "prezz|cost|spese|tariff|spedizion alto|alti|alta|alte|altissim|elevat|esagerat|salat|eccessiv|assurd|scherz|alle_stelle"
                "|furto|rapina|presa_in_giro"
            ),
            "non vale",
            "piu_econom|costa_meno",
            "altrove cost|prezz|meno|econom",
            "occhio_della_testa|soldi_buttati",
            "a_quel_prezzo|per_quel_prezzo|a_questo_prezzo|per_questo_prezzo aspettav !peggio",
            "rincar",
            "prezz|cost|spese|spedizion salit|salgono|aument|lievit|cresciut|gonfiat",
            "non|mica costa|costano|costi poco",
            "non|mica|niente econom|a_buon_mercato|convenient !piu=|cosi=|tanto=",
            "prezz non|mica bass|onest|modic !piu=",
            "econom_non_e=|econom_non_sono|econom_non_era|convenient_non_e=|convenient_non_sono",
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
            "always buy|order|shop here|from_you",
            (
                "what_more_could_you_want|what_more_do_you_want|what_more_could_i_want|what_more_can_you_ask"
                "|cant_ask_for_more|can_not_ask_for_more|shopping_here_again|shopping_again|buying_again|ordering_again"
            ),
            _PRAISE["en"] + " " + _OBJECT["en"] + " !if=|would",
            "everything|all good|fine|perfect|great|ok|okay !bank",
            (
                "five_star|5_star|five_stars|5_stars|10_10|top_notch|spot_on|well_done|love_it"
                "|love_this"
            ),
            "no|nothing|cant|not complaint|complaints|complain|fault",
            "nothing bad|negative say|said",
            "cant|not say_a_bad_word",
            (
                "never|not had|have|ve issue|issues|problem|problems !before|until|till|now|this_time|yet|ordering|finding|using|paying|navigat|checkout"
                "|so=|such|many|more|worse"
            ),
            "flawless|faultless|impeccabl service|experience|shop|store|company|everything",
            "no|not|never regret|regrets|regretted",
            "never|not disappoint|let_down",
            "reliable|trustworthy|professionalism",
            "all_round|all_around|across_the_board brilliant|great|excellent|good|fab|top",
            "nothing_to_improve|nothing_to_change !did|done|do=|does",
            "zero_complaint",
        ],
        "ro": [
            "recomand|recomnad",
            "multumit|multumita|multumiti|incantat|satisf",
            "voi|vom|sigur mai comanda|cumpara|apela|reveni",
            "voi_reveni|revin_cu_drag",
            "mereu|intotdeauna cumpar|comand de_aici|de_la_voi",
            _PRAISE["ro"] + " " + _OBJECT["ro"] + " !clienti|client",
            "totul ok|bine|perfect|regula|excelent|super|top|impecabil|beton !banca|banc",
            "nu_ultima|nici_ultima|nu_e_ultima|nu_este_ultima|nici_ultima_oara|10_din_10|zece_din_zece",
            "ce_sa_mai_zic|ce_sa_mai_spun top|super|bravo|perfect|excelent|10_din_10",
            "nota_10|de_nota_10|cinci_stele|5_stele !suport|operator|colega|chat|baiat|doamna",
            "nimic|nu reprosat|reprosa|obiectii|comenta",
            "nimic rau|negativ",
            "decat_de_bine|decat_bine|decat_lucruri_bune|decat_cuvinte_bune",
            "nu|n|niciodata regret",
            "niciodata|nu|n dezamag",
            "de_incredere|profesionalism",
            "nimic_de_imbunatatit|nimic_de_schimbat !facut|face",
            "zero_reclamati|zero_plangeri",
        ],
        "bg": [
            "препоръч",
            "доволен|доволна|доволни|щастлив|очарован",
            "поръчам|пазарувам|купя|поръчвам отново|пак",
            _PRAISE["bg"] + " " + _OBJECT["bg"] + " !клиент",
            "всичко наред|ок|перфектно|супер|страхотно|тип_топ !банк",
            "пет_звезди|5_звезди",
            "най_добрите_сте|най_добрият_магазин|най_добрия_магазин|супер_сте|страхотни_сте|само_браво",
            "за_шестица|десет_от_десет|10_от_10|шест_звезди|6_звезди|няма_какво_повече|всичко_ме_кефи|кеф_ми_е",
            "винаги пазарувам|поръчвам|купувам от_вас|оттук|тук",
            "нямам|никакви забележки|оплаквания",
            "нищо лошо|негативно",
            "не|никога съжалявам|съжалих|съжаляваме",
            "никога|не разочарова|подвел|подведе|подвели",
            "надежд|коректн|професионализ",
            "нищо_за_подобряване|нищо_за_променяне !направи|прав",
            "нула_оплаквания|нула_забележки",
        ],
        "pl": [
            "polecam|poleca|polecenia|tylko_polecic|moge_polecic|by_polecic|polecic_ten|polece=",
            "zadowol|szczesliw|zachwyc",
            "zamowie|kupie|wroce ponownie|jeszcze|znowu|nie_raz",
            "wroce !reklamac|zwrot|skarg",
            "bede_wracac|bede_wracal|bede_wracala|zawsze_tu_wracam|i_tak_wracam|na_szostke",
            _PRAISE["pl"] + " " + _OBJECT["pl"] + " !klient",
            "wszystko ok|w_porzadku|super|idealnie|swietnie|gra|git !bank",
            "piec_gwiazdek|5_gwiazdek",
            "zawsze kupuj|zamawiam tu=|tutaj|u_was",
            "nie|zadnych|bez zastrzezen|uwag|zarzutu",
            "nic zlego|negatywnego",
            "nie|nigdy zaluje|zaluj|zalowal|zalowala",
            "nigdy|nie zawiod|zawiedl",
            "solidn|rzeteln|profesjonalizm",
            "nie|nic przyczepic|przyczepi|do_przyczepienia",
            "nic_do_poprawy|nic_do_poprawienia|nic_do_zmiany !zrobil|robi",
            "zero_zastrzezen|zero_uwag|zero_reklamacji",
        ],
        "pt": [
            "recomend",
            "satisfeit|content|feliz|encantad",
            "adorei|amei !atendimento|atendente|suporte|apoio",
            "volt|voltarei|voltar compr|encomend|comprar|pedir",
            _PRAISE["pt"] + " " + _OBJECT["pt"] + " !cliente|atendimento|suporte|apoio|atendente",
            "tudo certo|bem|perfeito|otimo|ok|top|impecav !banco|explicad|organizad|explicadinh|embalad|descrit|apoio|suporte|atendiment|atendente|resolv",
            "melhor loja|site",
            "nao|nada do_que_reclamar|de_que_reclamar|que_reclamar",
            "compr|encomend|pedir|volt de_novo|novamente|outra_vez !instal|tent|tentei|erro|trav",
            "nunca|nao desilud|decepcion",
            "cliente_fiel",
            "sempre compro|encomendo aqui|convosco|com_voces|de_voces",
            "nao|nunca trocaria|troco_por",
            "confiav|fiavel|profissionalismo",
            "cinco_estrelas|5_estrelas|nota_10|nota_dez !atendimento|atendimeto|atendente|suporte|apoio|para_ela|pra_ela|pro_rapaz",
            "nada apontar|reclamar",
            "sem|nenhuma|nada reclamac|queixa",
            "nada de_mal|negativo",
            "nao|nunca arrepend",
            "nada_a_melhorar|nada_a_mudar !fez|fizeram|faz",
            "zero_reclama|zero_queixa",
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
            "cinque_stelle|5_stelle|10_e_lode|dieci_e_lode|promoss",
            "miglior negozio|shop|sito|e_commerce !prezz|altro",
            "niente|nulla dire|eccepire|ridire|rimprover",
            "niente|nulla di_male|negativo",
            "non|mai pentit|pento",
            "niente_da_migliorare|nulla_da_migliorare|niente_da_cambiare|nulla_da_cambiare !fatto|fanno",
            "niente|nulla di_cui lamentar",
            "zero_lamentel|zero_reclam",
            "tornero=|ritornero=|ricomprero= di_sicuro|senz_altro|senzaltro",
        ],
    },
}

#: themes a comment rarely has both of: a model does not add one where the lists found the other
OPPOSITES: dict[str, str] = {"fast_delivery": "late_delivery", "late_delivery": "fast_delivery"}

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
