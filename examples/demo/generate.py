#!/usr/bin/env python3
"""How examples/demo was written.

It writes folio.toml, contacts/*.toml and journal/2025.journal and 2026.journal; the 2027 journal,
documents/ and quotes/ (the invoices with line items the README renders) are kept by hand. It is
deterministic, and a test (tests/cli/demo.rs) checks that it rewrites the committed files byte
for byte: change the book by editing this script and re-running it.

    python3 examples/demo/generate.py             # rewrite the book
    python3 examples/demo/generate.py --out DIR   # write it under DIR instead
    python3 examples/demo/generate.py --report    # print the receivables story as of a few dates

The book: Atelier Lumière SRL, a Brussels studio that designs lighting, tableware and textiles,
has them made in China and France, and sells them to hotels, restaurants, shops and interior
architects in Belgium (in French, Dutch and German), France, China and the US. Today is 2026-11-25.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

BOOK = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else Path(__file__).resolve().parent
TODAY = date(2026, 11, 25)
FIRST, LAST = date(2025, 12, 1), date(2026, 11, 20)
BOOK_TERMS = 30
rng = random.Random(20261125)


def d(text: str) -> date:
    return date.fromisoformat(text)


def money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def with_vat(net) -> Decimal:
    """Belgian domestic sales and purchases carry 21% VAT; exports and intra-EU B2B do not."""
    return money(Decimal(net) * Decimal("1.21"))


# --- identifiers with valid check digits -------------------------------------------------------

used_numbers: set[str] = set()


def be_vat() -> str:
    """BE0 + 7 digits + 2 check digits: 97 - (first 8 digits mod 97)."""
    while True:
        body = "0" + str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(6))
        vat = f"BE{body}{97 - int(body) % 97:02d}"
        if vat not in used_numbers:
            used_numbers.add(vat)
            return vat


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def fr_vat() -> str:
    """FR + key + SIREN, the SIREN passing Luhn and key = (12 + 3 * (SIREN mod 97)) mod 97."""
    while True:
        body = str(rng.randint(3, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        siren = next(body + str(c) for c in range(10) if luhn_ok(body + str(c)))
        vat = f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"
        if vat not in used_numbers:
            used_numbers.add(vat)
            return vat


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc(region: str) -> str:
    """Unified social credit code (GB 32100-2015): 91 (company) + region + organisation code
    (GB 11714, with its own check character) + a check character mod 31."""
    while True:
        body = "".join(str(rng.randint(0, 9)) for _ in range(8))
        org_check = 11 - sum(int(c) * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
        org = body + {10: "X", 11: "0"}.get(org_check, str(org_check))
        code = "91" + region + org
        total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(code))
        code += USCC_CHARS[(31 - total % 31) % 31]
        if code not in used_numbers:
            used_numbers.add(code)
            return code


# --- contacts ----------------------------------------------------------------------------------


@dataclass
class Contact:
    id: str
    name: str
    roles: list[str]
    country: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str | None
    industry: str
    language: str
    tags: list[str]
    vat: str | None = None
    currency: str | None = None
    terms: int | None = None
    credit_limit: str | None = None
    since: str | None = None
    region: str | None = None
    archived: bool = False
    newsletter: bool | None = None
    custom: dict[str, str] = field(default_factory=dict)
    notes: list[tuple] = field(default_factory=list)
    people: list[tuple[str, str, str, str]] = field(default_factory=list)
    recurring: str | None = None

    def toml(self, named: dict[str, str]) -> str:
        def q(s: str) -> str:
            return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

        lines = [f"name = {q(self.name)}"]
        if self.roles != ["customer"]:
            lines.append("roles = [" + ", ".join(q(r) for r in self.roles) + "]")
        if self.email:
            lines.append(f"email = {q(self.email)}")
        lines.append(f"phone = {q(self.phone)}")
        if self.vat:
            lines.append(f"vat = {q(self.vat)}")
        if self.id in IBANS:
            lines.append(f"iban = {q(IBANS[self.id])}")
        lines.append(f"industry = {q(self.industry)}")
        lines.append("tags = [" + ", ".join(q(t) for t in self.tags) + "]")
        lines.append(f"language = {q(self.language)}")
        if self.currency:
            lines.append(f"currency = {q(self.currency)}")
        if self.terms is not None:
            lines.append(f"terms = {self.terms}")
        if self.credit_limit:
            lines.append(f"credit_limit = {q(self.credit_limit)}")
        if self.since:
            lines.append(f"since = {self.since}")
        if self.archived:
            lines.append("archived = true")
        lines += ["", "[address]", f"street = {q(self.street)}", f"postcode = {q(self.postcode)}",
                  f"city = {q(self.city)}"]
        if self.region:
            lines.append(f"region = {q(self.region)}")
        lines.append(f"country = {q(self.country)}")
        if self.newsletter is not None:
            lines += ["", "[preferences]", f"newsletter = {'true' if self.newsletter else 'false'}"]
        if self.custom:
            lines += ["", "[custom]"] + [f"{k} = {q(v)}" for k, v in self.custom.items()]
        for person_name, role, email, phone in self.people:
            lines += ["", "[[people]]", f"name = {q(person_name)}", f"role = {q(role)}",
                      f"email = {q(email)}", f"phone = {q(phone)}"]
        for when, kind, text, *more in self.notes:
            # The keys in the order `folio fmt` writes them: date, kind, state, document, text.
            lines += ["", "[[notes]]", f"date = {when}", f"kind = {q(kind)}"]
            if more:
                state, document = more
                lines.append(f"state = {q(state)}")
                if document:
                    lines.append(f"document = {q(document.format_map(named))}")
            lines.append(f"text = {q(text.format_map(named))}")
        if self.recurring:
            lines += ["", self.recurring.strip()]
        return "\n".join(lines) + "\n"


C = Contact
CONTACTS = [
    # Customers, Belgium.
    C("maison-verhaegen", "Maison Verhaegen BV", ["customer"], "BE", "Veldstraat 58", "9000", "Gent",
      "+32 9 223 41 87", "boekhouding@maisonverhaegen.example", "retail", "nl", ["vip", "retail"],
      vat=be_vat(), credit_limit="20000.00", since="2019-04-15",
      custom={"account_manager": "Claire"},
      notes=[("2026-02-03", "call", "Asked for the spring catalogue in Dutch; always pays within ten days.")],
      recurring='''
[[recurring]]
id = "onderhoud"
every = "month"
day = 1
start = 2027-01-01
terms = 14
memo = "verlichtingsonderhoud showroom"

[[recurring.items]]
description = "Onderhoud verlichting showroom (maandelijks)"
quantity = 1
unit = "maand"
price = "180.00"
vat = "21"
'''),
    C("brasserie-du-sablon", "Brasserie du Sablon SRL", ["customer"], "BE", "Rue de la Régence 34",
      "1000", "Bruxelles", "+32 2 511 63 20", "compta@brasseriedusablon.example", "hospitality", "fr",
      ["horeca"], vat=be_vat(), credit_limit="6000.00", since="2021-09-01",
      custom={"account_manager": "Marc"},
      notes=[("2026-03-24", "call", "Reminder for {sablon_reminder}; owner says they pay every invoice after two months."),
             ("2026-08-12", "email", "Second reminder sent; payment arrived a week later, thirty days late as usual.")]),
    C("hotel-les-tilleuls", "Hôtel Les Tilleuls SA", ["customer"], "BE", "Boulevard de la Meuse 112",
      "5100", "Namur", "+32 81 30 55 14", "direction@hotel-lestilleuls.example", "hospitality", "fr",
      ["vip", "horeca", "project"], vat=be_vat(), credit_limit="12000.00", since="2025-10-20",
      custom={"account_manager": "Claire", "project": "Renovation of 38 rooms and the lobby"},
      notes=[("2026-04-08", "complaint", "Eleven bedside lamps arrived with cracked shades (phase 2 delivery)."),
             ("2026-04-20", "resolution", "Credit note for the damaged lamps; replacements shipped from stock."),
             ("2026-07-20", "call", "CFO agreed a payment plan: EUR 1000 at the end of each month."),
             ("2026-11-06", "email", "October instalment missed; no reply to two e-mails. Credit hold.", "open", None)],
      people=[("Isabelle Marchal", "billing", "comptabilite@hotel-lestilleuls.example", "+32 81 30 55 10"),
              ("Thomas Renard", "technical", "technique@hotel-lestilleuls.example", "+32 81 30 55 19")]),
    C("studio-vandenberghe", "Studio Vandenberghe BV", ["customer"], "BE", "Kloosterstraat 171",
      "2000", "Antwerpen", "+32 3 238 90 46", "admin@studiovandenberghe.example", "design", "nl",
      ["design", "trade"], vat=be_vat(), credit_limit="8000.00", since="2022-02-11"),
    C("galerie-delvaux", "Galerie Delvaux SRL", ["customer"], "BE", "Rue des Minimes 21", "1000",
      "Bruxelles", "+32 2 512 07 73", "info@galeriedelvaux.example", "art", "fr", ["art", "retail"],
      vat=be_vat(), since="2018-06-01",
      notes=[("2026-03-20", "complaint", "Two vases from the March order do not match the sample glaze."),
             ("2026-04-02", "resolution", "Credit note refunded by bank transfer; gallery closed for renovation until 2027.")]),
    C("cafe-leopold", "Café Léopold SRL", ["customer"], "BE", "Place du Luxembourg 8", "1050",
      "Ixelles", "+32 2 230 18 62", "gerance@cafeleopold.example", "hospitality", "fr", ["horeca"],
      vat=be_vat(), terms=14, credit_limit="2500.00", since="2023-05-10",
      notes=[("2026-09-08", "complaint", "Says half of the espresso cups of {leopold_disputed} were chipped; refuses to pay it.", "open", "{leopold_disputed}"),
             ("2026-10-14", "call", "Photos requested twice, still not received. Invoice stays open.")]),
    C("boutique-lilas", "Boutique Lilas", ["customer"], "BE", "Rue Pont d'Avroy 27", "4000", "Liège",
      "+32 4 222 38 15", "lilas.boutique@mail.example", "retail", "fr", ["retail"], vat=be_vat(),
      since="2024-03-18", newsletter=False),
    C("de-witte-interieur", "De Witte Interieur NV", ["customer"], "BE", "Langestraat 140", "8000",
      "Brugge", "+32 50 33 72 91", "aankoop@dewitte-interieur.example", "wholesale", "nl",
      ["wholesale", "trade"], vat=be_vat(), terms=45, credit_limit="15000.00", since="2020-11-02",
      custom={"buyer": "Pieter De Witte"}),
    C("restaurant-le-phare", "Restaurant Le Phare", ["customer"], "BE", "Albert I Promenade 44",
      "8400", "Oostende", "+32 59 70 21 08", "info@lephare-oostende.example", "hospitality", "nl",
      ["horeca"], vat=be_vat(), since="2022-04-01", archived=True,
      notes=[("2026-01-28", "call", "Restaurant closed for good at the end of January; account settled.")]),
    C("sophie-mertens", "Sophie Mertens", ["customer"], "BE", "Klötzerbahn 19", "4700",
      "Eupen", "+32 475 62 18 90", "sophie.mertens@mail.example", "private", "de",
      ["private"], since="2026-02-14", newsletter=False),
    # Customers, France.
    C("galeries-rivoli", "Les Galeries Rivoli SAS", ["customer"], "FR", "112 rue de Rivoli", "75001",
      "Paris", "+33 1 42 60 33 18", "fournisseurs@galeriesrivoli.example", "wholesale", "fr",
      ["vip", "wholesale", "department-store"], vat=fr_vat(), terms=60, credit_limit="30000.00",
      since="2017-01-09", custom={"account_manager": "Claire", "edi_supplier_code": "ATL-0448"}),
    C("societe-nantaise-deco", "Société Nantaise de Décoration SA", ["customer"], "FR",
      "14 quai de la Fosse", "44000", "Nantes", "+33 2 40 48 21 77", "achats@sndeco.example",
      "wholesale", "fr", ["wholesale"], vat=fr_vat(), terms=60, credit_limit="16000.00",
      since="2020-02-20"),
    C("creations-helene", "Créations Hélène SARL", ["customer"], "FR", "9 rue Sainte-Catherine",
      "33000", "Bordeaux", "+33 5 56 44 90 12", "helene@creationshelene.example", "retail", "fr",
      ["retail", "design"], vat=fr_vat(), terms=45, since="2021-06-07",
      notes=[("2026-10-12", "email", "Paid {helene_twice} twice by mistake; keeps the surplus as credit for the next orders.")]),
    C("maison-beaumont", "Maison Beaumont & Fils SARL", ["customer"], "FR", "27 rue Mercière",
      "69002", "Lyon", "+33 4 78 37 52 09", "contact@maisonbeaumont.example", "retail", "fr",
      ["retail"], vat=fr_vat(), since="2019-09-30", newsletter=False),
    C("etienne-faure", "Étienne Faure", ["customer"], "FR", "5 place du Théâtre", "59800", "Lille",
      "+33 6 12 48 77 30", "etienne.faure@archi.example", "design", "fr", ["design", "architect"],
      vat=fr_vat(), since="2024-10-01", custom={"referral": "Hôtel Les Tilleuls"}),
    # Customers, further away.
    C("hudson-loft", "Hudson Loft Interiors LLC", ["customer"], "US", "245 West 25th Street",
      "10001", "New York", "+1 212 555 0148", "payables@hudsonloft.example", "design", "en",
      ["design", "export"], currency="USD", terms=45, credit_limit="25000.00", since="2023-03-14",
      region="NY", custom={"incoterm": "DAP"}),
    C("shanghai-jinghua", "上海晶华家居有限公司", ["customer"], "CN", "徐汇区漕溪北路 398 号 12 楼",
      "200030", "上海", "+86 21 6438 2215", "caiwu@jinghua-home.example", "wholesale", "zh",
      ["wholesale", "export"], vat=uscc("310104"), terms=60, credit_limit="20000.00",
      since="2024-05-06", custom={"incoterm": "FOB Antwerp"},
      notes=[("2026-10-20", "call", "Large Christmas order shipped on open account for the first time.")]),
    C("hangzhou-meiyuan", "杭州美苑文化创意有限公司", ["customer"], "CN", "西湖区文三路 478 号",
      "310013", "杭州", "+86 571 8821 4076", "finance@meiyuan-design.example", "design", "zh",
      ["design", "export"], vat=uscc("330106"), since="2025-11-03",
      notes=[("2026-08-04", "email", "Reminder for the April and June fee notes; promised payment after their own client pays."),
             ("2026-10-15", "call", "No payment yet. Escalated to Claire.")]),
    # Both customer and supplier.
    C("lumen-design", "Lumen Design SRL", ["customer", "supplier"], "BE", "Rue Dansaert 96", "1000",
      "Bruxelles", "+32 2 503 44 27", "hello@lumendesign.example", "design", "fr", ["design"],
      vat=be_vat(), since="2020-05-12",
      custom={"relationship": "designs our pendant lamps; buys our fabrics for its own projects"}),
    C("papeterie-moreau", "Papeterie Moreau SAS", ["customer", "supplier"], "FR", "38 rue du Bac",
      "75007", "Paris", "+33 1 45 48 06 91", "compta@papeteriemoreau.example", "retail", "fr",
      ["retail", "packaging"], vat=fr_vat(), terms=45, since="2019-02-01"),
    C("xiamen-haiyun", "厦门海韵贸易有限公司", ["customer", "supplier"], "CN", "思明区鹭江道 268 号",
      "361001", "厦门", "+86 592 202 6631", "trade@haiyun-xm.example", "wholesale", "zh",
      ["rattan", "export"], vat=uscc("350203"), since="2022-08-22"),
    # Suppliers.
    C("shenzhen-lianhua", "深圳莲花照明科技有限公司", ["supplier"], "CN", "宝安区福永街道凤凰路 66 号",
      "518103", "深圳", "+86 755 2734 8810", "sales@lianhua-lighting.example", "lighting", "zh",
      ["manufacturer", "lighting"], vat=uscc("440306"), currency="CNY", terms=60, since="2021-03-01",
      custom={"bank": "China Merchants Bank, Shenzhen Fuyong branch"}),
    C("foshan-hongli", "佛山宏力家具有限公司", ["supplier"], "CN", "顺德区乐从镇家具大道 18 号",
      "528315", "佛山", "+86 757 2881 6025", "export@hongli-furniture.example", "furniture", "zh",
      ["manufacturer", "furniture"], vat=uscc("440606"), since="2025-09-15"),
    C("jingdezhen-qingyun", "景德镇青云陶瓷厂", ["supplier"], "CN", "珠山区新厂西路 52 号", "333000",
      "景德镇", "+86 798 822 4519", "qingyun.ceramics@mail.example", "ceramics", "zh",
      ["manufacturer", "ceramics"], since="2020-07-01"),
    C("ningbo-haitong", "宁波海通国际货运代理有限公司", ["supplier"], "CN", "北仑区明州路 699 号",
      "315800", "宁波", "+86 574 8690 3377", "billing@haitong-logistics.example", "logistics", "en",
      ["freight"], vat=uscc("330206"), currency="USD", terms=14, since="2021-03-01"),
    C("textiles-rousseau", "Textiles Rousseau SAS", ["supplier"], "FR", "62 rue de l'Épeule",
      "59100", "Roubaix", "+33 3 20 73 15 48", "adv@textiles-rousseau.example", "textiles", "fr",
      ["manufacturer", "textiles"], vat=fr_vat(), terms=45, since="2018-10-01"),
    C("verrerie-argonne", "Verrerie d'Argonne SA", ["supplier"], "FR", "3 route de Sainte-Menehould",
      "55120", "Les Islettes", "+33 3 29 88 41 06", "commandes@verrerie-argonne.example", "glass", "fr",
      ["manufacturer", "glass"], vat=fr_vat(), since="2022-01-17"),
    C("imprimerie-lambert", "Imprimerie Lambert SRL", ["supplier"], "BE", "Rue de Montigny 140",
      "6000", "Charleroi", "+32 71 31 52 84", "devis@imprimerie-lambert.example", "printing", "fr",
      ["services", "printing"], vat=be_vat(), since="2019-01-10"),
    C("transports-peeters", "Transports Peeters NV", ["supplier"], "BE", "Industrieweg 31", "2800",
      "Mechelen", "+32 15 42 66 19", "facturatie@peeters-transport.example", "logistics", "nl",
      ["services", "freight"], vat=be_vat(), terms=14, since="2019-01-10"),
    C("claes-partners", "Claes & Partners Accountants BV", ["supplier"], "BE", "Bondgenotenlaan 88",
      "3000", "Leuven", "+32 16 29 47 50", "kantoor@claes-partners.example", "accounting", "nl",
      ["services"], vat=be_vat(), since="2018-01-01"),
    C("immo-grand-sablon", "Immo Grand Sablon SA", ["supplier"], "BE", "Place du Grand Sablon 40",
      "1000", "Bruxelles", "+32 2 513 29 90", None, "real-estate", "fr", ["rent"], vat=be_vat(),
      since="2018-01-01", custom={"lease": "Commercial lease, studio and showroom, 9 years from 2018-01-01"}),
]
BY_ID = {c.id: c for c in CONTACTS}
# The bank accounts the studio pays to and receives from (reconcile matches on them).
IBANS = {
    "boutique-lilas": "BE36707525845781",
    "brasserie-du-sablon": "BE81521255750624",
    "claes-partners": "BE86475709800950",
    "creations-helene": "FR7625382246091295599139990",
    "de-witte-interieur": "BE21596137798803",
    "etienne-faure": "FR7697627123481694668961029",
    "galerie-delvaux": "BE25764264084982",
    "galeries-rivoli": "FR7674327991007946077479538",
    "hotel-les-tilleuls": "BE77661332860742",
    "immo-grand-sablon": "BE87532224915394",
    "imprimerie-lambert": "BE21601936740103",
    "lumen-design": "BE37489887570928",
    "maison-beaumont": "FR7649105125376328401123627",
    "maison-verhaegen": "BE78793002091086",
    "papeterie-moreau": "FR7690874497303799903265450",
    "restaurant-le-phare": "BE20895609434956",
    "societe-nantaise-deco": "FR7660065574736097791710134",
    "studio-vandenberghe": "BE70598894017225",
    "textiles-rousseau": "FR7648144426317837168206073",
    "transports-peeters": "BE52254506651209",
    "verrerie-argonne": "FR7637351658904773366274261",
}
BE_VAT_CUSTOMERS = {c.id for c in CONTACTS if c.country == "BE"}


# --- entries -----------------------------------------------------------------------------------

DEBITS = {"invoice", "refund", "bill"}


@dataclass(eq=False)
class Entry:
    date: date
    kind: str
    contact: str
    amount: Decimal
    ref: "Entry | None" = None
    due: date | None = None
    currency: str | None = None  # written on the line when set
    meta: list[str] = field(default_factory=list)
    memo: str | None = None
    id: str | None = None  # bills and debit notes carry the supplier's number
    late: int = 0  # booked this many days after its date, so written below later entries
    seq: int = 0

    def currency_of(self) -> str:
        return self.currency or BY_ID[self.contact].currency or "EUR"

    def due_date(self) -> date:
        if self.due:
            return self.due
        if self.kind in ("invoice", "bill"):
            terms = BY_ID[self.contact].terms
            return self.date + timedelta(days=terms if terms is not None else BOOK_TERMS)
        return self.date


entries: list[Entry] = []
# Entries that contact notes mention by number, filled in once documents are numbered.
NAMED: dict[str, Entry] = {}


def add(when, kind, contact, amount, **kw) -> Entry:
    assert contact in BY_ID, contact
    entry = Entry(d(when) if isinstance(when, str) else when, kind, contact, money(amount), **kw)
    entry.seq = len(entries)
    entries.append(entry)
    return entry


def invoice(when, contact, amount, **kw) -> Entry:
    return add(when, "invoice", contact, amount, **kw)


def pay(when, contact, amount, **kw) -> Entry:
    return add(when, "payment", contact, amount, **kw)


def bill(when, contact, number, amount, **kw) -> Entry:
    return add(when, "bill", contact, amount, id=number, **kw)


def payout(when, contact, amount, **kw) -> Entry:
    return add(when, "payout", contact, amount, **kw)


# Belgian public holidays in the period: banks and offices are closed.
HOLIDAYS = {d(x) for x in ("2025-12-25", "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-14",
                           "2026-05-25", "2026-07-21", "2026-08-15", "2026-11-11")}


def weekday(when: date) -> date:
    """Banks and offices book on working days."""
    while when.weekday() >= 5 or when in HOLIDAYS:
        when += timedelta(days=1)
    return when


def months(start: str, end: str, day: int):
    """The given day of every month from start to end, moved to a working day."""
    y, m = d(start).year, d(start).month
    while date(y, m, 1) <= d(end):
        when = weekday(date(y, m, min(day, 28)))
        if when <= d(end):
            yield when
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def net_amount(low: int, high: int, step: int = 5) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, step))


def sale(contact: str, net) -> Decimal:
    return with_vat(net) if contact in BE_VAT_CUSTOMERS else money(net)


# What the studio sells, for memos.
GOODS = ["pendant lamps, Lumière collection", "linen cushions and throws", "tableware, Sablon series",
         "glass pendants, Argonne series", "bedside lamps", "table linen, restaurant series",
         "ceramic vases", "wall lights", "espresso cups and saucers", "rattan lampshades",
         "showroom styling", "custom lampshades", "menu covers and printed linen",
         "porcelain dinner plates", "floor lamps", "window textiles"]
FEES = ["design fee", "lighting plan", "concept and moodboard", "site visit and advice",
        "colour and material study", "product development"]


def goods() -> str:
    return rng.choice(GOODS)


# --- receivables stories -----------------------------------------------------------------------

def story_verhaegen():
    """The reliable customer: a monthly order, paid by bank within about ten days, always with ref."""
    for when in months("2025-12-01", "2026-11-20", 16):
        inv = invoice(when, "maison-verhaegen", sale("maison-verhaegen", net_amount(2400, 5200, 10)),
                      meta=[f"po:MV-{when:%y%m}"], memo=goods())
        paid = weekday(when + timedelta(days=rng.randint(6, 12)))
        if paid <= LAST:
            pay(paid, "maison-verhaegen", inv.amount, ref=inv, meta=["method:bank"])


def story_sablon():
    """The chronic late payer: terms 30, pays every invoice about sixty days after its date."""
    when = d("2025-12-04")
    n = 0
    while when <= d("2026-11-19"):
        inv = invoice(weekday(when), "brasserie-du-sablon",
                      sale("brasserie-du-sablon", net_amount(600, 1350, 5)),
                      memo=rng.choice(["table linen, restaurant series", "espresso cups and saucers",
                                       "menu covers and printed linen", "wall lights", "terrace lanterns"]))
        paid = weekday(inv.date + timedelta(days=rng.randint(57, 64)))
        if inv.date.year == 2026 and inv.date.month == 2 and "sablon_reminder" not in NAMED:
            NAMED["sablon_reminder"] = inv
        if paid <= LAST:
            pay(paid, "brasserie-du-sablon", inv.amount, ref=inv, meta=["method:bank"])
        when += timedelta(days=rng.randint(24, 31))
        n += 1


def story_tilleuls():
    """A hotel renovation: regular at first, then a dispute, a payment plan that stops, and a
    balance above the credit limit from May onwards."""
    c = "hotel-les-tilleuls"
    a = invoice("2025-12-05", c, with_vat(4000), meta=["po:HLT-2025-31"], memo="concept study, lobby and 38 rooms")
    pay("2025-12-29", c, a.amount, ref=a, meta=["method:bank"])
    b = invoice("2026-01-12", c, with_vat(3000), due=d("2026-01-26"), memo="deposit 30%, furniture phase 1")
    pay("2026-01-23", c, b.amount, ref=b, meta=["method:bank"])
    p1 = invoice("2026-02-16", c, with_vat(8000), meta=["po:HLT-2026-04"], memo="phase 1: lobby furniture and lighting")
    pay("2026-03-20", c, 5000, ref=p1, meta=["method:bank"], memo="partial payment, phase 1")
    p2 = invoice("2026-03-25", c, with_vat(6500), meta=["po:HLT-2026-09"], memo="phase 2: bedside lamps and wall lights, floors 1-2")
    add("2026-04-20", "credit", c, with_vat(1000), ref=p2, memo="11 bedside lamps with cracked shades")
    pay("2026-04-30", c, 2000, meta=["method:bank"], memo="on account")
    invoice("2026-05-18", c, with_vat(4500), meta=["po:HLT-2026-15"], memo="phase 3: curtains and bed throws")
    pay("2026-06-15", c, 1500, meta=["method:bank"], memo="on account")
    for when in ("2026-07-31", "2026-08-31", "2026-09-30"):
        pay(when, c, 1000, meta=["method:bank", "plan:2026-07"], memo="payment plan instalment")
    invoice("2026-10-05", c, with_vat(2000), meta=["po:HLT-2026-22"], memo="snagging and replacement shades")


def story_vandenberghe():
    """A design studio that pays in round amounts without ref; near its limit at the end."""
    c = "studio-vandenberghe"
    for when in months("2025-12-01", "2026-08-31", 10):
        inv = invoice(when, c, sale(c, net_amount(1200, 2600, 50)), memo=rng.choice(FEES + GOODS[:4]))
        paid = weekday(when + timedelta(days=rng.randint(25, 38)))
        # Pays in two transfers: a round sum, then the rest, both without ref.
        first = Decimal(int(inv.amount / 1000) * 1000) or inv.amount
        pay(paid, c, first, meta=["method:bank"])
        if first < inv.amount:
            pay(weekday(paid + timedelta(days=rng.randint(5, 12))), c, inv.amount - first, meta=["method:bank"])
    invoice("2026-09-14", c, with_vat(2000), memo="lighting plan, Zuid apartments")
    invoice("2026-10-12", c, with_vat(2500), memo="custom lampshades, 24 pieces")
    pay("2026-10-20", c, 1000, meta=["method:bank"])
    invoice("2026-11-09", c, with_vat(1800), memo="showroom styling, November")


def story_delvaux():
    """The dormant customer: three orders, a credit note refunded in April, nothing since."""
    c = "galerie-delvaux"
    a = invoice("2025-12-08", c, with_vat(2500), memo="ceramic vases, winter exhibition")
    pay("2026-01-05", c, a.amount, ref=a, meta=["method:bank"])
    b = invoice("2026-01-19", c, with_vat(1500), memo="exhibition lighting, rental")
    pay("2026-02-16", c, b.amount, ref=b, meta=["method:bank"])
    e = invoice("2026-03-02", c, with_vat(3600), meta=["po:GD-0212"], memo="ceramic vases, spring exhibition")
    pay("2026-03-16", c, e.amount, ref=e, meta=["method:bank"])
    cn = add("2026-03-20", "credit", c, with_vat(500), ref=e, memo="two vases, wrong glaze")
    add("2026-04-02", "refund", c, cn.amount, ref=cn, meta=["method:bank"], memo="credit note paid back")


def story_leopold():
    """Small orders paid by one transfer a month without ref, until an invoice was disputed in
    August: from then on they pay invoice by invoice, so the disputed one stays open."""
    c = "cafe-leopold"
    unpaid: list[Entry] = []
    for first in months("2025-12-01", "2026-11-20", 1):
        paid = weekday(first + timedelta(days=7))
        if unpaid and paid <= LAST:
            if first < d("2026-09-01"):
                pay(paid, c, sum(i.amount for i in unpaid), meta=["method:bank"], memo="monthly transfer")
            else:
                for i in unpaid:
                    pay(paid, c, i.amount, ref=i, meta=["method:bank"])
            unpaid = []
        for day in sorted(rng.sample(range(3, 26), rng.choice([1, 2, 2, 3]))):
            when = weekday(date(first.year, first.month, day))
            if when <= LAST:
                unpaid.append(invoice(when, c, sale(c, net_amount(120, 480, 5)),
                                      memo=rng.choice(["espresso cups and saucers", "table linen", "menu covers",
                                                       "terrace lanterns", "sugar bowls and milk jugs"])))
        if first.year == 2026 and first.month == 8:
            NAMED["leopold_disputed"] = invoice("2026-08-20", c, sale(c, 420), meta=["po:CL-0820"],
                                                memo="espresso cups and saucers, 120 pieces")


def story_lilas():
    c = "boutique-lilas"
    for when, net in (("2025-12-11", 980), ("2026-02-05", 1240), ("2026-04-27", 1200),
                      ("2026-07-02", 860), ("2026-09-17", 1530), ("2026-11-05", 1110)):
        inv = invoice(when, c, sale(c, net), memo=goods())
        if when == "2026-04-27":
            pay("2026-05-20", c, inv.amount, ref=inv, meta=["method:bank"])
            dup = pay("2026-05-21", c, inv.amount, ref=inv, meta=["method:bank"], memo="paid twice by the bank")
            add("2026-06-03", "refund", c, dup.amount, ref=dup, meta=["method:bank"], memo="duplicate payment returned")
        elif when != "2026-11-05":
            pay(weekday(d(when) + timedelta(days=rng.randint(20, 29))), c, inv.amount, ref=inv,
                meta=["method:card" if net < 1000 else "method:bank"])


def story_dewitte():
    """Wholesale: orders with the buyer's PO number, paid in batches without ref."""
    c = "de-witte-interieur"
    pending: list[Entry] = []
    for i, when in enumerate(months("2025-12-01", "2026-11-20", 3)):
        if i % 3 == 2 and when < d("2026-11-01"):
            continue
        inv = invoice(when, c, sale(c, net_amount(3000, 6500, 50)), meta=[f"po:{4460 + i * 3}"], memo=goods())
        pending.append(inv)
        paid = weekday(pending[0].date + timedelta(days=rng.randint(40, 46)))
        if len(pending) == 2 and paid <= LAST:
            pay(paid, c, sum(p.amount for p in pending), meta=["method:bank"], memo="batch transfer")
            pending = []


