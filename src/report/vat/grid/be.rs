//! Belgium: the periodic VAT return (déclaration périodique à la TVA / periodieke btw-aangifte),
//! the boxes ("grilles", "roosters") the book's invoices, credit notes, bills and debit notes
//! fill. docs/commands/vat.md has the table of what feeds each box.
//!
//! Boxes 81, 82 and 83 (purchases of goods for resale, of services and other goods, of capital
//! goods) need the nature of each purchase, which folio does not record: they are not filled.
//! Nor are 57 (import VAT under deferral), 61 and 62 (revisions), which come from no entry.

use super::{Balance, Filled, Grid, GridBox, GridInput};
use crate::error::Result;
use crate::identifiers::codes::is_eu;
use crate::journal::Side;
use crate::money::{Currency, cents};
use crate::report::interest::is_charge;
use crate::report::vat::lines::{VatLine, contact_country};
use rust_decimal::Decimal;

/// The Belgian periodic VAT return.
pub struct Belgium;

const BOXES: &[GridBox] = &[
    GridBox {
        id: "00",
        label: "Operations under a special scheme (0 % rate)",
    },
    GridBox {
        id: "01",
        label: "Operations at 6 %",
    },
    GridBox {
        id: "02",
        label: "Operations at 12 %",
    },
    GridBox {
        id: "03",
        label: "Operations at 21 %",
    },
    GridBox {
        id: "44",
        label: "Services to customers in another EU country (reverse charge)",
    },
    GridBox {
        id: "45",
        label: "Operations where the Belgian co-contractor owes the VAT",
    },
    GridBox {
        id: "46",
        label: "Exempt intra-community supplies",
    },
    GridBox {
        id: "47",
        label: "Other exempt operations and operations abroad",
    },
    GridBox {
        id: "48",
        label: "Credit notes issued on operations in 44 and 46",
    },
    GridBox {
        id: "49",
        label: "Credit notes issued on other operations",
    },
    GridBox {
        id: "84",
        label: "Credit notes received on operations in 86 and 88",
    },
    GridBox {
        id: "85",
        label: "Other credit notes received",
    },
    GridBox {
        id: "86",
        label: "Intra-community acquisitions of goods",
    },
    GridBox {
        id: "87",
        label: "Other purchases where the declarant owes the VAT",
    },
    GridBox {
        id: "88",
        label: "Services from suppliers in another EU country (reverse charge)",
    },
    GridBox {
        id: "54",
        label: "VAT on operations in 01, 02 and 03",
    },
    GridBox {
        id: "55",
        label: "VAT on operations in 86 and 88",
    },
    GridBox {
        id: "56",
        label: "VAT on operations in 87",
    },
    GridBox {
        id: "63",
        label: "VAT to pay back on credit notes received",
    },
    GridBox {
        id: "59",
        label: "Deductible VAT",
    },
    GridBox {
        id: "64",
        label: "VAT to recover on credit notes issued",
    },
    GridBox {
        id: "71",
        label: "Due to the state",
    },
    GridBox {
        id: "72",
        label: "Owed by the state",
    },
];

impl Grid for Belgium {
    fn id(&self) -> &'static str {
        "be"
    }

    fn name(&self) -> &'static str {
        "Belgian VAT return"
    }

    fn currency(&self) -> Currency {
        Currency::parse("EUR").unwrap_or_else(|| unreachable!("EUR is a currency code"))
    }

    fn boxes(&self) -> &'static [GridBox] {
        BOXES
    }

    fn balance(&self) -> Balance {
        Balance {
            due: &["54", "55", "56", "63"],
            deductible: &["59", "64"],
            to_pay: "71",
            to_recover: "72",
        }
    }

    fn fill(&self, input: &GridInput<'_>) -> Result<Filled> {
        let mut filled = Filled::default();
        for line in input.lines {
            let contact = &input.book.contacts[line.contact as usize];
            let country = contact_country(contact);
            let entry = &input.book.entries[line.entry as usize];
            if line.category() == "O" && is_charge(input.book.entry_line(entry)) {
                filled.leave_out(line, DAMAGES)?;
                continue;
            }
            match line.side() {
                Side::Receivables => sale(&mut filled, line, country.as_deref())?,
                Side::Payables => purchase(&mut filled, line, country.as_deref(), input)?,
            }
        }
        Ok(filled)
    }
}

/// Why a debit note of `folio interest --issue` or a booked reminder fee (a `charge:` outside
/// the scope, O) is in no box: late-payment interest, the fixed compensation and a fee that
/// recovers the cost of collecting are damages, not the consideration of a supply (VAT code,
/// art. 26), and the periodic return declares no such amount.
const DAMAGES: &str = "as damages outside the scope of VAT (charge: interest, compensation, fee)";

