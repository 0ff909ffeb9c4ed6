//! Country VAT returns (`folio vat --grid CODE`): the boxes of a country's periodic return that
//! the book's sales and purchases fill.
//!
//! A country is one file in this folder: a type implementing [`Grid`] (its boxes in the order of
//! the form, the currency the return is made in, which boxes hold the VAT due and the VAT
//! deductible, and [`Grid::fill`], a function from the period's classified VAT lines to box
//! amounts), listed in [`GRIDS`]. The common part here converts the entries, runs the country's
//! function, computes the balance boxes and turns the lines a country has no box for into notes,
//! so a country's file holds nothing but its own rules. docs/vat.md, "Country returns", says how
//! to add one.

pub mod be;

use super::lines::{VatLine, VatLines, vat_lines};
use super::{Period, Rates, entries_text};
use crate::book::Book;
use crate::error::{Error, Result};
use crate::journal::{EntryIndex, Side};
use crate::ledger::vat::DocumentVats;
use crate::money::{Currency, exact_add, exact_sub, format_amount};
use crate::tabular::{Cell, Column, Rows, Tabular};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// One box of a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridBox {
    /// The box's number on the form (`03`, `54`).
    pub id: &'static str,
    /// What it holds, in a few words.
    pub label: &'static str,
}

/// Which boxes settle the return: the VAT due, the VAT deductible, and the two boxes the
/// difference goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Balance {
    /// Boxes of VAT due to the state (Belgium: 54, 55, 56, 63).
    pub due: &'static [&'static str],
    /// Boxes of VAT deductible (Belgium: 59, 64).
    pub deductible: &'static [&'static str],
    /// Due minus deductible, when positive (Belgium: 71).
    pub to_pay: &'static str,
    /// Deductible minus due, when positive (Belgium: 72).
    pub to_recover: &'static str,
}

/// What a country's return is made from.
#[derive(Debug, Clone, Copy)]
pub struct GridInput<'a> {
    /// The book: contacts (country, VAT number) and entries.
    pub book: &'a Book,
    /// The period's VAT parts, in the return's currency.
    pub lines: &'a [VatLine],
    /// `[vat] reverse_charge_rate`: the rate of the VAT self-assessed on a purchase whose bill
    /// carries none.
    pub reverse_charge_rate: Decimal,
}

/// Box amounts as a country's [`Grid::fill`] adds them up, and the lines it had no box for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filled {
    amounts: BTreeMap<&'static str, Decimal>,
    left_out: BTreeMap<(u8, String), LeftOut>,
}

/// Lines of one side left out of a return for one reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct LeftOut {
    entries: BTreeSet<EntryIndex>,
    net: Decimal,
}

impl Filled {
    /// Adds `amount` to box `id`.
    pub fn add(&mut self, id: &'static str, amount: Decimal) -> Result<()> {
        let total = self.amounts.entry(id).or_default();
        *total = exact_add(*total, amount).ok_or_else(|| beyond(id))?;
        Ok(())
    }

    /// The amount of box `id` so far.
    pub fn get(&self, id: &str) -> Decimal {
        self.amounts.get(id).copied().unwrap_or_default()
    }

    /// Counts `line` as left out of the return, `why` saying what has no box (the note ends
    /// with ": left out").
    pub fn leave_out(&mut self, line: &VatLine, why: &str) -> Result<()> {
        let side = super::side_rank(line.side());
        let item = self.left_out.entry((side, why.to_string())).or_default();
        item.entries.insert(line.entry);
        let net = line.kind.signed(line.net);
        item.net = exact_add(item.net, net).ok_or_else(|| beyond("left out"))?;
        Ok(())
    }
}

fn beyond(what: &str) -> Error {
    Error::InvalidData(format!(
        "the VAT return's {what} total is beyond the range folio holds exactly"
    ))
}

/// A country's periodic VAT return.
pub trait Grid: Sync {
    /// The code `--grid` takes: `be`.
    fn id(&self) -> &'static str;
    /// The return's name, for help and notes.
    fn name(&self) -> &'static str;
    /// The currency the return is made in; entries in others need a `--rate`.
    fn currency(&self) -> Currency;
    /// Every box folio fills, in the order of the form; each is listed, zero included.
    fn boxes(&self) -> &'static [GridBox];
    /// The boxes that settle the return; [`grid_report`] fills them from the others.
    fn balance(&self) -> Balance;
    /// Adds each line to its boxes, or leaves it out with a reason.
    fn fill(&self, input: &GridInput<'_>) -> Result<Filled>;
}

/// Every country return folio knows, by [`Grid::id`].
pub static GRIDS: &[&dyn Grid] = &[&be::Belgium];

/// The grid `id`, or a message naming the known ones.
pub fn find_grid(id: &str) -> std::result::Result<&'static dyn Grid, String> {
    GRIDS.iter().copied().find(|grid| grid.id() == id).ok_or_else(|| {
        let known: Vec<&str> = GRIDS.iter().map(|grid| grid.id()).collect();
        format!(
            "unknown VAT return grid `{id}`: folio knows {} (docs/vat.md says how to add a country)",
            known.join(", ")
        )
    })
}