def story_phare():
    c = "restaurant-le-phare"
    a = invoice("2025-12-02", c, with_vat(640), memo="table linen, restaurant series")
    b = invoice("2025-12-18", c, with_vat(385), memo="terrace lanterns")
    pay("2026-01-15", c, a.amount + b.amount, meta=["method:bank"], memo="final settlement")


def story_mertens():
    c = "sophie-mertens"
    for when, net, what in (("2026-02-14", 1450, "living room lighting plan"),
                            ("2026-06-06", 2380, "floor lamps and linen curtains")):
        inv = invoice(when, c, with_vat(net), due=d(when), memo=what)
        pay(when, c, inv.amount, ref=inv, meta=["method:card"])


def story_rivoli():
    """The big Paris account: invoices on 60 days, a deposit paid before the invoice it is for,
    and an autumn when the open orders went above the credit limit."""
    c = "galeries-rivoli"
    a = invoice("2025-12-10", c, 8400, meta=["po:GR-77120"], memo="Christmas windows, pendant lamps")
    pay("2026-02-06", c, a.amount, ref=a, meta=["method:bank"])
    b = invoice("2026-02-20", c, 12600, meta=["po:GR-77405"], memo="spring collection, tableware")
    pay("2026-04-20", c, b.amount, ref=b, meta=["method:bank"])
    e = invoice("2026-05-12", c, 9800, meta=["po:GR-77811"], memo="linen collection")
    pay("2026-06-22", c, e.amount, ref=e, meta=["method:bank"])
    deposit = pay("2026-06-25", c, 5850, meta=["method:bank"], memo="acompte 30% collection automne")
    autumn = invoice("2026-07-06", c, 19500, meta=["po:GR-78020"], memo="autumn collection, lighting and textiles")
    deposit.ref = autumn
    invoice("2026-08-28", c, 14200, meta=["po:GR-78233"], memo="autumn collection, second delivery")
    f = invoice("2026-09-15", c, 7400, due=d("2026-10-31"), meta=["po:GR-78301"], memo="Christmas windows, advance order")
    pay("2026-10-09", c, money(19500 - 5850), ref=autumn, meta=["method:bank"])
    pay("2026-10-26", c, 14200, meta=["method:bank"])
    pay("2026-11-02", c, f.amount, ref=f, meta=["method:bank"])
    invoice("2026-11-12", c, 11200, meta=["po:GR-78515"], memo="Christmas windows, installation")