/// Where an invoice's part goes: its base box, or why it has none.
fn sale_box(line: &VatLine, country: Option<&str>) -> std::result::Result<&'static str, String> {
    let rate = line.rate.map(|rate| rate.normalize().to_string());
    Ok(match (line.category(), rate.as_deref()) {
        ("S", Some("6")) => "01",
        ("S", Some("12")) => "02",
        ("S", Some("21")) => "03",
        ("S", Some(rate)) => return Err(format!("at {rate} %, not a Belgian rate")),
        ("Z", _) => "00",
        ("K", _) => "46",
        ("E" | "G" | "O", _) => "47",
        ("AE", _) => match country {
            Some("BE") => "45",
            Some(country) if is_eu(country) => "44",
            Some(_) => "47",
            None => return Err("in reverse charge to customers without a country".into()),
        },
        ("", _) | ("S", None) => return Err("without a VAT category and rate".into()),
        (category, _) => return Err(format!("in category {category}")),
    })
}

/// An invoice's part: its base and its VAT (54); a credit note's: its base in 48 (for 44 and
/// 46) or 49, its VAT in 64.
fn sale(filled: &mut Filled, line: &VatLine, country: Option<&str>) -> Result<()> {
    let base = match sale_box(line, country) {
        Ok(base) => base,
        Err(why) => return filled.leave_out(line, &why),
    };
    if line.is_note() {
        let notes = if matches!(base, "44" | "46") {
            "48"
        } else {
            "49"
        };
        filled.add(notes, line.net)?;
        filled.add("64", line.vat)
    } else {
        filled.add(base, line.net)?;
        filled.add("54", line.vat)
    }
}

/// How a purchase is taxed in Belgium.
enum Purchase {
    /// VAT charged by a Belgian supplier: deductible (59).
    Charged,
    /// VAT the buyer owes and deducts: the base box and the box of the VAT due.
    SelfAssessed {
        base: &'static str,
        due: &'static str,
    },
}

fn purchase_kind(line: &VatLine, country: Option<&str>) -> std::result::Result<Purchase, String> {
    let foreign_eu = country.is_some_and(|c| c != "BE" && is_eu(c));
    Ok(match (line.category(), country) {
        ("K", _) if foreign_eu => Purchase::SelfAssessed {
            base: "86",
            due: "55",
        },
        ("K", _) => {
            return Err("in category K from suppliers not in another EU country".into());
        }
        ("AE", None) => return Err("in reverse charge from suppliers without a country".into()),
        ("AE", _) if foreign_eu => Purchase::SelfAssessed {
            base: "88",
            due: "55",
        },
        ("AE", _) => Purchase::SelfAssessed {
            base: "87",
            due: "56",
        },
        ("G", _) => return Err("in category G (imports: their VAT is settled at customs)".into()),
        ("S" | "Z" | "E" | "O", Some(country)) if country != "BE" && !line.vat.is_zero() => {
            return Err("with VAT charged by suppliers abroad (not deductible here)".into());
        }
        ("S" | "Z" | "E" | "O" | "", _) => Purchase::Charged,
        (category, _) => return Err(format!("in category {category}")),
    })
}

/// A bill's part: its VAT deductible (59), or self-assessed (55 or 56) and deducted (59); a
/// debit note's (a credit note received): its base in 84 (for 86 and 88) or 85, its VAT paid
/// back (63) and, when self-assessed, no longer due (64).
fn purchase(
    filled: &mut Filled,
    line: &VatLine,
    country: Option<&str>,
    input: &GridInput<'_>,
) -> Result<()> {
    let kind = match purchase_kind(line, country) {
        Ok(kind) => kind,
        Err(why) => return filled.leave_out(line, &why),
    };
    match (kind, line.is_note()) {
        (Purchase::Charged, false) => filled.add("59", line.vat),
        (Purchase::Charged, true) => {
            filled.add("85", line.net)?;
            filled.add("63", line.vat)
        }
        (Purchase::SelfAssessed { base, due }, note) => {
            let Some(vat) = self_assessed(line, input.reverse_charge_rate) else {
                return filled.leave_out(line, "whose self-assessed VAT is beyond range");
            };
            if note {
                filled.add(if base == "87" { "85" } else { "84" }, line.net)?;
                filled.add("63", vat)?;
                filled.add("64", vat)
            } else {
                filled.add(base, line.net)?;
                filled.add(due, vat)?;
                filled.add("59", vat)
            }
        }
    }
}

/// The VAT a buyer owes on a reverse-charge part: at the part's rate when the bill gives one
/// above zero, else at `[vat] reverse_charge_rate`; net × rate / 100 rounded half-up to cents.
fn self_assessed(line: &VatLine, default_rate: Decimal) -> Option<Decimal> {
    let rate = line
        .rate
        .filter(|rate| !rate.is_zero())
        .unwrap_or(default_rate);
    Some(cents(
        line.net
            .checked_mul(rate)?
            .checked_div(Decimal::ONE_HUNDRED)?,
    ))
}
