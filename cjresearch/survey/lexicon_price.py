"""The cue lists of the price (prices too high) theme, per language.

The syntax is that of :mod:`cjresearch.survey.lexicon`, which merges these into
``LEXICON``.
"""

from __future__ import annotations

from cjresearch.survey.grammar import PRICE_QUESTION

__all__ = ["PRICE"]

PRICE: dict[str, dict[str, list[str]]] = {
    "price_too_high": {
        "en": [
            "price|prices|priced|cost|costs|shipping above_average|above_market|above_the_competition|above_everyone !quality|service|support|standard",
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
            "pret|preturi|pretul|preturile|cost|costuri peste_medie|peste_media|peste_piata !calitat|servic|suport",
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
            "цена|цени|цената|цените над_средн|над_пазарн !качеств|обслужван|поддръжк",
            PRICE_QUESTION + " !ваучер|код|отстъпк|възстанов",
            "скъп|скъпо|скъпи|обир|надценен|грабеж",
            (
                "цена|цени|цената|цените|такса|разход|доставка висок|високи|прекален|прекомерн|солен"
                "|солени|космическ|безумн|грабеж|обир|надут|хапе|хапят|майтап|над_другите|над_конкуренц"
            ),
            "не струва",
            "пари_на_вятъра",
            "струва|цена|цената|такса|таксата|плат колкото_половината",
            "по_евтин|по_евтино|по_евтини !тук|тука",
            "поскъп",
            "за_тая_цена|за_тази_цена|за_тези_пари|за_тия_пари|за_такива_пари|на_тази_цена|на_тая_цена очаквах|очаквам !лошо|по_лошо",
            "цена|цени|цената|цените|такса|таксата вдигна|вдигнаха|вдигат|качи|качиха|скочи|скочиха|увелич",
            "не|никак евтин|евтино|достъп !най|толкова|такива",
            "цена|цени|цената|цените не|никак ниск|нормални|поносими !от=|най",
            "евтин_не_е=|евтин_не_са=|евтин_не_беше|евтин_не_бяха|евтин_хич_не|евтин_изобщо_не|евтин_никак_не",
        ],
        "pl": [
            "cena|ceny|cen=|cenach|koszt powyzej_sredniej|ponad_srednia|powyzej_rynk !jakosc|obslug",
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
            "slon|slono|slona|slone|slonaw cen|cena|ceny|koszt|oplat|wysylk|dostaw|przesylk|zl|placi|zaplaci",
        ],
        "pt": [
            "custo|custos|portes|frete|taxa|preco|precos sao_demais|e_demais|sao_um_absurdo|e_um_absurdo",
            "preco|precos|valor|valores|custo acima_da_media|acima_do_mercado|acima_da_concorrencia !qualidade|atendimento|servico",
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
            "prezz|cost sopra_la_media|sopra_il_mercato|sopra_la_concorrenza !qualita|servizio|assistenza",
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
            "cost|costa|costava|costano|prezz|spese un_botto|un_po_tanto|gonfiat|maggiorat|parecchio !meno|poco|niente|nulla|gratis",
            "spedizion un_botto|un_po_tanto|gonfiat|maggiorat !meno|poco|niente|nulla|gratis",
            "a_quel_prezzo|per_quel_prezzo|a_questo_prezzo|per_questo_prezzo aspettav !peggio",
            "rincar",
            "prezz|cost|spese|spedizion salit|salgono|aument|lievit|cresciut|gonfiat",
            "non|mica costa|costano|costi poco",
            "non|mica|niente econom|a_buon_mercato|convenient !piu=|cosi=|tanto=",
            "prezz non|mica bass|onest|modic !piu=",
            "econom_non_e=|econom_non_sono|econom_non_era|convenient_non_e=|convenient_non_sono",
        ],
    },
}
