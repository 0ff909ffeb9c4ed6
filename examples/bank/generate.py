#!/usr/bin/env python3
"""How examples/bank was written: two bank statements of the demo book's payments, and the
labelled answers the tests score `folio reconcile` against.

The committed files are the source of truth; this script is kept to show how they were built.
It is deterministic: running it again writes the same bytes.

    cargo build && python3 examples/bank/generate.py [path/to/folio]

It reads the demo book through folio itself (`export entries`, `export contacts`, `explain`) and
writes:

- belgian.csv: the current account at a Belgian bank, EUR, December 2025 to June 2026, as Belgian
  banks export it: Windows-1252, `;`, dates dd/mm/yyyy, decimal comma with `.` for thousands,
  the structured communication and the free text in two columns. belgian.toml describes it.
- iso.csv: a multi-currency account at another bank, July to November 2026 in EUR and the whole
  year in USD and CNY, in the flat ISO 20022 (camt.053) style: UTF-8, `,`, ISO dates, positive
  amounts with a CRDT/DBIT indicator. folio reads it without rules; iso.toml spells them out.
- answers.csv: for every line of both statements, what it is: the journal entry it stands for
  (its kind, contact, and the documents it paid, from `folio explain`), or `none` for lines that
  are not payments of the book (bank fees, salaries, taxes, card settlements, interest).

Card payments of the book are not in the statements (a card acquirer pays them in batches).
With `--add-ibans`, it first gives the Belgian and French contacts of the demo book an `iban`
(all but cafe-leopold and sophie-mertens, whose transfers folio must recognise by name).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEMO = ROOT / "examples" / "demo"
FOLIO = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else str(ROOT / "target" / "debug" / "folio")
rng = random.Random(20260707)

OWN_IBAN_BE = "BE71096123456769"
OWN_IBAN_ISO = "LU280019400644750000"
NO_IBAN = {"cafe-leopold", "sophie-mertens"}
PINYIN = {
    "foshan-hongli": "FOSHAN HONGLI FURNITURE CO LTD",
    "hangzhou-meiyuan": "HANGZHOU MEIYUAN CULTURAL CREATIVE CO LTD",
    "jingdezhen-qingyun": "JINGDEZHEN QINGYUN CERAMICS FACTORY",
    "ningbo-haitong": "NINGBO HAITONG INTL FREIGHT FORWARDING",
    "shanghai-jinghua": "SHANGHAI JINGHUA HOME FURNISHING CO LTD",
    "shenzhen-lianhua": "SHENZHEN LIANHUA LIGHTING TECHNOLOGY CO",
    "xiamen-haiyun": "XIAMEN HAIYUN TRADING CO LTD",
}
FOREIGN_ACCOUNT = {
    "hudson-loft": "US021000021483920011",
    "foshan-hongli": "6222020200119876543",
    "hangzhou-meiyuan": "6217001210033445566",
    "jingdezhen-qingyun": "6228480402564890018",
    "ningbo-haitong": "6222081202007654321",
    "shanghai-jinghua": "6225880137654321098",
    "shenzhen-lianhua": "6226090000012345678",
    "xiamen-haiyun": "6214830201234567890",
}


def folio(*args: str) -> str:
    return subprocess.run(
        [FOLIO, "--book", str(DEMO), *args], check=True, capture_output=True, text=True
    ).stdout


def iban(country: str, bban: str) -> str:
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def be_iban() -> str:
    base = rng.randrange(10**9, 10**10)
    return iban("BE", f"{base:010d}{(base % 97) or 97:02d}")


def fr_iban() -> str:
    bank, branch, account = rng.randrange(10000, 99999), rng.randrange(10000, 99999), rng.randrange(10**10, 10**11)
    key = 97 - (89 * bank + 15 * branch + 3 * account) % 97
    return iban("FR", f"{bank:05d}{branch:05d}{account:011d}{key:02d}")


def add_ibans() -> None:
    for path in sorted((DEMO / "contacts").glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        country = next((l.split('"')[1] for l in text.splitlines() if l.startswith("country")), "")
        if "\niban = " in text or path.stem in NO_IBAN or country not in ("BE", "FR"):
            continue
        value = be_iban() if country == "BE" else fr_iban()
        lines = text.splitlines(keepends=True)
        after = max(i for i, l in enumerate(lines) if l.split(" ")[0] in ("name", "roles", "email", "phone", "vat"))
        lines.insert(after + 1, f'iban = "{value}"\n')
        path.write_text("".join(lines), encoding="utf-8")


def plain(text: str) -> str:
    """Upper case without accents, as banks print names."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).upper().replace("&", "AND")