def story_nantaise():
    c = "societe-nantaise-deco"
    for when in ("2025-12-15", "2026-01-26", "2026-03-09", "2026-04-20", "2026-06-01", "2026-07-13",
                 "2026-08-24", "2026-10-05", "2026-11-16"):
        inv = invoice(when, c, net_amount(2800, 6200, 100), meta=[f"po:SND-{rng.randint(1000, 9999)}"],
                      memo=goods())
        paid = weekday(d(when) + timedelta(days=rng.randint(62, 70)))
        if when == "2026-08-24":
            pay(paid, c, money(inv.amount / 2), ref=inv, meta=["method:bank"], memo="first half")
        elif paid <= LAST:
            pay(paid, c, inv.amount, ref=inv, meta=["method:bank"])


def story_helene():
    """Pays on time with ref; paid one invoice twice in October and keeps the surplus as credit."""
    c = "creations-helene"
    for when, net in (("2025-12-09", 1870), ("2026-01-29", 2240), ("2026-03-19", 1560),
                      ("2026-05-07", 2980), ("2026-06-25", 1320), ("2026-08-24", 2180)):
        inv = invoice(when, c, net, memo=goods())
        paid = weekday(d(when) + timedelta(days=rng.randint(38, 44)))
        pay(paid, c, inv.amount, ref=inv, meta=["method:bank"])
        if when == "2026-08-24":
            NAMED["helene_twice"] = inv
            pay(weekday(paid + timedelta(days=1)), c, inv.amount, ref=inv, meta=["method:bank"],
                memo="duplicate transfer, kept as credit")
    invoice("2026-10-19", c, 1650, memo="linen cushions, winter colours")


