"""The cue lists of the general praise theme, per language.

The syntax is that of :mod:`cjresearch.survey.lexicon`, which merges these into
``LEXICON``.
"""

from __future__ import annotations

__all__ = ["PRAISE"]

#: words of praise, and what they praise when about the shop as a whole
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

PRAISE: dict[str, dict[str, list[str]]] = {
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
            "zero_issues|zero_problems !plat|pay|pag|checkout|comand|order|zamow|encomend|ordin|поръч|плащ|site|sito|stron|сайт|app",
            "not happier|more_satisfied|more_pleased|more_happy",
            "still_a_customer|remain_a_customer|stay_a_customer|staying_a_customer|sticking_with_them|sticking_with_you|stick_with_them|stick_with_you",
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
            "nu|n ma_pot_plange|pot_sa_ma_plang|am_de_ce_ma_plange|avem_de_ce_ne_plange",
            "zero_probleme !plat|pay|pag|checkout|comand|order|zamow|encomend|ordin|поръч|плащ|site|sito|stron|сайт|app",
            "nu|n|niciodata am= avut problem !pana|acum=|data|card|plat|comand|site|aplicati|raspuns|rezolv|curier|livr",
            "nu|n putea|puteam|puteai mai_multumit|mai_multumita|mai_fericit|mai_fericita|mai_incantat",
            "raman_client|raman_clienta|raman_clientul|raman_clienta_voastra|raman_clientul_vostru",
        ],
        "bg": [
            "препоръч",
            "доволен|доволна|доволни|щастлив|очарован",
            "поръчам|пазарувам|купя|поръчвам отново|пак=",
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
            "не мога_да_се_оплача|може_да_се_оплаче|мога_да_се_оплаквам|мога_да_кажа_лоша",
            "нула_проблеми|нула_проблема !plat|pay|pag|checkout|comand|order|zamow|encomend|ordin|поръч|плащ|site|sito|stron|сайт|app",
            "нямах|нямахме проблем !досега|сега|път|плащ|поръч|сайт|отговор|карт|куриер|достав",
            "не мож|можех|може по_доволен|по_доволна|по_щастлив|по_щастлива",
            "оставам_клиент|остана_клиент|оставам_ваш|оставам_ваша|оставам_ви_клиент",
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
            "nie moge_narzekac|mozna_narzekac|ma_co_narzekac|mam_na_co_narzekac|moge_sie_przyczepic",
            "zero_problemow|zero_wpadek|ani_jednej_wpadki !plat|pay|pag|checkout|comand|order|zamow|encomend|ordin|поръч|плащ|site|sito|stron|сайт|app",
            "nie|nigdy mialem|mialam|mielismy problem !dotad|teraz|tym_razem|plat|zamow|stron|odpowiedz|kart|kurier|dostaw",
            "nie mogl|moglbym|moglabym|moze|moge bardziej_zadowol|bardziej_szczesliw",
            "zostaje_klient|zostane_klient|pozostane_klient|pozostaje_klient|zostaje_z_wami|zostane_z_wami",
        ],
        "pt": [
            "recomend",
            "satisfeit|content|feliz|encantad",
            "adorei|amei !atendimento|atendente|suporte|apoio",
            "voltarei|voltaremos|voltaria|vou_voltar|volto_a|voltava_a|hei_de_voltar compr|encomend|comprar|pedir",
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
            "nao tenho queixa|reclamac",
            "nada de_mal|negativo",
            "nao|nunca arrepend",
            "nada_a_melhorar|nada_a_mudar !fez|fizeram|faz",
            "zero_reclama|zero_queixa",
            "zero_problemas|zero_stress !plat|pay|pag|checkout|comand|order|zamow|encomend|ordin|поръч|плащ|site|sito|stron|сайт|app",
            "so_tenho elogi",
            "nao|nem podia|poderia|podiam mais_satisfeit|mais_feliz|mais_content !atendimento|suporte|apoio|atendente|entrega|entregador",
            "nao|nunca me_queixo|me_posso_queixar|posso_reclamar|tenho_do_que_reclamar|tenho_de_que_me_queixar",
            "continuo_cliente|continuarei_cliente|sigo_cliente|continuo_a_ser_cliente|continuo_sendo_cliente",
            "sao_top|vcs_sao_demais|voces_sao_demais|voces_arrasam|vcs_arrasam|arrasaram|sao_os_melhores|sao_show",
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
                "|tutto_a_posto !banca|dice|dicono|diceva|dicevano"
            ),
            "cinque_stelle|5_stelle|10_e_lode|dieci_e_lode|promoss",
            "miglior negozio|shop|sito|e_commerce !prezz|altro",
            "niente|nulla dire|eccepire|ridire|rimprover",
            "niente|nulla di_male|negativo",
            "non|mai pentit|pento",
            "niente_da_migliorare|nulla_da_migliorare|niente_da_cambiare|nulla_da_cambiare !fatto|fanno",
            "niente|nulla di_cui lamentar",
            "zero_lamentel|zero_reclam",
            "non posso_lamentarmi|mi_posso_lamentare|ci_si_puo_lamentare|c_e_da_lamentarsi",
            "zero_problemi|zero_intoppi !plat|pay|pag|checkout|comand|order|zamow|encomend|ordin|поръч|плащ|site|sito|stron|сайт|app",
            "non ho|abbiamo avuto problem|intopp !finora|fino|adesso|stavolta|volta|pag|ordin|sito|app|rispost|carta|corrier|consegn",
            "tornero=|ritornero=|ricomprero= di_sicuro|senz_altro|senzaltro",
            "non potrei|potevo|poteva|potrebbe piu_soddisfatt|piu_content|piu_felice !assistenza|servizio_clienti|corriere|consegna",
            "resto_cliente|rimango_cliente|rimarro_cliente|resto_vostro_cliente|resto_vostra_cliente|resto_un_vostro",
        ],
    },
}