def structured(doc: str) -> str:
    digits = "".join(c for c in doc if c.isdigit())[-10:]
    base = int(digits)
    check = base % 97 or 97
    d = f"{base:010d}{check:02d}"
    return f"+++{d[:3]}/{d[3:7]}/{d[7:]}+++"


def spaced(doc: str) -> str:
    return rng.choice([doc, doc.replace("-", " "), doc.replace("-", "").lower(), doc.replace("-", "/")])


def main() -> None:
    if "--add-ibans" in sys.argv:
        add_ibans()
    contacts = {c["id"]: c for c in json.loads(folio("export", "contacts", "--format", "json"))}
    entries = json.loads(folio("export", "entries", "--format", "json", "--as-of", "2026-11-25"))
    lines = []  # (statement, date, signed amount, currency, entry, kind, contact, documents, comm, name, account)
    for e in entries:
        method = e["meta"].get("method")
        if e["kind"] not in ("payment", "payout", "refund") or method == "card":
            continue
        c = contacts[e["contact"]]
        explained = json.loads(folio("explain", e["id"], "--format", "json", "--as-of", "2026-11-25"))
        documents = [a["document"] for a in explained.get("applications", [])]
        if e["ref"] and e["ref"] not in documents:
            documents.insert(0, e["ref"])
        money_in = e["kind"] == "payment"
        amount = Decimal(e["amount"]) * (1 if money_in else -1)
        statement = "belgian" if e["currency"] == "EUR" and e["date"] < "2026-07-01" else "iso"
        if e["contact"] in PINYIN:
            name = PINYIN[e["contact"]]
        else:
            name = plain(c["name"])
            if e["contact"] == "etienne-faure":
                name = "FAURE ETIENNE"
            if rng.random() < 0.2:
                name = name[:22].strip()
        account = c.get("iban") or FOREIGN_ACCOUNT.get(e["contact"], "")
        if e["contact"] in NO_IBAN:
            account = be_iban()  # an account folio does not know
        ref = e["ref"]
        roll = rng.random()
        belgian_customer = c.get("address", {}).get("country") == "BE"
        if ref and e["kind"] == "payment":
            if belgian_customer and roll < 0.5:
                comm = structured(ref)
            elif roll < 0.8:
                comm = rng.choice(["", "Facture ", "Factuur ", "Invoice ", "Fact. "]) + spaced(ref)
            else:
                comm = rng.choice(["Betaling factuur", "Paiement facture", "Payment", "Reglement"])
        elif ref and e["kind"] == "payout":
            if roll < 0.75:
                comm = rng.choice(["", "Facture ", "Invoice ", "PAYMENT INV "]) + ref
            else:
                comm = rng.choice(["Loyer", "Betaling", "Paiement fournisseur", "Settlement"])
        elif ref:
            comm = "Remboursement " + ref
        else:
            comm = e["memo"] or rng.choice(["Virement", "Overschrijving", "Transfer"])
        lines.append([statement, e["date"], amount, e["currency"], e["id"], e["kind"], e["contact"], documents, comm, name, account])

    noise = []
    for month in range(12):
        y, m = (2025, 12) if month == 0 else (2026, month)
        noise.append(["belgian" if m <= 6 or y == 2025 else "iso", f"{y}-{m:02d}-28", Decimal("-7.50"), "EUR", "", "", "", [], "Frais mensuels / maandelijkse kosten", "", ""])
        noise.append(["belgian" if m <= 6 or y == 2025 else "iso", f"{y}-{m:02d}-25", Decimal("-2650.00"), "EUR", "", "", "", [], f"Salaire {m:02d}/{y}", "DUPONT JULIE", be_iban()])
    noise += [
        ["belgian", "2026-01-20", Decimal("-4213.18"), "EUR", "", "", "", [], "+++290/1234/56769+++", "SPF FINANCES - TVA", "BE61679200229917"],
        ["belgian", "2026-04-20", Decimal("-3877.42"), "EUR", "", "", "", [], "+++290/1234/56769+++", "SPF FINANCES - TVA", "BE61679200229917"],
        ["belgian", "2026-03-31", Decimal("1488.20"), "EUR", "", "", "", [], "WL settlement 0331", "WORLDLINE SA", "BE09310180703457"],
        ["belgian", "2026-06-30", Decimal("2.14"), "EUR", "", "", "", [], "Interets crediteurs", "", ""],
        ["iso", "2026-07-20", Decimal("-3990.05"), "EUR", "", "", "", [], "+++290/1234/56769+++", "SPF FINANCES - TVA", "BE61679200229917"],
        ["iso", "2026-08-03", Decimal("-25.00"), "USD", "", "", "", [], "SWIFT charges", "", ""],
        ["iso", "2026-09-15", Decimal("-10000.00"), "EUR", "", "", "", [], "Transfer to savings", "ATELIER LUMIERE SRL", OWN_IBAN_BE],
        ["iso", "2026-10-05", Decimal("-89.90"), "EUR", "", "", "", [], "Order 302-1177 office supplies", "AMAZON EU SARL", "LU960019400644750001"],
        ["iso", "2026-10-20", Decimal("-3102.77"), "EUR", "", "", "", [], "+++290/1234/56769+++", "SPF FINANCES - TVA", "BE61679200229917"],
    ]
    everything = sorted(lines + noise, key=lambda l: (l[0], l[1], l[4]))

    answers = ["statement,row,bank_id,expect,kind,contact,documents,entry"]

    def be_amount(value: Decimal) -> str:
        sign = "-" if value < 0 else ""
        whole, cents = f"{abs(value):.2f}".split(".")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        return f"{sign}{'.'.join(groups)},{cents}"

    def be_date(iso: str) -> str:
        y, m, d = iso.split("-")
        return f"{d}/{m}/{y}"

    def be_field(text: str) -> str:
        return text.replace(";", ",")

    belgian = ["Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;Rekeningnummer;Type verrichting;Tegenpartij;Naam van de tegenpartij;Mededeling;Details;Status;Reden van weigering"]
    iso = ["BookingDate,ValueDate,TransactionId,Amount,Currency,CreditDebitIndicator,CounterpartyName,CounterpartyAccount,RemittanceInformation,EndToEndId"]

    def csv_field(text: str) -> str:
        return f'"{text}"' if any(c in text for c in ',"\n') else text

    seq = {"belgian": 0, "iso": 0}
    for statement, day, amount, currency, entry, kind, contact, documents, comm, name, account in everything:
        seq[statement] += 1
        n = seq[statement]
        row = n + 1
        if statement == "belgian":
            bank_id = f"{day[:4]}-{n:04d}"
            structured_comm = comm if comm.startswith("+++") else ""
            details = "" if structured_comm else comm
            kind_text = "Overschrijving" if account else "Kosten"
            belgian.append(";".join([
                bank_id, be_date(day), be_date(day), be_amount(amount), currency, "BE71 0961 2345 6769",
                kind_text, account, be_field(name), structured_comm, be_field(details), "Geaccepteerd", "",
            ]))
        else:
            bank_id = f"TX{day.replace('-', '')}-{n:04d}"
            iso.append(",".join([
                day, day, bank_id, f"{abs(amount):.2f}", currency, "CRDT" if amount > 0 else "DBIT",
                csv_field(name), account, csv_field(comm), csv_field(f"E2E-{n:05d}" if entry else "NOTPROVIDED"),
            ]))
        expect = "match" if entry else "none"
        answers.append(",".join([statement, str(row), bank_id, expect, kind, contact, " ".join(documents), entry]))

    (HERE / "belgian.csv").write_bytes(("\r\n".join(belgian) + "\r\n").encode("cp1252"))
    (HERE / "iso.csv").write_text("\n".join(iso) + "\n", encoding="utf-8")
    (HERE / "answers.csv").write_text("\n".join(answers) + "\n", encoding="utf-8")
    print(f"belgian.csv: {seq['belgian']} lines, iso.csv: {seq['iso']} lines, {len(lines)} payments labelled")


if __name__ == "__main__":
    main()