def story_beaumont():
    c = "maison-beaumont"
    for when in ("2026-01-08", "2026-03-12", "2026-05-21", "2026-07-30", "2026-10-08"):
        inv = invoice(when, c, net_amount(900, 2400, 10), memo=goods())
        pay(weekday(d(when) + timedelta(days=rng.randint(26, 33))), c, inv.amount, ref=inv,
            meta=["method:bank"])


def story_faure():
    """An architect who pays a deposit before the invoice exists, without ref."""
    c = "etienne-faure"
    a = invoice("2026-01-22", c, 2650, memo="lighting plan, Maison Vauban (Lille)")
    pay("2026-02-13", c, a.amount, ref=a, meta=["method:card"])
    pay("2026-05-04", c, 1500, meta=["method:bank"], memo="acompte, projet Roubaix")
    b = invoice("2026-05-18", c, 3200, memo="custom lampshades, projet Roubaix")
    pay("2026-06-10", c, b.amount - 1500, ref=b, meta=["method:bank"])
    e = invoice("2026-09-28", c, 1180, memo="site visit and advice")
    pay("2026-10-30", c, e.amount, ref=e, meta=["method:card"])


def story_hudson():
    """The US customer, in USD: two wires that arrived short (the first short-fall booked as a
    credit note, before folio had write-offs; the second written off as bank charges), a deposit
    before the invoice and its balance paid in euros, and an invoice paid in part."""
    c = "hudson-loft"
    a = invoice("2025-12-03", c, "7850.00", currency="USD", meta=["po:HL-2231"], memo="pendant lamps, Chelsea loft")
    pay("2026-01-14", c, "7825.00", ref=a, currency="USD", meta=["method:wire"], memo="USD 25 deducted by the intermediary bank")
    add("2026-01-20", "credit", c, "25.00", ref=a, memo="wire charges written off")
    b = invoice("2026-03-09", c, "12400.00", meta=["po:HL-2290"], memo="tableware and table linen, restaurant project")
    pay("2026-04-20", c, "12375.00", ref=b, currency="USD", meta=["method:wire"], memo="USD 25 charged by the correspondent bank")
    add("2026-04-22", "writeoff", c, "25.00", ref=b, meta=["reason:bank-charges"], memo="correspondent bank charges")
    deposit = pay("2026-05-20", c, "4800.00", currency="USD", meta=["method:wire"], memo="50% deposit, Tribeca project")
    e = invoice("2026-06-01", c, "9600.00", currency="USD", meta=["po:HL-2315"], memo="wall lights, Tribeca project")
    deposit.ref = e
    # The balance came from the customer's euro account: the euros that arrived settle the
    # USD 4800.00 still open, and the rate moved since the invoice (docs/format.md, settles:).
    euros = money(Decimal("4800.00") / euro_rate("USD", "2026-07-10"))
    pay("2026-07-10", c, euros, ref=e, currency="EUR", meta=["settles:4800.00", "method:wire"], memo="paid from a euro account")
    f = invoice("2026-09-15", c, "15200.00", currency="USD", meta=["po:HL-2362"], memo="floor lamps and rattan shades")
    pay("2026-11-16", c, "10000.00", ref=f, currency="USD", meta=["method:wire"], memo="part payment")
    invoice("2026-11-03", c, "6300.00", currency="USD", meta=["po:HL-2380"], memo="showroom samples")


