//! Document ids and `ref:`s: ids are unique, and every `ref:` names a document it may refer to.

use super::super::SourceFile;
use super::super::ids::{self, IdIndex};
use super::journal::{PendingRef, PendingSettlement};
use super::lines::column_of;
use crate::book::Contact;
use crate::book::settlements::{Settlement, Settlements};
use crate::book::totals::CurrencyTotals;
use crate::diagnostic::Diagnostic;
use crate::journal::{Entry, EntryIndex};
use rayon::prelude::*;

pub(super) fn entry_text<'a>(sources: &'a [SourceFile], entry: &Entry) -> &'a str {
    entry.line_in(&sources[entry.source as usize].text)
}

/// What `ref:` messages name besides entries.
pub(super) struct Known<'a> {
    pub(super) contacts: &'a [Contact],
    /// Ids of lines with errors of their own.
    pub(super) broken_ids: &'a rustc_hash::FxHashSet<String>,
    /// The entries' `settles:`, in entry order.
    pub(super) settlements: &'a [PendingSettlement],
}

impl Known<'_> {
    /// The `settles:` of an entry, if it has one.
    fn settles(&self, entry: EntryIndex) -> Option<&PendingSettlement> {
        let at = self
            .settlements
            .binary_search_by_key(&entry, |pending| pending.entry)
            .ok()?;
        Some(&self.settlements[at])
    }
}

/// Checks that document ids are unique and that every `ref:` names a fitting document.
/// `ids` indexes every entry's id (see [`super::journal::Slots::ids`]).
pub(super) fn resolve_ids(
    sources: &[SourceFile],
    entries: &mut [Entry],
    ids: IdIndex,
    refs: &[Vec<PendingRef>],
    known: &Known<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let id_of = |index: EntryIndex| entry_id(sources, &entries[index as usize]);
    for (later, first) in ids.duplicates(id_of) {
        let entry = &entries[later as usize];
        let first = &entries[first as usize];
        let line = entry_text(sources, entry);
        diagnostics.push(
            Diagnostic::error(
                &sources[entry.source as usize].path,
                entry.line,
                column_of(line, entry.id_offset as usize),
                format!(
                    "duplicate document id `{}`: first used at {}:{}",
                    id_of(later),
                    sources[first.source as usize].path.display(),
                    first.line
                ),
            )
            .with_excerpt(line),
        );
    }
    // A block of refs at a time: the look-up's temporaries (sorted hashes, run starts, results)
    // stay the size of a block, not of every ref of a large book.
    let mut block = Vec::with_capacity(REF_BLOCK);
    for pending in refs.iter().flatten() {
        block.push(*pending);
        if block.len() == REF_BLOCK {
            resolve_block(sources, entries, &ids, &block, known, diagnostics);
            block.clear();
        }
    }
    resolve_block(sources, entries, &ids, &block, known, diagnostics);
}

/// Refs looked up together by [`resolve_ids`].
const REF_BLOCK: usize = 1 << 16;

/// Finds and checks the refs of one block in parallel, in journal order: the target's entry is
/// read once, for its id and for its kind, contact and currency. Problems are rare, so they are
/// gathered afterwards; no check reads the reference it resolves, so a block's answers are set
/// before the next block is checked.
fn resolve_block(
    sources: &[SourceFile],
    entries: &mut [Entry],
    ids: &IdIndex,
    refs: &[PendingRef],
    known: &Known<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let shared: &[Entry] = entries;
    let target_id = |pending: &PendingRef| {
        let entry = &shared[pending.entry as usize];
        let from = (entry.line_start + pending.offset) as usize + 4;
        &sources[entry.source as usize].text[from..from + pending.len as usize]
    };
    let hashes: Vec<u64> = refs
        .par_iter()
        .map(|pending| ids::hash(target_id(pending)))
        .collect();
    let starts = ids.locate_all(&hashes);
    let id_of = |index: EntryIndex| entry_id(sources, &shared[index as usize]);
    let checked: Vec<RefCheck> = refs
        .par_chunks(PREFETCH_CHUNK)
        .zip(starts.par_chunks(PREFETCH_CHUNK))
        .flat_map_iter(|(refs, starts)| {
            refs.iter()
                .zip(starts)
                .enumerate()
                .map(move |(at, (pending, &start))| {
                    prefetch_targets(ids, shared, sources, starts, at);
                    let target_id = target_id(pending);
                    let target = ids.first_match(start, target_id, id_of);
                    check_ref(sources, shared, known, pending, target_id, target)
                })
        })
        .collect();
    for check in checked {
        match check {
            Ok((entry, target)) => entries[entry as usize].reference = target,
            Err(Some(diagnostic)) => diagnostics.push(*diagnostic),
            Err(None) => {}
        }
    }
}

/// Refs resolved in order by one thread, prefetching ahead.
const PREFETCH_CHUNK: usize = 4096;

/// How many refs ahead each step of [`prefetch_targets`] asks for.
const PREFETCH_AHEAD: usize = 8;

