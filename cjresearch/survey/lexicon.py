"""The cue lists behind the verbatim themes, per theme and language.

The words that shape meaning around them (negators, contrasts, sentiment and stop
words) are in :mod:`cjresearch.survey.grammar`.

Everything here is data (the cues of the delivery, price and praise themes are in
:mod:`cjresearch.survey.lexicon_delivery`, :mod:`~cjresearch.survey.lexicon_price` and
:mod:`~cjresearch.survey.lexicon_praise`), written by hand for en, ro, bg, pl, pt (European and
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

from cjresearch.survey.lexicon_delivery import DELIVERY
from cjresearch.survey.lexicon_praise import PRAISE
from cjresearch.survey.lexicon_price import PRICE

__all__ = ["DENIALS", "DENIED_AFTER", "LEXICON", "OPPOSITES", "THEME_POLARITY"]

_SUPPORT = {
    "en": "support|agent|staff|team|assistant|operator|advisor|rep=|reps=|chat|helpdesk|call|lady|guy|girl"
    "|woman|man|bloke|person=|customer_service|customer_care|customer_support|service_team|livechat"
    "|whatsapp|mate=",
    "ro": "suport|operator|operatoare|agent|consultant|echip|call|relati|asistent|doamna|domnul"
    "|personal|baiat|fata|colega|colegul|tipa|tipul|chat|serviciul_clienti|relatii_clienti"
    "|whatsapp|la_telefon|call_center|domnisoar|farmacist",
    "bg": "обслужван|поддръжк|служител|оператор|консултант|екип|колег|агент|кол_цент|колцентър|колежк|момче|момиче"
    "|човек|хора|чат|отдел|вайбър|viber|госпож|дама|дамата|господин|фармацевт|по_телефона",
    "pl": "obslug|konsultant|pracownik|pomoc_techniczn|support|infolini|czat|biuro|pan|pani|chlopak"
    "|dziewczyn|ekip|whatsapp",
    "pt": "atendimento|atendente|apoio|suporte|equipe|equipa|assistente|operador|funcionari|sac="
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
            "went_through_twice|double_charged|double_charge|charged_me_twice|taken_twice|paid_twice_for_one",
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
                "thank|thanks|thx|shout|kudos support|agent|staff|team|chat|help",
                "quick|speedy|fast|prompt|swift reply|response|answer !refund|money|courier|driver|forward|would|await|hope|please|expect|waiting|still",
                "answered|replied|responded|sorted in_under_an_hour|under_an_hour|within_minutes|in_minutes|within_the_hour",
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
                "raspuns|raspunde|raspund pe_loc|imediat|prompt|rapid|repede|in_cateva|in_aceeasi_zi|aceeasi_zi !saptaman|luni|durlong",
                "noroc_cu|noroc_de|noroc_ca " + _SUPPORT["ro"] + " !curier",
                _SUPPORT["ro"]
                + " miscat|miscat_brici|au_miscat brici|repede|rapid|prompt|fulger !curier",
            ],
            "bg": [
                "помогнаха|помогна|решиха",
                "отговориха|отговори|отговарят веднага|бързо|светкавично|моментално|същия_ден|за_минути|след_минути|до_час|за_час|в_неделя !седмиц|месец|durlong",
                "отговориха|отговори|отговарят за= durshort !седмиц|месец|durlong|обещ",
                "поддръжк|служител|оператор|консултант оправ|оправя|уреди|уредиха|смени|смениха !куриер",
            ],
            "pl": [
                "pomogl|pomogli|rozwiazal|rozwiazali",
                "dziek pomoc|obsludze",
                "szybk|blyskawiczn|ekspresow odpowiedz|odpowiedzi|reakcj|odzew !kurier|dostaw|paczk|prosz|czekam|czekal|oczekuj|licz|liczyl|nic_nie|ze_nic",
                "odpisali|odpowiedzieli|odpisala|odpisal|odpowiedziala od_razu|szybko|blyskawicznie|w_godzin !tydz|tygod|miesi|durlong",
                "przeprowadzil|przeprowadzila krok_po_kroku",
                "na_wysokosci_zadania",
                "zlozyl|zlozyla|zlozyli mi_zamowienie|zamowienie_za_mnie",
            ],
            "pt": [
                "me_ajud|resolveram|ajudaram|ajudou",
                "obrigad|agradec pela_paciencia|pela_ajuda|pela_disponibilidade|pela_simpatia",
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
    **PRICE,
    "easy_website": {
        lang: [_EASY[lang] + " " + _SITE[lang], *extra]
        for lang, extra in {
            "en": [
                "user_friendly",
                "find|found|finding in_seconds|in_a_few_seconds|straight_away|instantly|in_no_time !refund|repl|answer|fault|problem|issue|error|crack|scratch|damage|broken|driver|courier|house|address|cheaper",
                "order|ordered|checkout|reorder minutes|clicks|seconds|taps !refund|cancel|repl|respon|answer|sort|fix",
            ],
            "ro": [
                "comand|cumpar minute|click|secunde|doi_timpi !anul|ramburs|retur|raspun|rezolv",
                "gasesti|gasit|gasesc|gaseste|cauti in_cateva_secunde|in_secunde|imediat|instant|rapid|usor !eroare|problema|defect|raspuns|curier|adres|ieftin",
            ],
            "bg": [
                "поръч минути|клик|секунди !анулир|отговор|реши|възстанов|оправи|поддръжк|обслужван|служител|оператор|консултант|чат",
                "намерих|намираш|намира|търсачк|филтр за_минута|за_минути|за_няколко_минути|за_пет_минути|за_две_минути|секунди|веднага|лесно|удоб !куриер|отговор|реши|евтин|адрес|друг",
            ],
            "pl": [
                "zamow|zamawia minut|klik|sekund !anul|zwrot|odpis|odpowie|rozwiaz",
                "znajd|znalez|szuk|wyszuk w_sekund|w_sekunde|w_minut|od_razu|blyskawicznie|latwo|szybko !blad|problem|wad|usterk|odpowie|kurier|adres|taniej|tansz|tani=",
            ],
            "pt": [
                "compr|encomend|pedido minutos|cliques|toques|segundos !cancel|reembols|estorn|respond|resolv",
                "encontr|achar|achei|busca|pesquis|filtr em_segundos|num_instante|na_hora|logo|rapidinho|facil|ajudam_imenso !erro|problema|defeito|respost|entregador|estafeta|carteiro|casa|morada|endereco|barat",
            ],
            "it": [
                "ordin|acquist minuti|clic|tocchi|secondi !annull|rimbors|rispost|rispond|risolt",
                "cercar|filtr|ricerca un_attimo|un_secondo|un_lampo|facil|facilissim|senza_pensarci !rimbors|rispost|rispond|assistenza|numero|telefono|corriere",
                "sito|app si_usa_senza_pensarci|senza_pensarci",
                "passeggiata|gioco_da_ragazzi sito|app|ordin|ordinare|acquist|trov",
            ],
        }.items()
    },
    **PRAISE,
}

#: themes a comment rarely has both of: a model does not add one where the lists found the other
OPPOSITES: dict[str, str] = {"fast_delivery": "late_delivery", "late_delivery": "fast_delivery"}

#: cues that keep a model from adding a theme the lists did not find (the lists' own
#: cues still find it): support that did not help or answer ("nothing solved" in a
#: clause of its own, "no human ever replied"), support that is only a bot
DENIALS: dict[str, dict[str, list[str]]] = {
    "helpful_support": {
        "en": [
            (
                "not|never|nobody|noone|nothing|no|zero help=|helped|helps|helping|solv|resolv|fix"
                "|sort|answer|repl|respond|got_back !have="
            ),
            "bot=|bots=|chatbot|chat_bot",
        ],
        "ro": [
            "nu|n|nimeni|nimic|niciodata|niciun|nicio|zero ajut|rezolv|raspun !fi=",
            "bot=|botul|chatbot",
        ],
        "bg": [
            "не|никой|нищо|никога|никаква|нула помог|помага|реши=|решиха|решен|отговор|оправи=|оправиха",
            "бот=|бота|ботът|чатбот",
        ],
        "pl": [
            "nie|nikt|nic|nigdy|zaden|zadna|zadne|zadnych|zero pomog|pomogl|rozwiaz|odpis|odpowiedz|odpowiedzi|zalatw",
            "bot=|bota|botem|chatbot",
        ],
        "pt": [
            "nao|ninguem|nada|nunca|nenhum|nenhuma|zero ajud|resolv|respond !teria|teriam",
            "bot=|chatbot",
        ],
        "it": [
            "non|nn|nessuno|niente|nulla|mai|nessuna|zero aiut|risolt|risolv|rispost|rispond !avrei|avremmo|avrebbe",
            "bot=|chatbot",
        ],
    }
}

#: themes whose word lists a later denial overrules too ("miła, ale nic nie pomogła")
DENIED_AFTER = frozenset({"helpful_support"})

DENIALS["easy_website"] = {  # a site or an app that is slow, clunky or confusing
    "en": ["site=|website|app=|page=|menu=|navigation slow=|clunky|confusing|laggy"],
    "ro": ["site=|aplicatia|aplicatie|pagina=|meniul greoi|greoaie|lenta=|lent=|complicat|confuz"],
    "bg": ["сайт|приложени|страниц бавн|тромав|неудобн|объркан"],
    "pl": ["strona=|aplikacja|apka=|menu= wolna=|toporn|zamul|nieczyteln|skomplikowan"],
    "pt": ["site=|aplicativo|app=|pagina=|menu= lento=|lenta=|confus|complicad"],
    "it": ["sito=|app=|pagina=|menu= lento=|lenta=|macchinos|confus|complicat"],
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