def story_jinghua():
    """Chinese wholesaler: 30% deposit before each invoice (with ref to it), the balance before
    shipment; the Christmas order on open account puts it near its limit."""
    c = "shanghai-jinghua"
    for deposit_day, invoice_day, net, rest_day in (("2026-02-10", "2026-02-24", 14200, "2026-03-30"),
                                                    ("2026-06-15", "2026-06-29", 16800, "2026-08-05")):
        dep = pay(deposit_day, c, money(net * Decimal("0.3")), meta=["method:bank"], memo="T/T deposit 30%")
        inv = invoice(invoice_day, c, net, meta=[f"pi:JH{invoice_day[2:4]}{invoice_day[5:7]}"],
                      memo="lamps and tableware, FOB Antwerp")
        dep.ref = inv
        pay(rest_day, c, money(net * Decimal("0.7")), ref=inv, meta=["method:bank"], memo="T/T balance")
    invoice("2026-10-20", c, 18400, meta=["pi:JH2610"], memo="Christmas order, open account 60 days")


def story_meiyuan():
    """A design agency in Hangzhou that stopped paying its fee notes in the spring."""
    c = "hangzhou-meiyuan"
    a = invoice("2026-01-15", c, 6500, memo="product development, tea ware")
    pay("2026-02-20", c, a.amount, ref=a, meta=["method:bank"])
    b = invoice("2026-04-10", c, 4800, memo="design fee, hotel lobby Hangzhou")
    pay("2026-06-01", c, 2400, ref=b, meta=["method:bank"], memo="half of the April fee")
    invoice("2026-06-22", c, 3600, due=d("2026-07-22"), memo="design fee, tea house lighting")
    invoice("2026-09-10", c, 2900, memo="colour and material study")


def story_both_sides_sales():
    # Lumen Design buys our fabrics; Papeterie Moreau our prints; Xiamen Haiyun our linen.
    for c, days in (("lumen-design", ("2025-12-17", "2026-02-25", "2026-05-06", "2026-07-15", "2026-10-21")),
                    ("papeterie-moreau", ("2026-01-13", "2026-04-14", "2026-07-07", "2026-10-13")),
                    ("xiamen-haiyun", ("2026-03-03", "2026-08-11"))):
        for when in days:
            inv = invoice(when, c, sale(c, net_amount(700, 2600, 10)), memo=goods())
            paid = weekday(d(when) + timedelta(days=rng.randint(21, 40)))
            if paid <= LAST:
                pay(paid, c, inv.amount, ref=inv, meta=["method:bank"])


