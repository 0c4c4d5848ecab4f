"""The cue lists of the delivery themes (late and fast delivery), per language.

The syntax is that of :mod:`cjresearch.survey.lexicon`, which merges these into
``LEXICON``; ``durshort`` and ``durlong`` are the lemmas of short and long
durations (:mod:`cjresearch.survey.durations`).
"""

from __future__ import annotations

__all__ = ["DELIVERY", "DELIVERY_WORDS"]

#: delivery words per language
_D = {
    "en": "deliver|ship|parcel|package|courier|arriv|came|come|dispatch|post|got|get|receiv|turned",
    "ro": "livr|curier|colet|pachet|ajun|venit|sosit|trimis|primit|expedi",
    "bg": "достав|пристигн|пратк|колет|пакет|куриер|дойде|получих|получи|изпрат",
    "pl": "dostaw|wysylk|przesylk|paczk|kurier|dotarl|doszl|przyszl|przyszlo|dostarcz|odebra|wyslan|wysl",
    "pt": "entreg|pacote|cheg|veio|envio|enviad|enviaram|enviou|carteiro|estafeta|correio|ctt|transportadora|despach|receb",
    "it": "consegn|spedizion|spedit|pacco|arriv|giunt|corrier|ricevut|recapit",
}

#: the stems of delivery words, per language
DELIVERY_WORDS: dict[str, tuple[str, ...]] = {k: tuple(v.split("|")) for k, v in _D.items()}