/// A ref's target is three reads at random places, each needing the one before: the index's
/// key, the target's entry, its line. Asked for in three stages ahead of the ref being resolved
/// (the key three steps ahead, the entry two, the line one), each read finds its address in
/// the cache by the time it needs it, most of the time, instead of waiting for memory.
fn prefetch_targets(
    ids: &IdIndex,
    entries: &[Entry],
    sources: &[SourceFile],
    starts: &[u32],
    at: usize,
) {
    let candidate = |ahead: usize| {
        let start = *starts.get(at + ahead * PREFETCH_AHEAD)?;
        let entry = ids.first_candidate(start)?;
        entries.get(entry as usize)
    };
    if let Some(&start) = starts.get(at + 3 * PREFETCH_AHEAD) {
        ids.prefetch(start);
    }
    if let Some(entry) = candidate(2) {
        crate::alloc::prefetch(entry);
    }
    if let Some(entry) = candidate(1) {
        let text = sources
            .get(entry.source as usize)
            .map(|source| source.text.as_bytes());
        if let Some(line) = text.and_then(|text| text.get(entry.line_start as usize)) {
            crate::alloc::prefetch(line);
        }
    }
}

pub(super) fn entry_id<'a>(sources: &'a [SourceFile], entry: &Entry) -> &'a str {
    entry.id_in(&sources[entry.source as usize].text)
}

/// "an invoice or a refund": what a `ref:` on this kind may name.
pub(super) fn kinds_wanted(kind: crate::journal::Kind) -> String {
    kind.ref_targets()
        .iter()
        .map(|k| format!("{} {}", article(k.as_str()), k.as_str()))
        .collect::<Vec<_>>()
        .join(" or ")
}

pub(super) fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The outcome of checking one `ref:`: the (entry, target) pair, or the problem (`None`
/// when it was already reported elsewhere). Boxed so the per-ref results stay small.
pub(super) type RefCheck = Result<(EntryIndex, EntryIndex), Option<Box<Diagnostic>>>;

/// Checks one `ref:`: it names a document, of a kind this entry may refer to, of the same
/// contact and currency. `Err(None)` when the problem was already reported elsewhere.
pub(super) fn check_ref(
    sources: &[SourceFile],
    entries: &[Entry],
    known: &Known<'_>,
    pending: &PendingRef,
    target_id: &str,
    target: Option<EntryIndex>,
) -> RefCheck {
    let entry = &entries[pending.entry as usize];
    let line = entry_text(sources, entry);
    let error = |message: String| {
        Box::new(
            Diagnostic::error(
                &sources[entry.source as usize].path,
                entry.line,
                column_of(line, pending.offset as usize + 4),
                message,
            )
            .with_excerpt(line),
        )
    };
    let Some(target_index) = target else {
        if !known.broken_ids.contains(target_id) {
            return Err(Some(error(format!(
                "ref:{target_id} names no document of this book; expected the id of {}",
                kinds_wanted(entry.kind)
            ))));
        }
        return Err(None);
    };
    let target = &entries[target_index as usize];
    let kind = entry.kind;
    if !kind.ref_targets().contains(&target.kind) {
        let allowed: Vec<&str> = kind.ref_targets().iter().map(|k| k.as_str()).collect();
        return Err(Some(error(format!(
            "ref:{target_id} names {} {}; a {} may only refer to {}",
            article(target.kind.as_str()),
            target.kind.as_str(),
            kind.as_str(),
            allowed
                .iter()
                .map(|k| format!("{} {k}", article(k)))
                .collect::<Vec<_>>()
                .join(" or ")
        ))));
    } else if target.contact != entry.contact {
        return Err(Some(error(format!(
            "ref:{target_id} is {} {} of `{}`, not of `{}`; a ref must name a document of the same contact",
            article(target.kind.as_str()),
            target.kind.as_str(),
            known.contacts[target.contact as usize].id,
            known.contacts[entry.contact as usize].id,
        ))));
    } else if let Some(settling) = known.settles(pending.entry) {
        if let Some(settled) = settling.settles.currency
            && settled != target.currency
        {
            return Err(Some(error(format!(
                "ref:{target_id} is in {}, but settles: names {settled}; a settling {} must name a document in the currency it settles",
                target.currency,
                kind.as_str()
            ))));
        } else if target.currency == entry.currency {
            return Err(Some(error(format!(
                "ref:{target_id} is in {}, the currency of this {} itself; settles: is only for a document in another currency",
                target.currency,
                kind.as_str()
            ))));
        }
    } else if target.currency != entry.currency {
        let mut problem = error(format!(
            "ref:{target_id} is in {}, this entry in {}; a ref must name a document in the same currency",
            target.currency, entry.currency
        ));
        if kind.takes_settles() {
            *problem = problem.with_hint(format!(
                "to pay it in another currency, record what it settles with settles:AMOUNT (folio {} --settles)",
                kind.as_str()
            ));
        }
        return Err(Some(problem));
    }
    Ok((pending.entry, target_index))
}

/// The settlements of the book, their currency taken from `/CUR` or else from the resolved
/// `ref:`, each settled amount counted in its currency's totals. An entry whose `ref:` did not
/// resolve has its error already and settles nothing.
pub(super) fn resolve_settlements(
    entries: &[Entry],
    pending: &[PendingSettlement],
    totals: &mut CurrencyTotals,
) -> Settlements {
    let mut settled = Vec::with_capacity(pending.len());
    for settling in pending {
        let entry = &entries[settling.entry as usize];
        let currency = settling
            .settles
            .currency
            .or_else(|| entry.reference().map(|r| entries[r as usize].currency));
        if let Some(currency) = currency {
            totals.add(currency, crate::money::units(settling.settles.amount));
            settled.push((
                settling.entry,
                Settlement {
                    amount: settling.settles.amount,
                    currency,
                },
            ));
        }
    }
    Settlements::new(settled)
}