# --- payables stories --------------------------------------------------------------------------

def story_rent():
    c = "immo-grand-sablon"
    for when in months("2025-12-01", "2026-11-20", 1):
        rent = Decimal("3850.00") if when.year == 2025 else Decimal("3927.00")
        b = bill(when, c, f"LOY-{when:%Y-%m}", rent, due=weekday(when + timedelta(days=4)),
                 memo="loyer studio et showroom" + (" (indexé)" if when.month == 1 else ""))
        payout(b.due, c, rent, ref=b, meta=["method:standing-order"])


def story_lianhua():
    """The CNY supplier: LED lamp bodies, paid by T/T about two months after the bill, one debit
    note for a defective batch, and two bills still to pay."""
    c = "shenzhen-lianhua"
    for n, (when, amount, paid_day, paid) in enumerate((
        ("2025-12-15", "48600.00", "2026-02-10", "48600.00"),
        ("2026-03-10", "72300.00", "2026-05-06", "72300.00"),
        ("2026-06-02", "65850.00", "2026-07-29", "62650.00"),
        ("2026-08-25", "81200.00", "2026-10-20", "40000.00"),
        ("2026-10-28", "56400.00", None, None),
    )):
        b = bill(when, c, f"LH{when.replace('-', '')}-{n + 1:02d}", amount, currency="CNY" if n % 2 else None,
                 memo=["LED pendant bodies, 600 pcs", "LED wall light bodies, 900 pcs", "lamp drivers and bodies, 750 pcs",
                       "pendant bodies, autumn run", "Christmas run, 640 pcs"][n])
        if n == 2:
            add("2026-06-30", "debit", c, "3200.00", ref=b, id="LH-DN-2026-007", currency="CNY",
                memo="40 drivers failed inspection")
        if paid_day:
            payout(paid_day, c, paid, ref=b, currency="CNY", meta=["method:swift"],
                   memo="T/T, 50% of the bill" if n == 3 else None)


def story_china_suppliers():
    c = "foshan-hongli"
    # Furniture for the hotel project: 30% deposit paid before the proforma became a bill.
    payout("2026-01-16", c, "5550.00", meta=["method:swift"], memo="30% deposit, hotel furniture")
    b = bill("2026-02-02", c, "HL-CI-2026-0031", "18500.00", memo="lobby furniture, hotel project")
    payout("2026-03-02", c, "12950.00", ref=b, meta=["method:swift"])
    b = bill("2026-05-04", c, "HL-CI-2026-0088", "9200.00", memo="headboards and side tables")
    payout("2026-06-05", c, b.amount, ref=b, meta=["method:swift"])
    b = bill("2026-09-21", c, "HL-CI-2026-0142", "11750.00", due=d("2026-11-20"), memo="showroom furniture")
    payout("2026-10-15", c, "5000.00", ref=b, meta=["method:swift"], memo="part payment")

    c = "jingdezhen-qingyun"
    for when, amount, number in (("2025-12-22", "6480.00", "QY2025-118"), ("2026-03-16", "8920.00", "QY2026-021"),
                                 ("2026-06-19", "7340.00", "QY2026-064"), ("2026-09-24", "9650.00", "QY2026-103")):
        b = bill(when, c, number, amount, memo="porcelain, Sablon series")
        if when < "2026-09-01":
            payout(weekday(d(when) + timedelta(days=rng.randint(24, 30))), c, amount, ref=b, meta=["method:swift"])
    payout("2026-10-23", c, "9650.00", meta=["method:swift"])

    c = "ningbo-haitong"
    for n, when in enumerate(("2025-12-19", "2026-02-12", "2026-03-20", "2026-05-11", "2026-06-24",
                              "2026-07-06", "2026-08-31", "2026-09-28", "2026-10-30", "2026-11-10")):
        amount = money(Decimal(rng.randrange(1650, 3900, 25)))
        b = bill(when, c, f"NBHT-{when[2:4]}-{4410 + n * 37:04d}", amount,
                 currency="USD", memo=rng.choice(["ocean freight Ningbo-Antwerp, 1x20'", "ocean freight, LCL 14 cbm",
                                                  "ocean freight Shenzhen-Antwerp, 1x40'", "THC and documentation"]))
        if when < "2026-10-15":
            payout(weekday(d(when) + timedelta(days=rng.randint(9, 16))), c, amount, ref=b,
                   currency="USD", meta=["method:swift"])


def story_europe_suppliers():
    c = "textiles-rousseau"
    for when in months("2025-12-01", "2026-11-20", 8):
        if when.month in (2, 8):
            continue
        b = bill(when, c, f"FA-{when:%y}-{rng.randint(1100, 1999):05d}", net_amount(1800, 5200, 10),
                 memo=rng.choice(["linen, natural, 300 m", "washed linen, 4 colours", "jacquard table linen",
                                  "curtain fabric, 220 m"]))
        if when < d("2026-09-15"):
            payout(weekday(b.due_date() - timedelta(days=rng.randint(0, 3))), c, b.amount, ref=b,
                   meta=["method:bank"])
    c = "verrerie-argonne"
    for when, amount, number in (("2026-01-20", "4260.00", "VA2026/0012"), ("2026-04-28", "5180.00", "VA2026/0071"),
                                 ("2026-08-18", "3940.00", "VA2026/0133"), ("2026-11-03", "6020.00", "VA2026/0188")):
        b = bill(when, c, number, amount, memo="mouth-blown glass shades")
        if when < "2026-11-01":
            payout(weekday(d(when) + timedelta(days=29)), c, amount, ref=b, meta=["method:bank"])
    c = "imprimerie-lambert"
    for when, net, what in (("2026-01-09", 2850, "spring catalogue, 2000 copies"),
                            ("2026-03-27", 640, "price lists and order forms"),
                            ("2026-06-12", 1180, "trade fair posters and flyers"),
                            ("2026-08-21", 3120, "autumn catalogue, 2500 copies"),
                            ("2026-11-13", 890, "Christmas cards and labels")):
        b = bill(when, c, f"IL-{when[:4]}-{rng.randint(100, 999):04d}", with_vat(net), memo=what)
        if when < "2026-11-01":
            payout(weekday(b.due_date() - timedelta(days=2)), c, b.amount, ref=b, meta=["method:bank"])
    # The carrier sends a monthly statement, paid in one transfer about two weeks later, without
    # ref; a damaged parcel became a debit note against the June statement.
    c = "transports-peeters"
    for n, when in enumerate(months("2025-12-01", "2026-11-20", 26)):
        b = bill(when, c, f"TP{when:%y}-{1012 + n * 43:04d}",
                 with_vat(net_amount(320, 780, 5)), memo=f"deliveries {when:%B %Y}".lower())
        due = b.amount
        if when.year == 2026 and when.month == 6:
            dn = add(weekday(when + timedelta(days=8)), "debit", c, "145.20", ref=b, id="TP26-DN-004",
                     memo="damaged parcel, goods value")
            due -= dn.amount
        paid = weekday(when + timedelta(days=rng.randint(16, 20)))
        if paid <= LAST:
            payout(paid, c, due, meta=["method:bank"])
    c = "claes-partners"
    for when, what in (("2026-01-15", "Q4 2025"), ("2026-04-15", "Q1 2026"), ("2026-07-15", "Q2 2026"),
                       ("2026-10-15", "Q3 2026")):
        b = bill(weekday(d(when)), c, f"CP-{what.replace(' ', '-')}", with_vat(2000), memo=f"bookkeeping and VAT returns, {what}")
        payout(weekday(b.date + timedelta(days=12)), c, b.amount, ref=b, meta=["method:bank"])
    b = bill("2026-05-29", c, "CP-2026-ANN", with_vat(1800), memo="annual accounts 2025")
    payout("2026-06-19", c, b.amount, ref=b, meta=["method:bank"])

    # The other side of the two-way contacts.
    c = "lumen-design"
    for when, net in (("2026-01-30", 3200), ("2026-04-30", 2750), ("2026-07-31", 3400), ("2026-10-30", 2900)):
        b = bill(when, c, f"LD-{when[:4]}-{int(when[5:7]) * 3:03d}", with_vat(net), memo="pendant lamp design royalties")
        if when < "2026-10-01":
            payout(weekday(d(when) + timedelta(days=21)), c, b.amount, ref=b, meta=["method:bank"])
    c = "papeterie-moreau"
    for when, net in (("2025-12-12", 860), ("2026-03-05", 1240), ("2026-06-09", 980), ("2026-09-08", 1460)):
        b = bill(when, c, f"PM-F-{when[2:4]}-{rng.randint(200, 899):04d}", net, memo="gift boxes and tissue paper")
        payout(weekday(d(when) + timedelta(days=40)), c, b.amount, ref=b, meta=["method:bank"])
    c = "xiamen-haiyun"
    for when, amount in (("2026-01-26", "5640.00"), ("2026-04-13", "7210.00"), ("2026-07-20", "6380.00"),
                         ("2026-10-12", "8150.00")):
        b = bill(when, c, f"HY-{when[2:4]}-{int(when[5:7]) * 11:03d}", amount, memo="rattan shades and baskets")
        if when < "2026-10-01":
            payout(weekday(d(when) + timedelta(days=rng.randint(25, 35))), c, amount, ref=b, meta=["method:swift"])


