"""Verbatim templates and planted personal data for the synthetic survey.

Short, correct sentences in each report language, several per theme, and the
formats of e-mail addresses and phone numbers of the matching countries.  Used
only by :mod:`cjresearch.sample.survey`; no template contains a digit or an
``@`` so that planted personal data can be found exactly.
"""

from __future__ import annotations

import numpy as np

__all__ = ["PII_SENTENCES", "TEMPLATES", "THEMES", "plant_email", "plant_phone"]

#: Verbatim themes, in a fixed order.
THEMES = (
    "late_delivery",
    "checkout_error",
    "helpful_support",
    "price_too_high",
    "easy_website",
    "fast_delivery",
    "general_praise",
)

TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "late_delivery": (
            "My order arrived a week late and nobody told me why.",
            "Delivery took far too long.",
            "The parcel was late again, very disappointing.",
        ),
        "checkout_error": (
            "The payment page kept failing at checkout.",
            "I got an error when I tried to pay for my order.",
            "Checkout crashed twice before the order went through.",
        ),
        "helpful_support": (
            "The support team was very helpful and solved my problem quickly.",
            "Customer service was friendly and patient.",
            "Thanks to the support agent who helped me with my return.",
        ),
        "price_too_high": (
            "The prices are too high compared to other shops.",
            "Too expensive for what you get.",
            "Shipping costs make everything too expensive.",
        ),
        "easy_website": (
            "The website is easy to use and I found everything quickly.",
            "Very simple to order on the site.",
            "Clear website, easy to compare products.",
        ),
        "fast_delivery": (
            "Fast delivery, the parcel arrived the next day.",
            "Delivery was quick and on time.",
            "My order arrived earlier than expected.",
        ),
        "general_praise": (
            "Great shop, I will order again.",
            "Everything was fine, thank you.",
            "Good products and good service.",
        ),
    },
    "ro": {
        "late_delivery": (
            "Comanda a ajuns cu o săptămână întârziere și nimeni nu mi-a spus de ce.",
            "Livrarea a durat mult prea mult.",
            "Coletul a întârziat din nou, sunt foarte dezamăgit.",
        ),
        "checkout_error": (
            "Pagina de plată dădea eroare la finalizarea comenzii.",
            "Am primit o eroare când am încercat să plătesc comanda.",
            "Plata a eșuat de două ori înainte să treacă comanda.",
        ),
        "helpful_support": (
            "Echipa de suport a fost foarte amabilă și mi-a rezolvat problema repede.",
            "Serviciul clienți a fost prietenos și răbdător.",
            "Mulțumesc operatorului care m-a ajutat cu returul.",
        ),
        "price_too_high": (
            "Prețurile sunt prea mari față de alte magazine.",
            "Prea scump pentru ce primești.",
            "Costurile de livrare fac totul prea scump.",
        ),
        "easy_website": (
            "Site-ul este ușor de folosit și am găsit totul repede.",
            "Este foarte simplu să comanzi pe site.",
            "Site clar, produsele se compară ușor.",
        ),
        "fast_delivery": (
            "Livrare rapidă, coletul a ajuns a doua zi.",
            "Livrarea a fost rapidă și la timp.",
            "Comanda a ajuns mai devreme decât mă așteptam.",
        ),
        "general_praise": (
            "Magazin excelent, voi mai comanda.",
            "Totul a fost în regulă, mulțumesc.",
            "Produse bune și servicii bune.",
        ),
    },
    "bg": {
        "late_delivery": (
            "Поръчката ми пристигна със седмица закъснение и никой не ми обясни защо.",
            "Доставката отне твърде много време.",
            "Пратката отново закъсня, много съм разочарован.",
        ),
        "checkout_error": (
            "Страницата за плащане постоянно даваше грешка.",
            "Получих грешка, когато се опитах да платя поръчката.",
            "Плащането се провали два пъти, преди поръчката да мине.",
        ),
        "helpful_support": (
            "Екипът по поддръжка беше много услужлив и реши проблема ми бързо.",
            "Обслужването на клиенти беше любезно и търпеливо.",
            "Благодаря на служителя, който ми помогна с връщането.",
        ),
        "price_too_high": (
            "Цените са твърде високи в сравнение с други магазини.",
            "Твърде скъпо за това, което получаваш.",
            "Разходите за доставка правят всичко твърде скъпо.",
        ),
        "easy_website": (
            "Сайтът е лесен за използване и намерих всичко бързо.",
            "Много лесно се поръчва от сайта.",
            "Ясен сайт, продуктите се сравняват лесно.",
        ),
        "fast_delivery": (
            "Бърза доставка, пратката пристигна на следващия ден.",
            "Доставката беше бърза и навреме.",
            "Поръчката пристигна по-рано от очакваното.",
        ),
        "general_praise": (
            "Страхотен магазин, ще поръчам отново.",
            "Всичко беше наред, благодаря.",
            "Добри продукти и добро обслужване.",
        ),
    },
    "pl": {
        "late_delivery": (
            "Zamówienie dotarło z tygodniowym opóźnieniem i nikt mi nie wyjaśnił dlaczego.",
            "Dostawa trwała zdecydowanie za długo.",
            "Paczka znowu się spóźniła, jestem bardzo rozczarowany.",
        ),
        "checkout_error": (
            "Strona płatności ciągle wyświetlała błąd.",
            "Dostałem błąd, gdy próbowałem zapłacić za zamówienie.",
            "Płatność nie powiodła się dwa razy, zanim zamówienie przeszło.",
        ),
        "helpful_support": (
            "Obsługa klienta była bardzo pomocna i szybko rozwiązała mój problem.",
            "Konsultant był miły i cierpliwy.",
            "Dziękuję konsultantce, która pomogła mi ze zwrotem.",
        ),
        "price_too_high": (
            "Ceny są za wysokie w porównaniu z innymi sklepami.",
            "Za drogo jak na to, co się dostaje.",
            "Koszty wysyłki sprawiają, że wszystko jest za drogie.",
        ),
        "easy_website": (
            "Strona jest łatwa w obsłudze i szybko wszystko znalazłem.",
            "Zamawianie na stronie jest bardzo proste.",
            "Przejrzysta strona, łatwo porównać produkty.",
        ),
        "fast_delivery": (
            "Szybka dostawa, paczka przyszła następnego dnia.",
            "Dostawa była szybka i na czas.",
            "Zamówienie dotarło wcześniej, niż się spodziewałem.",
        ),
        "general_praise": (
            "Świetny sklep, na pewno zamówię ponownie.",
            "Wszystko było w porządku, dziękuję.",
            "Dobre produkty i dobra obsługa.",
        ),
    },
    "pt": {
        "late_delivery": (
            "A minha encomenda chegou com uma semana de atraso e ninguém me explicou porquê.",
            "A entrega demorou demasiado tempo.",
            "A encomenda voltou a atrasar, estou muito desiludido.",
        ),
        "checkout_error": (
            "A página de pagamento dava sempre erro.",
            "Recebi um erro quando tentei pagar a encomenda.",
            "O pagamento falhou duas vezes antes de a encomenda ser aceite.",
        ),
        "helpful_support": (
            "A equipa de apoio foi muito prestável e resolveu o meu problema rapidamente.",
            "O apoio ao cliente foi simpático e paciente.",
            "Obrigado ao assistente que me ajudou com a devolução.",
        ),
        "price_too_high": (
            "Os preços são demasiado altos em comparação com outras lojas.",
            "Demasiado caro para o que se recebe.",
            "Os portes de envio tornam tudo demasiado caro.",
        ),
        "easy_website": (
            "O site é fácil de usar e encontrei tudo rapidamente.",
            "É muito simples encomendar no site.",
            "Site claro, é fácil comparar produtos.",
        ),
        "fast_delivery": (
            "Entrega rápida, a encomenda chegou no dia seguinte.",
            "A entrega foi rápida e dentro do prazo.",
            "A encomenda chegou mais cedo do que esperava.",
        ),
        "general_praise": (
            "Ótima loja, vou voltar a encomendar.",
            "Correu tudo bem, obrigado.",
            "Bons produtos e bom serviço.",
        ),
    },
    "it": {
        "late_delivery": (
            "Il mio ordine è arrivato con una settimana di ritardo e nessuno mi ha spiegato perché.",
            "La consegna ha richiesto troppo tempo.",
            "Il pacco è arrivato di nuovo in ritardo, sono molto deluso.",
        ),
        "checkout_error": (
            "La pagina di pagamento continuava a dare errore.",
            "Ho ricevuto un errore quando ho provato a pagare l'ordine.",
            "Il pagamento non è andato a buon fine due volte prima che l'ordine passasse.",
        ),
        "helpful_support": (
            "Il servizio clienti è stato molto disponibile e ha risolto subito il mio problema.",
            "L'assistenza è stata gentile e paziente.",
            "Grazie all'operatore che mi ha aiutato con il reso.",
        ),
        "price_too_high": (
            "I prezzi sono troppo alti rispetto ad altri negozi.",
            "Troppo caro per quello che si riceve.",
            "Le spese di spedizione rendono tutto troppo caro.",
        ),
        "easy_website": (
            "Il sito è facile da usare e ho trovato tutto subito.",
            "Ordinare sul sito è molto semplice.",
            "Sito chiaro, è facile confrontare i prodotti.",
        ),
        "fast_delivery": (
            "Consegna veloce, il pacco è arrivato il giorno dopo.",
            "La consegna è stata rapida e puntuale.",
            "L'ordine è arrivato prima del previsto.",
        ),
        "general_praise": (
            "Ottimo negozio, ordinerò di nuovo.",
            "È andato tutto bene, grazie.",
            "Buoni prodotti e buon servizio.",
        ),
    },
}

