//! The checks across rows: a `ref` names a document of the book or of the file, of a kind this
//! kind may refer to, of the same contact and currency (for a payment with `settles:`, in the
//! currency it settles).

use super::{Draft, Import, Plan};
use crate::journal::Kind;
use crate::money::Currency;
use rustc_hash::FxHashMap;

impl Import<'_> {
    /// Checks each draft's `ref` against the book and the other drafts; returns which drafts
    /// hold, and counts and reports the others in `plan`.
    pub(super) fn check_references(&self, drafts: &[Draft], plan: &mut Plan) -> Vec<bool> {
        let drafted: FxHashMap<&str, usize> = drafts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let mut valid = vec![true; drafts.len()];
        for (index, draft) in drafts.iter().enumerate() {
            let Some((target, column)) = &draft.reference else {
                continue;
            };
            let row = self
                .file
                .table
                .rows
                .iter()
                .find(|r| r.number == draft.row)
                .expect("the draft's row");
            let found = match self.book_ids.get(target.as_str()) {
                Some(&i) => {
                    let e = &self.book.entries[i as usize];
                    Some((e.kind, e.contact, e.currency))
                }
                None => drafted.get(target.as_str()).map(|&i| {
                    let d = &drafts[i];
                    (d.kind, d.contact, d.currency)
                }),
            };
            if let Some(message) = self.reference_problem(draft, target, found) {
                valid[index] = false;
                plan.invalid_rows += 1;
                plan.problems
                    .push(self.file.at_column(row, Some(*column), "ref", message));
            }
        }
        valid
    }

    /// What is wrong with `draft` referring to `target`, found as (kind, contact, currency).
    fn reference_problem(
        &self,
        draft: &Draft,
        target: &str,
        found: Option<(Kind, u32, Currency)>,
    ) -> Option<String> {
        let book = self.book;
        match found {
            None => Some(format!(
                "ref {target} names no document of the book or of this file"
            )),
            Some((kind, _, _)) if !draft.kind.ref_targets().contains(&kind) => Some(format!(
                "ref {target} is a {}; a {} may only refer to {}",
                kind.as_str(),
                draft.kind.as_str(),
                draft
                    .kind
                    .ref_targets()
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(" or ")
            )),
            Some((_, contact, _)) if contact != draft.contact => Some(format!(
                "ref {target} belongs to contact `{}`, not `{}`",
                book.contacts[contact as usize].id, book.contacts[draft.contact as usize].id
            )),
            Some((_, _, currency)) => match settled_currency(draft) {
                Some(settled)
                    if currency == draft.currency || settled.is_some_and(|s| s != currency) =>
                {
                    Some(format!(
                        "ref {target} is in {currency}: a payment with settles: must name a document in the currency it settles, not in its own ({})",
                        draft.currency
                    ))
                }
                None if currency != draft.currency => Some(format!(
                    "ref {target} is in {currency}, this entry in {}; a ref must name a document in the same currency",
                    draft.currency
                )),
                _ => None,
            },
        }
    }
}

/// For a draft with a readable `settles:` in its metadata, the currency it names (`None` when it
/// takes the ref's); `None` for any other draft. A `settles:` that does not read is reported
/// when the line is checked.
fn settled_currency(draft: &Draft) -> Option<Option<Currency>> {
    let (_, value) = draft.meta.iter().find(|(key, _)| key == "settles")?;
    let settles = crate::journal::parser::parse_settles(draft.kind, false, value, 0).ok()?;
    Some(settles.currency)
}