DELIVERY: dict[str, dict[str, list[str]]] = {
    "late_delivery": {
        "en": [
            "late=|later=|delay|overdue|postpon|reschedul !try=|tried|call_back|check_back",
            (
                "too_long|so_long|forever|ages !find|figure|work_out|load|understand|spin|process"
                "|paym|checkout|hold|queue|refund|repl|respon|answer"
            ),
            "took|take|taking long !find|figure|load|understand",
            _D["en"] + " took|takes|taking week|weeks|month|months",
            "wait|waited|waiting "
            + _D["en"]
            + "|week|weeks|month|months|days !refund|money|return|repl|answer",
            "still wait|waiting !refund|money|return|repl|answer|respon|email|call|credit",
            "still took|take days|week|weeks|ages|forever",
            "still nothing",
            "will|is|does|going it|my|the ever arrive|come|turn_up|show_up|get_here|be_delivered",
            "still_not_here|not_here_yet|still_isn_t_here|isnt_here_yet|still_isnt_here|is_not_here_yet",
            "where_is_my|where_s_my|wheres_my parcel|order|package|stuff|delivery|item|sofa|bed !see|check|histor|find_out",
            "waiting_since|been_waiting_since !callback|call|reply|answer|refund|response|email",
            "its_been|it_s_been|it_has_been durlong|week|weeks|month still|nothing|waiting|no_sign|not !return|refund|money",
            (
                "not|never|nothing|didnt|hasnt|havent arriv|receiv|come|came|deliver|turn"
                "|showed_up|show_up|shown_up !refund|money|confirm|email|mail=|reply|answer|response|invoice|code|voucher|credit|account"
                "|such|fast|quick|speedy|rapid|prompt|swift|soon|early|what=|buying|down="
            ),
            (
                "not|never|didnt|hasnt|havent get|got parcel|package|order|delivery|item|stuff|it=|my="
                " !refund|money|confirm|email|mail=|reply|answer|response|invoice|code|voucher|credit|account"
                "|past=|through|hold|why|point|hate|logged|sign|touch|wrong"
            ),
            "still no|not|nothing parcel|package|order|delivery|sign|tracking|news",
            "slow " + _D["en"],
            "missing|lost|disappear parcel|package|order|delivery|courier|transit|post !item|items|refund",
            "stuck|sat|sitting processing|transit|warehouse|depot|customs|sorting|hub",
            "supposed|meant arriv|come|deliver",
            "past date|deadline|estimate",
            "after=|past= slot|window|deadline",
            "tracking not|hasnt|hasn updat|move|chang",
            "not|never|hardly fast|quick|speedy|rapid|prompt|swift !such|so=|as=|this=|that=|ever=|the=|more=",
            _D["en"] + " durlong !early|earlier|ahead|ago|return|refund",
            "durlong for !ago|return|refund|warranty|guarantee|money|pay|paid|cost|price|subscri|people",
        ],
        "ro": [
            "intarzi|intirzi|intarzai|intirzai|intarzier",
            "dura|durat|dureaza|asteptat|astept mult|lung|vesnic|enorm",
            "dura|durat|dureaza|asteptat|astept saptamani|saptamana|luna|zile !retur|ramburs|bani|garant",
            "vesnicie|eternit",
            "unde= colet|comand|pachet|livrar !plat|pret|cost|vad|istoric|las|pun|intreb",
            "astept=|asteptat|asteptam|asteptand colet|comand|livr|saptamani|zile|luna !retur|ramburs|bani|garant",
            "inca astept|asteptam|nimic !bani|banii|ramburs|retur|raspuns|email",
            (
                "nu|n|nici|niciodata ajun|primi|primit|veni|venit|livr|sosit"
                " !bani|banii|ramburs|confirmar|email|mail|raspuns|factur|cod|voucher|tranzacti|cerere"
                "|atat|atit|asa|rapid|repede|prompt|devreme|minte|gand"
            ),
            "lent|incet livr|curier|colet",
            "aman|amana|amanat|amina livr|colet|curier|comand",
            "pierdut|pierdu|disparut colet|comand|pachet|livr !ora=|o_ora|timp|minute|ore=|incerc",
            "abia_acum|abia_azi|abia_dupa",
            "peste|dupa termen|termenul|data_estimata",
            "tot=|inca|mereu in_procesare|in_asteptare",
            _D["ro"] + " dupa saptaman|luna",
            "stat|blocat|blocata|ramas procesare|depozit|tranzit|vama|sortare",
            "nu|n|deloc|niciodata rapid|repede|prompt !atat|atit|asa=|cel=|cea=",
            _D["ro"] + " durlong !devreme|inainte|acum|retur|ramburs",
            "tot_nimic|inca_nimic|si_tot_nimic|tot_nu_a_ajuns|tot_nu_a_venit|tot_n_a_ajuns|tot_n_a_venit !ramburs|bani|raspuns|retur|suport|sunat|factur|mail|apel|operator",
            "au_trecut|a_trecut durlong|saptaman !garanti|retur|ramburs|functioneaz|perfect|multumit",
            "durlong pentru !acum|retur|ramburs|garanti",
        ],
        "bg": [
            "бавничк|като_охлюв|като_костенурк|бавни_са "
            + _D["bg"]
            + " !сайт|отговор|отговарят|поддръжк",
            "бавна_е_доставката|бавна_доставка",
            "след обещан|уговорен|посочен|срока|крайния_срок|датата " + _D["bg"] + " !преди",
            "пристигне_ли_някога|дойде_ли_някога|получа_ли_някога|пристигне_ли_изобщо|дойде_ли_изобщо",
            "закъсн|забав|закъснява",
            "много_дълго|твърде_дълго|дълго_чака|цяла_вечност",
            "бавн " + _D["bg"],
            "чака|чакам|чаках|чакахме|чакане седмиц|месец|пратк|поръчк|достав|дни !пари|парите|възстанов|връщ|отговор|обаждане|имейл",
            "още чакам|нищо|няма !пари|парите|възстанов|връщ|отговор|имейл",
            (
                "не|никога пристигна|получих|получил|дойде|доставен|достави|пристигн|достигн|тръгн|стигна"
                " !пари|парите|възстанов|потвърж|имейл|мейл|отговор|фактур|код|ваучер|транзакц"
                "|толкова|такава|такъв|бърз|бързо|рано"
            ),
            "отлага|отложи|отложиха|отлагаха достав|куриер|пратк",
            "изгуб|загуб|изчезна пратк|поръчк|колет|пакет !плащ|сайт|профил|количк",
            "седи|заседна|блокира склад|митниц|транзит|обработка",
            "чак_след|чак_сега|чак_днес",
            "пратк|поръчк|колет|пакет я_няма|го_няма|няма_никъде|я_нямаше !пари|парите|платих|изтегл|взеха|профил",
            "минаха=|мина=|измина=|изминаха= durlong|седмиц|месец !гаранц|връщ|възстанов|работи|перфект|доволн|продукт",
            "по_късно|късно " + _D["bg"],
            "къде поръчк|пратк|колет|пакет !плат|цена|струва|видя|истори",
            "не|никак|никога бърз|бързо|бързи|бърза !толкова|такава|такъв|такова|такива|най",
            _D["bg"] + " durlong !рано|по_рано|преди|връщ|възстанов",
            "durlong за !преди|връщ|възстанов|гаранц",
        ],
        "pl": [
            "spozni|opozni|spozn|opozn|zwlok",
            "za_dlugo|bardzo_dlugo|strasznie_dlugo|wiecznosc",
            "dlugo czeka|szla|szlo|trwal|trwalo|idzie",
            "czeka|czekalem|czekalam|czekam tydz|tygod|miesi|paczk|przesylk|zamowien|dostaw !zwrot|pieniadz|pieniedzy",
            (
                "nadal_czekam|wciaz_czekam|ciagle_czekam|nadal_nie|wciaz_nie|dalej_nie|nadal_brak"
                "|dalej_brak|nadal_nic|dalej_nic !zwrot|pieniadz|pieniedzy|odpowiedz|mail"
            ),
            (
                "nie|nigdy dotarl|doszl|przyszl|przyszed|dostal|otrzymal|dojechal|przyjsc|dotrzec"
                " !zwrot|pieniadz|pieniedzy|potwierdz|mail|odpowiedz|faktur|kod|transakc|platnosc|narzekac|narzekam"
                "|tak=|taka=|takiej=|szybk|szybko|ekspres"
            ),
            "dopiero po|w",
            "po=_terminie|po=_oknie|po=_wyznaczonym",
            _D["pl"] + " po=_czasie",
            "gdzie paczk|przesylk|zamowien !platn|cena|koszt|oplat|indziej|zobacz|histori|sprawdz|wiedzial",
            "wolna|wolno|powolna|slimacz " + _D["pl"],
            "przeklad|przelozy|przesuwa|przesun dostaw|termin|kurier",
            "utkn|zgubi|zagin paczk|przesylk|sortowni|magazyn|zamowien",
            "szla|szlo|szedl tydz|tygod|miesi",
            "wlecze|wlekla|wlokla|ciagnela|ciagnie|ciagnal " + _D["pl"] + " !zwrot|reklamac|zwroc",
            "dalej_cisza|nadal_cisza|wciaz_cisza",
            "jak_nie_bylo tak_nie_ma",
            "jak_nie_bylo_tak_nie_ma",
            "trwal|szla|szlo|czekal wieki|wiekami|wiecznosc !zwrot|pieniedz|pieniadz|reklamac",
            (
                "nie|niezbyt|nigdy szybk|szybko|ekspres"
                " !tak=|taka=|taki=|takiej=|takiego=|takie=|najszyb"
            ),
            _D["pl"] + " durlong !wczesniej|przed|temu|zwrot|zwroc",
            "durlong na|za !temu|zwrot|zwroc|gwaranc",
        ],
        "pt": [
            "atras",
            (
                "demor entreg|encomend|pedido|cheg|produto|pacote|envio|correio|transportadora|muito"
                "|demais|seculo|eternidade|mes|semanas !reembols|devol|estorn|dinheiro"
            ),
            "demor|levou|levaram durlong !reembols|devol|estorn|dinheiro|respond|resolv|ha=|atras=",
            (
                "nunca|nao|nada cheg|receb|entreg|veio|vir|apareceu"
                " !reembolso|dinheiro|estorno|confirmac|email|mail|resposta|fatura|codigo|transac"
                "|tao=|rapid|veloz|depressa|cedo"
            ),
            "ainda espero|esperando|aguardando|nao|nada !reembols|dinheiro|estorno|devol|resposta|email",
            "ate_agora nada",
            "sem=_aparecer|sem=_chegar|nem=_sinal|sem=_sinal !reembols|dinheiro|estorn|respost|dano|danos|estrag|amass|avaria",
            "ate_hoje nada !problem|reclam|queix|arrepend|falh",
            "dias|semanas e_nada !reclam|apont|dizer",
            "cade= pedido|encomend|pacote|entreg|compra",
            "onde_esta_a_minha|onde_esta_o_meu|onde_anda_a_minha|onde_anda_o_meu|onde_ta encomend|pedido|pacote|compra !ver|consult|histor",
            "nada_da_encomenda|nada_do_pedido|nada_do_pacote|chegou_so=|veio_so= !metade|parte|falt",
            "esper|aguard semana|semanas|mes|encomend|pedido|entreg !reembols|dinheiro|estorno|devol",
            "muito_tempo|tempo_demais|lento|lenta",
            "prazo ultrapass|estour|venc|passou",
            "fora_do_prazo|depois_do_prazo|apos_o_prazo",
            "perd|extravi|sumiu|desaparec encomend|pedido|pacote|correio|ctt",
            "parad|preso|retid semana|dias|processa|armazem|transito|alfandega",
            "adi|adiou|adiar|reagend entreg",
            "cheg|entreg|veio semana|semanas|dias|mes depois",
            "so_chegou|so_agora|so_hoje|so_chega",
            "nao|nunca rapid|veloz|depressa= !tao=|tanto=|tal=|mais=",
            _D["pt"] + " durlong !cedo|antes|ha=|atras=|devol|reembols",
            "durlong para|por !ha=|atras=|devol|reembols|garanti",
        ],
        "it": [
            "ritard",
            "troppo_tempo|molto_tempo|lentissim|lent !sito|app|pagina|caric|navig|assistenza|rispost",
            (
                "mai|non arriv|ricevut|ricev|consegn|giunt|pervenut"
                " !rimborso|soldi|conferma|email|mail|risposta|fattura|codice|richiest|transazion"
                "|cosi=|velo|rapid|prest"
            ),
            "ancora aspett|attes|attendo|niente|nulla !rimbors|soldi|reso|risposta|email",
            "aspett|atteso|attesa settiman|mese|pacco|ordine|consegn|giorni !rimbors|soldi|reso",
            "rimand|rinvi|postici consegn|corrier|pacco",
            "pers|smarr|sparit pacco|ordine|spedizion|corrier",
            "arrivera|arrivera_mai|arrivi_mai|lo_vedro_mai|la_vedro_mai mai= !piu=",
            (
                "ferm|bloccat|rimast lavorazione|magazzino|transito|dogana|deposito|tracciamento"
                "|smistamento"
            ),
            "solo_ora|solo_oggi|arrivato_solo",
            "nemmeno|neanche|neppure|nessuna ombra|traccia !rimbors|soldi|rispost|reso|dann|graff|rott|ammacc",
            "oltre_il_termine|dopo_la_data|fuori_tempo|fuori_tempo_massimo",
            "dov=|dove= ordine|pacco|spedizion !pag|prezz|cost|posso|vedere|storic",
            "messo|impiegat|voluto|voluti durlong !fa=|reso|rimbors|decid|scegli|capi|pens|ho=",
            "passat|trascors durlong !fa=|reso|rimbors|funzion|perfett|garanzi|soddisf|rott|guast|acquist|uso|usa=",
            "messo|impiegat|voluto|durat una_vita|un_secolo|un_eternita|una_eternita !rimbors|reso|trovar|sito|cerc|capir",
            "non|mai|niente velo|rapid|prest|tempestiv|in_fretta !cosi=|tanto=|tale=|piu=",
            _D["it"] + " durlong !prima|anticipo|fa=|reso|rimbors",
            "durlong per !fa=|reso|rimbors|garanzi",
        ],
    },
    "fast_delivery": {
        "en": [
            "fast|quick|speedy|rapid|prompt|swift|early|lightning|super|ahead|sooner|superfast "
            + _D["en"]
            + " !back",
            _D["en"] + " next_day|next_morning|following_day|following_morning|same_day|day_after"
            " !later=",
            "next_day|following_day|next_morning at_my_door|on_my_doorstep|on_the_doorstep|in_my_hands !after|until",
            (
                "on_time|in_time|ahead_of|on_the_dot|like_clockwork|bang_on_the_day|on_the_day_they_said|on_the_very_date"
                "|exactly_on_the_day|exactly_when_they_said|exactly_as_promised"
            ),
            "ordered|order here_by_lunch|here_by_lunchtime|on_the_doorstep|on_my_doorstep !after|until|still|late|only|finally",
            _D["en"] + " record_time",
            _D["en"]
            + " durshort !promis|told|would|should|estimat|expect|suppos|quot|late|delay"
            + "|advertis|said|says|claim|refund|return|ago|back|repl|respon|answer|fix|after=|past=",
            (
                "within=|in= durshort !promis|told|would|should|estimat|expect|suppos|quot|late"
                "|delay|repl|respon|answer|back|fix|sort|refund|solv|resolv"
            ),
            "order|ordered|bought durshort !ago",
            _D["en"] + " when|as promis|expect|said|quot",
            _D["en"] + " day=|date promis|said|expect|estim|quot",
            _D["en"] + " before estimate|expected|schedule|date",
            "not take|took long",
            "not|didnt|no wait|waiting",
            "24h|48h !promis|told|would|should|estimat|expect|suppos|quot|late|delay|advertis|said|says|claim|meant|repl|respon|answer|call",
            "turns_up|turn_up|turned_up|shows_up|show_up|showed_up|arrives|arrive when_they_say|when_they_said|when_promised|when_it_says|the_day_they_say",
            _D["en"]
            + " within_the_slot|in_the_slot|within_the_time_slot|in_the_time_slot|within_the_delivery_window|inside_the_slot !outside|after|late|missed",
        ],
        "ro": [
            "rapid|repede|fulger|prompt|devreme|iute " + _D["ro"],
            _D["ro"] + " a_doua_zi|doua_zi|ziua_urmatoare|urmatoarea_zi",
            "a_doua_zi|ziua_urmatoare la_mine|la_usa !dupa|abia",
            "era_la_usa|era_deja_la_usa|era_deja_la_mine|erau_la_usa|era_deja_acasa !dupa|abia",
            _D["ro"] + " in_aceeasi_zi|aceeasi_zi !rezolv|sunat|raspun|factur|retur|schimb",
            _D["ro"] + " mai_devreme|mai_repede decat !asteptat|m_as|zece|zile|saptaman",
            "la_timp|in_timp_util|timp_record|timp_record_de",
            _D["ro"] + " inainte termen|estim|data",
            _D["ro"] + " zi|ziua|data|interval promis|stabil|estim|anunt|ales !dupa|peste",
            "24_ore|48_ore|24h|48h|24_de_ore|48_de_ore !estimat|promis|trebuia|urma|intarzi|intirzi|scria|scrie|anunt|indicat|raspun|suna|garantat",
            _D["ro"]
            + " durshort !estimat|estimata|promis|trebuia|urma|intarzi|intirzi"
            + "|scria|scrie|anunt|indicat|ramburs|retur|bani|banii|acum=|rezolv|revenit|raspun",
            (
                "in= durshort !estimat|estimata|promis|trebuia|urma|intarzi|intirzi|raspun|rezolv"
                "|ramburs|scria|scrie|anunt|indicat|retur|bani"
            ),
            "comand|cumpar durshort !acum=|pierdut|incerc|astept|asteptat",
            "punctual",
            "seara|noaptea|noapte dimineata|dimineta !pana|asteptat|astept",
            "nu|n asteptat|astept !stiu|cand|inca|tot",
        ],
        "bg": [
            "бърз|бързо|бързичко|светкавичн|рано " + _D["bg"],
            "експресн " + _D["bg"] + " !плат|платих|платен|платена|платил|платила",  # paid for
            _D["bg"] + " следващия_ден|на_другия_ден|другия_ден|на_следващия",
            "на_другия_ден|следващия_ден при_мен|пред_вратата|на_вратата !чак|след",
            "сутринта|следобед|обед беше_при_мен|бяха_при_мен|беше_в_офиса|бяха_в_офиса|вече_беше|вече_бяха !чак|след",
            "точно_в_деня|точно_в_срок|точно_навреме",
            "точно_когато_казаха|точно_когато_обещаха|точно_когато_трябваше",
            "навреме|в_срок",
            "рекордн|рекордно_време " + _D["bg"],
            _D["bg"] + " преди срок|срока|уговор|обещ|очакв",
            "на_време|следващата_сутрин|на_другата_сутрин",
            "вечерта|вечер|нощта сутринта|сутрин !до|чаках|чака",
            _D["bg"] + " точно ден|деня|срок|обещаха|час|обещан|обещания|обещаната",
            "за_ден|за_часа|до_часа|за_един_ден|24ч|24h|48h !обещ|трябваше|очакван|срок|закъсн|забав|пишеше|пише|обяв|отговор|звън",
            _D["bg"]
            + " durshort !обещ|трябваше|очакван|срок|закъсн|забав"
            + "|пишеше|пише|обявен|обявено|възстанов|връщ|пари|парите|преди|смени|оправи|уреди|отговор",
            (
                "за= durshort !обещ|трябваше|очакван|срок|закъсн|забав|отговор|реши|оправи|върна|смени|уреди"
                "|пишеше|пише|обяв|възстанов|пари"
            ),
            "поръч|купих durshort !преди",
            "не чаках|чакам",
            "още_на_сутринта|още_сутринта|още_на_другия_ден|още_на_следващия_ден|още_същия_ден|същия_ден|на_втория_ден|втория_ден "
            + _D["bg"]
            + " !след|чак|седмиц|вземе|взеха|върн|нов|смени|замени|спря|счупи|развали|изгуб|загуб|обади",
        ],
        "pl": [
            "szybk|szybciutk|blyskawiczn|wczesn|sprawn " + _D["pl"],
            "ekspresow "
            + _D["pl"]
            + " !zaplaci|placi|oplaci|zaplacil|zaplacilem|zaplacilam|wybral|tydz|tygod|czekal",
            _D["pl"] + " nastepnego_dnia|kolejnego_dnia|drugi_dzien|na_drugi|nastepny_dzien",
            "na_czas|w_terminie|przed_terminem|przed_czasem",
            "rekordow|ekspresowym_tempie " + _D["pl"],
            "dostawa_ekspres|dostawa_express|przesylka_ekspres !zaplaci|placi|oplaci|zaplacil|wybral|tydz|tygod|czekal",
            "w_dzien|w_godzin|po_dniu|24h|48h !mial|miala|mialo|obiec|szacow|przewidyw|spozni|opozni|opis|pisal|pisze|pisalo|odpis|odpowie|czeka|akceptac",
            _D["pl"]
            + " durshort !mial|miala|mialo|obiec|szacow|przewidyw|spozni|opozni"
            + "|opis|pisal|pisze|zwrot|zwroc|reklamac|kasa|pieniadz|temu|ogarn|zalatw|odkrec|oknie|odpis",
            (
                "w=|po= durshort !mial|miala|mialo|obiec|szacow|przewidyw|spozni|opozni|odpis"
                "|odpowie|rozwiaz|zwrot|zwroc|opis|pisal|pisze|reklamac|kasa|pieniadz|ogarn|zalatw|odkrec|oknie"
            ),
            "zamow|zamawia|kupi durshort !temu",
            "punktualn",
            _D["pl"]
            + " zgodnie_z_obietnic|zgodnie_z_zapowiedz|jak_obiecali|jak_obiecano|zgodnie_z_termin"
            "|w_obiecanym_terminie|w_zapowiadanym",
            "zamow|zamowil|zamowilam|zamowilem juz_bylo|juz_byla|juz_przyszlo|przyszlo_juz|pod_drzwiami !dopiero|czekal|spozn|po=|promoc|wyprzed",
            "wieczorem|wieczor|nocy|noca rano !zamiast|czekal|czekam",
            "nie czekal|czekalem|czekalam",
        ],
        "pt": [
            "rapid|rapidissim|veloz|depress|cedo|ligeir|relampago|instante|voando " + _D["pt"],
            "ja_tava_aqui|ja_estava_aqui|ja_estava_ca|estavam_ca|ja_estava_em_casa|chegou_voando",
            "nao|nem demor !estrag|quebr|reembols|respond|estorn",
            "antes_da_data|antes_do_previsto|antes_do_combinado|antes_da_previsao",
            _D["pt"] + " dia_seguinte|dia_a_seguir|outro_dia|proximo_dia",
            "no_prazo|dentro_do_prazo|antes_do_prazo|em_dia=",
            _D["pt"] + " a=_horas|a=_tempo",
            _D["pt"] + " tempo_recorde !respond|suporte|atendimento",
            "em_horas|em_dia=|24h|48h !previs|previst|prometid|deveria|estimad|prazo|atras|dizia|diziam|anunci|indicad|respond|respost|garant",
            _D["pt"]
            + " durshort !previs|previst|prometid|deveria|estimad|prazo|atras"
            + "|dizia|diziam|anunci|indicad|reembols|devol|estorn|dinheiro|jura|ha=",
            (
                "em= durshort !previs|previst|prometid|deveria|estimad|prazo|atras|respond|respost|jura"
                "|resolv|reembols|estorn|dizia|diziam|anunci|indicad|devol|dinheiro"
            ),
            "pedi|encomend|compr durshort !ha=|atras=|dia=",
            "nem|nao esperar|esperei|esperou",
            "pontual",
            "noite manha !ate|esperei|espera",
            _D["pt"] + " data|dia certa|certo|combinad|previst|marcad|prometid",
            "dentro_do_horario|no_horario_combinado|horario_combinado|no_horario_marcado|na_janela_combinada !fora|depois|atras",
        ],
        "it": [
            "velo|rapid|rapidissim|fulmin|prest|puntual|tempestiv|anticipo|in_fretta|subito "
            + _D["it"]
            + " !rott|guast|difett",
            _D["it"]
            + " giorno_dopo|giorno_seguente|giorno_successivo|indomani|mattina_dopo|mattina_seguente|stesso_giorno"
            + " !segnal|reso|rott",
            "puntual|in_tempo|nei_tempi|in_anticipo|in_orario|in_un_lampo|in_un_baleno|consegna_lampo|spedizione_lampo",
            "era_gia_qui|era_qui|era_gia_sul|era_gia_a_casa|ho_tutto_a_casa !dopo|solo|settiman",
            _D["it"] + " tempo_record|record",
            (
                _D["it"] + " giorno_previst|giorno_promess|giorno_stabilit|giorno_concordat"
                "|giorno_indicat|giorno_che_avevano|data_previst|data_promess|data_stabilit"
                "|data_concordat|data_indicat !dopo|solo|soltanto|ritard"
            ),
            "in_ore|in_giorno|24h|48h !previst|promess|doveva|stimat|ritard|dicev|scritt|indicat|rispos|rispond|ricontatt|richiam|garantit",
            _D["it"]
            + " durshort !previst|promess|doveva|stimat|ritard"
            + "|dicev|scritt|indicat|rimbors|reso|soldi|fa=",
            (
                "in=|entro= durshort !previst|promess|doveva|stimat|ritard|rispos|rispond|risolt|contatt|richiam|posto|aiut"
                "|elabora|sospes|bloccat|pagament"
                "|rimbors|sistem|dicev|scritt|indicat|reso|soldi"
            ),
            "ordin|acquist|compr durshort !fa=",
            "non aspettato|atteso",
            "sera|notte mattina|mattino !alla|al|fino|aspett|dalla",
            _D["it"] + " prima previst|data|tempo",
            _D["it"]
            + " in_giornata|in_serata|entro_sera !rispost|rispond|richiam|doveva|previst|promess|mai=|non=|dovrebbe",
            _D["it"]
            + " fascia_oraria|nella_fascia|fascia_concordata|fascia_scelta !fuori|dopo|ritard|oltre|sbagliat|diversa|non=",
        ],
    },
}