#: Sentences that carry planted personal data: ``{language: (email, phone)}``.
PII_SENTENCES: dict[str, tuple[str, str]] = {
    "en": ("You can reach me at {email}.", "Call me on {phone}."),
    "ro": ("Mă puteți contacta la {email}.", "Sunați-mă la {phone}."),
    "bg": ("Можете да ми пишете на {email}.", "Обадете ми се на {phone}."),
    "pl": ("Proszę o kontakt: {email}.", "Proszę zadzwonić pod numer {phone}."),
    "pt": ("Podem contactar-me pelo {email}.", "Liguem-me para o {phone}."),
    "it": ("Potete contattarmi a {email}.", "Chiamatemi al {phone}."),
}

_NAMES = {
    "en": (
        ("james", "emma", "oliver", "sophie"),
        ("smith", "jones", "taylor", "brown"),
        ("gmail.com", "outlook.com"),
    ),
    "ro": (
        ("andrei", "maria", "ioana", "mihai"),
        ("popescu", "ionescu", "stan", "dumitru"),
        ("yahoo.ro", "gmail.com"),
    ),
    "bg": (
        ("ivan", "maria", "georgi", "elena"),
        ("ivanov", "petrova", "dimitrov", "georgieva"),
        ("abv.bg", "gmail.com"),
    ),
    "pl": (
        ("anna", "piotr", "katarzyna", "tomasz"),
        ("nowak", "kowalski", "wisniewska", "wojcik"),
        ("wp.pl", "onet.pl"),
    ),
    "pt": (
        ("joao", "ana", "pedro", "rita"),
        ("silva", "santos", "ferreira", "costa"),
        ("sapo.pt", "gmail.com"),
    ),
    "it": (
        ("marco", "giulia", "luca", "francesca"),
        ("rossi", "russo", "ferrari", "bianchi"),
        ("libero.it", "gmail.com"),
    ),
}

# Mobile formats per language (country): "d" is a random digit; one national
# and one international form each.
_PHONES = {
    "en": ("07ddd dddddd", "+44 7ddd dddddd"),
    "ro": ("07dd ddd ddd", "+40 7dd ddd ddd"),
    "bg": ("08dd ddd ddd", "+359 8d ddd dddd"),
    "pl": ("5dd ddd ddd", "+48 6dd ddd ddd"),
    "pt": ("9dd ddd ddd", "+351 9dd ddd ddd"),
    "it": ("3dd ddd dddd", "+39 3dd ddd dddd"),
}


def plant_email(rng: np.random.Generator, language: str) -> str:
    """A plausible e-mail address for a respondent writing in ``language``."""
    first, last, domains = _NAMES[language]
    return (
        f"{first[rng.integers(len(first))]}.{last[rng.integers(len(last))]}"
        f"{rng.integers(10, 100)}@{domains[rng.integers(len(domains))]}"
    )


def plant_phone(rng: np.random.Generator, language: str) -> str:
    """A mobile phone number in the national or international format of ``language``."""
    fmt = _PHONES[language][rng.integers(2)]
    return "".join(str(rng.integers(10)) if ch == "d" else ch for ch in fmt)