# --- numbering and writing ---------------------------------------------------------------------

PREFIX = {"invoice": "INV", "credit": "CN", "payment": "PAY", "refund": "RF", "payout": "PO", "writeoff": "WO"}


def number_documents() -> None:
    """Our own series are gapless per year, in date order."""
    counters: dict[tuple[str, int], int] = {}
    for e in sorted(entries, key=lambda e: (e.date, e.seq)):
        if e.id is None:
            key = (e.kind, e.date.year)
            counters[key] = counters.get(key, 0) + 1
            e.id = f"{PREFIX[e.kind]}-{e.date.year}-{counters[key]:04d}"
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


# Services the studio sells: their place of supply is the customer's country, so to a business
# in France they are reverse charged (AE) and to one outside the EU out of scope (O); goods leave
# the country as intra-community supplies (K) or exports (G).
SERVICE_WORDS = ("fee", "plan", "concept", "advice", "study", "development", "styling")


def is_service(e: Entry) -> bool:
    return any(word in (e.memo or "") for word in SERVICE_WORDS)


def vat_meta(e: Entry) -> str | None:
    """The `vat:` of an invoice, credit note, bill or debit note (docs/vat.md), from who the
    contact is and what was sold or bought."""
    if e.kind not in ("invoice", "credit", "bill", "debit"):
        return None
    if e.kind in ("credit", "debit") and e.ref is not None:
        return vat_meta(e.ref)  # a note corrects its document, at the document's VAT
    contact = BY_ID[e.contact]
    if contact.id == "immo-grand-sablon":
        return "vat:0/E"  # a commercial lease, exempt
    if contact.country == "BE":
        net = money(e.amount / Decimal("1.21"))
        assert with_vat(net) == e.amount, (e.contact, e.amount)  # every Belgian amount is net + 21%
        return "vat:21"
    selling = e.kind in ("invoice", "credit")
    service = selling and is_service(e)
    if contact.country in EU:
        return "vat:0/AE" if service else "vat:0/K"
    if e.contact == "ningbo-haitong":
        return "vat:0/O"  # freight invoiced from China
    return "vat:0/O" if service else "vat:0/G"


EU = {"FR", "NL", "DE", "LU", "IT", "ES"}


def line(e: Entry) -> str:
    # Single spaces, as `folio fmt` lays lines out (docs/commands/fmt.md): no columns to re-align.
    parts = [e.date.isoformat(), e.kind, e.id, e.contact, f"{e.amount}"]
    extra = []
    if e.currency:
        extra.append(e.currency)
    if e.due:
        extra.append(f"due:{e.due.isoformat()}")
    if e.ref is not None:
        extra.append(f"ref:{e.ref.id}")
    extra += e.meta
    vat = vat_meta(e)
    if vat:
        extra.append(vat)
    text = " ".join(parts + extra)
    if e.memo:
        text += " ; " + e.memo
    return text.rstrip()


def write_journal(year: int, header: list[str]) -> list[Entry]:
    chosen = sorted((e for e in entries if e.date.year == year), key=lambda e: (e.date, e.seq))
    # A few payments were booked days late from a bank statement: they sit below later lines.
    for e in [e for e in chosen if e.late]:
        chosen.remove(e)
        booked = e.date + timedelta(days=e.late)
        chosen.insert(max(i for i, other in enumerate(chosen) if other.date <= booked) + 1, e)
    out = list(header)
    month = None
    for e in chosen:
        if e.date.month != month and not e.late:
            month = e.date.month
            out += ["", f"; {e.date:%B %Y}"]
        out.append(line(e))
    (BOOK / "journal" / f"{year}.journal").write_text("\n".join(out) + "\n", encoding="utf-8")
    return chosen


FOLIO_TOML = """\
# Atelier Lumière SRL: customers, suppliers and the receivables and payables ledger.
name = "Atelier Lumière SRL"
currency = "EUR"
terms = 30

[aging]
buckets = [30, 60, 90]

[credit]
warn_at = 0.8
hold_after_days = 60

# Customer segments: rules in CEL over contact fields and metrics (docs/segments.md).
[segments.vip]
where = 'revenue >= 30000 || "vip" in tags'
description = "Key accounts: 30k a year, or tagged vip"

[segments.be-horeca]
where = 'country == "BE" && "horeca" in tags'

[segments.dormant]
where = 'recency > 90'
description = "No invoice for three months"

[segments.slow-payers]
where = 'avg_days_to_pay > 45 || overdue > 0'

# Reminders (docs/dunning.md): the default levels at 7, 21 and 45 days past due, then the final
# notice again every 14 days until paid. Interest under the Belgian law of 2 August 2002
# (Directive 2011/7/EU): the ECB main refinancing rate + 8 points, and 40 EUR per late invoice;
# charged with `folio interest --issue`.
[dunning]
repeat_every_days = 14

[dunning.interest]
points = "8"
compensation = true

[[dunning.interest.reference]]
from = 2024-12-18
rate = "3.15"

[[dunning.interest.reference]]
from = 2025-02-05
rate = "2.90"

[[dunning.interest.reference]]
from = 2025-03-12
rate = "2.65"

[[dunning.interest.reference]]
from = 2025-04-23
rate = "2.40"

[[dunning.interest.reference]]
from = 2025-06-11
rate = "2.15"

# Who documents (invoices, credit notes, quotes) and letters come from: docs/documents.md.
[company]
name = "Atelier Lumière SRL"
vat = "BE0456789133"
company_id = "0456.789.133"
iban = "BE68539007547034"
bic = "GKCCBEBB"
email = "facturation@atelier-lumiere.example"
phone = "+32 2 511 42 00"
legal = "Atelier Lumière SRL · siège social Rue Haute 112, 1000 Bruxelles · RPM Bruxelles"

[company.address]
street = "Rue Haute 112"
postcode = "1000"
city = "Bruxelles"
country = "BE"

# Document numbers: the demo's payments and payouts use four digits.
[numbering]
payment = "PAY-{year}-{seq:04}"
payout = "PO-{year}-{seq:04}"

# Every invoice, credit note, bill and debit note says its VAT (docs/vat.md): check warns when
# one does not.
[vat]
required = true
"""


def write_book() -> list[Entry]:
    (BOOK / "contacts").mkdir(parents=True, exist_ok=True)
    (BOOK / "journal").mkdir(parents=True, exist_ok=True)
    (BOOK / "folio.toml").write_text(FOLIO_TOML, encoding="utf-8")
    number_documents()
    named = {key: e.id for key, e in NAMED.items()}
    for c in CONTACTS:
        (BOOK / "contacts" / f"{c.id}.toml").write_text(c.toml(named), encoding="utf-8")
    order = write_journal(2025, [
        "# Atelier Lumière SRL, journal 2025.",
        "# The book was started in folio on 2025-12-01, with the new invoicing system; older years",
        "# stay in the previous accounting package. Amounts are what is owed, VAT included; each",
        "# line says its VAT (docs/vat.md): vat:21 in Belgium, vat:0/K for goods and vat:0/AE for",
        "# services to French businesses, vat:0/G for goods and vat:0/O for services outside the EU,",
        "# vat:0/E for the (exempt) rent.",
    ])
    order += write_journal(2026, [
        "# Atelier Lumière SRL, journal 2026.",
        "# One line per document: DATE KIND ID CONTACT AMOUNT [CURRENCY] [key:value ...] [; memo]",
    ])
    write_rates()
    write_collections()
    return order