/// A return's boxes for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridReport {
    /// The boxes, in the order of the form, with their amounts.
    pub boxes: Vec<(GridBox, Decimal)>,
    /// The return's currency.
    pub currency: Currency,
    /// What was left out: entries without VAT information, in a currency without a rate, or
    /// with no box in this return.
    pub notes: Vec<String>,
    /// Adds a `description` column (the table view; JSON and CSV keep `box` and `amount`).
    pub labelled: bool,
}

/// The return `grid` for the entries of `book` dated in `period`, entries in other currencies
/// converted by `rates` (their target must be the grid's currency).
pub fn grid_report(
    book: &Book,
    documents: &DocumentVats,
    period: Period,
    rates: &Rates,
    grid: &dyn Grid,
) -> Result<GridReport> {
    let lines = vat_lines(book, documents, period, grid.currency(), rates)?;
    let input = GridInput {
        book,
        lines: &lines.lines,
        reverse_charge_rate: book.config.vat.reverse_charge_rate(),
    };
    let mut filled = grid.fill(&input)?;
    settle(&mut filled, grid.balance())?;
    let boxes = grid
        .boxes()
        .iter()
        .map(|item| (*item, filled.get(item.id)))
        .collect();
    Ok(GridReport {
        boxes,
        currency: grid.currency(),
        notes: notes(&lines, &filled, grid),
        labelled: false,
    })
}

/// Fills the balance boxes: due minus deductible to the one, its opposite to the other.
fn settle(filled: &mut Filled, balance: Balance) -> Result<()> {
    let sum = |ids: &[&str]| {
        ids.iter()
            .try_fold(Decimal::ZERO, |total, id| exact_add(total, filled.get(id)))
            .ok_or_else(|| beyond("balance"))
    };
    let difference =
        exact_sub(sum(balance.due)?, sum(balance.deductible)?).ok_or_else(|| beyond("balance"))?;
    let (to_pay, to_recover) = match difference.is_sign_negative() {
        false => (difference, Decimal::ZERO),
        true => (Decimal::ZERO, -difference),
    };
    filled.add(balance.to_pay, to_pay)?;
    filled.add(balance.to_recover, to_recover)
}

fn notes(lines: &VatLines, filled: &Filled, grid: &dyn Grid) -> Vec<String> {
    let mut notes = lines.notes();
    for ((side, why), item) in &filled.left_out {
        let side = if *side == 0 {
            Side::Receivables
        } else {
            Side::Payables
        };
        notes.push(format!(
            "{} ({} {} net) {why}: left out of the {}",
            entries_text(side, item.entries.len() as u64),
            format_amount(item.net),
            grid.currency().as_str(),
            grid.name()
        ));
    }
    notes
}

impl Tabular for GridReport {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![Column::text("box"), Column::amount("amount")];
        if self.labelled {
            columns.push(Column::prose("description"));
        }
        columns
    }

    fn rows(&self) -> Rows<'_> {
        self.boxes
            .iter()
            .map(|(item, amount)| {
                let mut row = vec![Cell::from(item.id), Cell::Amount(*amount)];
                if self.labelled {
                    row.push(Cell::from(item.label));
                }
                row
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grid_lists_its_balance_boxes_once_and_knows_its_id() {
        for grid in GRIDS {
            let ids: Vec<&str> = grid.boxes().iter().map(|item| item.id).collect();
            let balance = grid.balance();
            let named = balance
                .due
                .iter()
                .chain(balance.deductible)
                .chain([&balance.to_pay, &balance.to_recover]);
            for id in named {
                assert_eq!(
                    ids.iter().filter(|listed| *listed == id).count(),
                    1,
                    "{}: box {id}",
                    grid.id()
                );
            }
            let unique: BTreeSet<&str> = ids.iter().copied().collect();
            assert_eq!(unique.len(), ids.len(), "{}: a box listed twice", grid.id());
            assert!(find_grid(grid.id()).is_ok());
        }
        let unknown = find_grid("fr").err().unwrap();
        assert!(
            unknown.contains("`fr`") && unknown.contains("be"),
            "{unknown}"
        );
    }

    #[test]
    fn the_balance_goes_to_the_box_of_its_sign() {
        let balance = be::Belgium.balance();
        let mut filled = Filled::default();
        filled.add("54", Decimal::new(21000, 2)).unwrap();
        filled.add("59", Decimal::new(5000, 2)).unwrap();
        filled.add("64", Decimal::new(1000, 2)).unwrap();
        settle(&mut filled, balance).unwrap();
        assert_eq!(filled.get("71"), Decimal::new(15000, 2));
        assert_eq!(filled.get("72"), Decimal::ZERO);
        let mut recover = Filled::default();
        recover.add("59", Decimal::new(100, 2)).unwrap();
        settle(&mut recover, balance).unwrap();
        assert_eq!(recover.get("71"), Decimal::ZERO);
        assert_eq!(recover.get("72"), Decimal::new(100, 2));
    }
}