def write_collections() -> None:
    """What customers said, as `folio dispute` and `folio promise` record it (docs/dunning.md)."""
    sablon = NAMED["sablon_reminder"]
    paid = min(e.date for e in entries if e.kind == "payment" and e.ref is sablon)
    lines = [
        "# Disputes and promises: one dated line per event (docs/dunning.md, \"Disputes and promises\").",
        # Brasserie du Sablon promised, on the phone, to pay within two months: it did.
        f"2026-03-24 promise {sablon.id} until:2026-05-24 ; owner on the phone: pays every invoice after two months",
        # Meiyuan promised the April and June fee notes once its own client pays: it never did.
        "2026-08-04 promise hangzhou-meiyuan until:2026-08-31 ; by e-mail, once their client pays",
        f"2026-09-08 dispute {NAMED['leopold_disputed'].id} ; half of the espresso cups arrived chipped",
    ]
    assert paid <= d("2026-05-24"), paid
    (BOOK / "collections.journal").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- exchange rates --------------------------------------------------------------------------------

# The days the euro's reference rates are set: working days but New Year's Day, Good Friday,
# Easter Monday, Labour Day and Christmas (the TARGET2 holidays).
RATE_HOLIDAYS = {d(x) for x in ("2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03", "2026-04-06",
                                "2026-05-01", "2026-12-25", "2026-12-26", "2027-01-01")}
RATE_DAYS = (date(2025, 12, 1), date(2027, 3, 31))
# Where each currency starts and how far it moves in a day: illustrative rates of the euro,
# not the ECB's.
RATE_WALKS = {"USD": (Decimal("1.0540"), 30), "CNY": (Decimal("7.6480"), 180)}


def euro_rates() -> list[tuple[date, str, Decimal]]:
    """The euro's rate in each currency on each day it is set, in date order."""
    walk = random.Random(20261207)  # its own generator: the book's stories stay as they were
    level = {code: start for code, (start, _) in RATE_WALKS.items()}
    quotes = []
    day = RATE_DAYS[0]
    while day <= RATE_DAYS[1]:
        if day.weekday() < 5 and day not in RATE_HOLIDAYS:
            for code, (_, step) in RATE_WALKS.items():
                level[code] += Decimal(walk.randint(-step, step)) / 10000
                quotes.append((day, code, level[code]))
        day += timedelta(days=1)
    return quotes


def euro_rate(code: str, when: str) -> Decimal:
    """What one euro is worth in `code` on `when`: the latest rate on or before it."""
    return [rate for day, quoted, rate in euro_rates() if quoted == code and day <= d(when)][-1]


def write_rates() -> None:
    """The euro's daily rates, one file per year, as `folio rates import` writes them."""
    lines: dict[int, list[str]] = {}
    for day, code, rate in euro_rates():
        lines.setdefault(day.year, []).append(f"{day.isoformat()} EUR {code} {rate}")
    (BOOK / "rates").mkdir(parents=True, exist_ok=True)
    for year, quotes in lines.items():
        header = [f"; Euro reference rates {year}: DATE EUR CURRENCY RATE, one EUR in the currency (docs/format.md)."]
        (BOOK / "rates" / f"{year}.rates").write_text("\n".join(header + quotes) + "\n", encoding="utf-8")


# --- the receivables story, checked ------------------------------------------------------------

def settle(order: list[Entry], as_of: date):
    """Open items and unapplied credits per (contact, currency) on one side, by the rules of
    docs/format.md, from entries in journal order."""
    position = {id(e): i for i, e in enumerate(order)}
    books: dict[tuple[str, str, bool], tuple[list, list]] = {}
    for e in sorted((e for e in order if e.date <= as_of), key=lambda e: (e.date, position[id(e)])):
        receivable = e.kind in ("invoice", "refund", "payment", "credit")
        items, unapplied = books.setdefault((e.contact, e.currency_of(), receivable), ([], []))
        amount = e.amount
        if e.kind in DEBITS:
            if e.kind == "refund" and e.ref is not None:
                for u in unapplied:
                    if u[0] is e.ref:
                        take = min(u[1], amount)
                        u[1] -= take
                        amount -= take
            for u in unapplied:
                take = min(u[1], amount)
                u[1] -= take
                amount -= take
            unapplied[:] = [u for u in unapplied if u[1] > 0]
            if amount > 0:
                items.append([e, amount])
        else:
            targets = [i for i in items if i[0] is e.ref]
            targets += sorted((i for i in items if i[0] is not e.ref),
                              key=lambda i: (i[0].due_date(), i[0].date, position[id(i[0])]))
            for i in targets:
                take = min(i[1], amount)
                i[1] -= take
                amount -= take
            items[:] = [i for i in items if i[1] > 0]
            if amount > 0:
                unapplied.append([e, amount])
    return books


def bucket(days: int) -> str:
    if days <= 0:
        return "current"
    return "1-30" if days <= 30 else "31-60" if days <= 60 else "61-90" if days <= 90 else "90+"


def report(order: list[Entry]) -> None:
    for as_of in (d("2026-01-31"), d("2026-06-30"), d("2026-09-30"), TODAY):
        print(f"== receivables as of {as_of}")
        for (contact, currency, receivable), (items, unapplied) in sorted(settle(order, as_of).items()):
            if not receivable:
                continue
            balance = sum(i[1] for i in items) - sum(u[1] for u in unapplied)
            aging: dict[str, Decimal] = {}
            for e, open_amount in items:
                key = bucket((as_of - e.due_date()).days)
                aging[key] = aging.get(key, Decimal(0)) + open_amount
            limit = BY_ID[contact].credit_limit
            use = f"{balance / Decimal(limit):.0%}" if limit else ""
            flag = " OVER" if limit and balance > Decimal(limit) else " warn" if limit and balance >= Decimal(limit) * Decimal("0.8") else ""
            if balance or aging:
                print(f"  {contact:24} {currency} {balance:>10} {use:>5}{flag:5} {dict(sorted(aging.items()))}"
                      + (f" unapplied {sum(u[1] for u in unapplied)}" if unapplied else ""))
    print("== payables as of", TODAY)
    for (contact, currency, receivable), (items, unapplied) in sorted(settle(order, TODAY).items()):
        if not receivable and (items or unapplied):
            print(f"  {contact:24} {currency} {sum(i[1] for i in items) - sum(u[1] for u in unapplied):>10}")
    last = {}
    for e in order:
        if e.kind == "invoice":
            last[e.contact] = max(last.get(e.contact, e.date), e.date)
    print("== days since last invoice:", {c: (TODAY - day).days for c, day in sorted(last.items()) if (TODAY - day).days > 120})
    print("== entries:", len(order), "contacts:", len(CONTACTS))


def booked_late() -> None:
    """A few entries were typed in days later, from a bank statement or a letter, so they sit
    below entries dated after them."""
    for contact, kind, month, days, memo in (("brasserie-du-sablon", "payment", 4, 2, "booked from the bank statement"),
                                              ("cafe-leopold", "payment", 6, 3, None),
                                              ("textiles-rousseau", "payout", 7, 2, None),
                                              ("ningbo-haitong", "bill", 3, 4, None)):
        e = next(e for e in entries if e.contact == contact and e.kind == kind and e.date.month == month)
        e.late = days
        if memo and not e.memo:
            e.memo = memo


def main() -> None:
    for story in (story_verhaegen, story_sablon, story_tilleuls, story_vandenberghe, story_delvaux,
                  story_leopold, story_lilas, story_dewitte, story_phare, story_mertens, story_rivoli,
                  story_nantaise, story_helene, story_beaumont, story_faure, story_hudson, story_jinghua,
                  story_meiyuan, story_both_sides_sales, story_rent, story_lianhua, story_china_suppliers,
                  story_europe_suppliers):
        story()
    booked_late()
    assert all(FIRST <= e.date <= LAST for e in entries), [e for e in entries if not FIRST <= e.date <= LAST]
    # Only private customers buy on a Saturday, in the showroom.
    assert all(weekday(e.date) == e.date or e.contact == "sophie-mertens" for e in entries)
    order = write_book()
    if "--report" in sys.argv:
        report(order)


if __name__ == "__main__":
    main()
