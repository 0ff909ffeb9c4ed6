//! The index of document ids: duplicate detection and `ref:` look-up over a million ids.
//!
//! Instead of a hash map filled one id at a time, ids are hashed in parallel and the
//! (hash, entry) pairs sorted in parallel; equal ids end up side by side, in journal order.

use crate::journal::EntryIndex;
use rayon::prelude::*;
use std::hash::BuildHasher;

/// Document ids sorted by hash, then by journal order.
pub(super) struct IdIndex {
    sorted: Vec<(u64, EntryIndex)>,
}

/// The hash an id is indexed by; the loader takes it while the id's line is in the cache.
pub(super) fn hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

/// Marker for "no entry has this hash" in [`IdIndex::locate_all`].
pub(super) const NOT_FOUND: u32 = u32::MAX;

impl IdIndex {
    /// Indexes (hash of the id, entry) pairs, one per entry.
    pub(super) fn new(mut pairs: Vec<(u64, EntryIndex)>) -> IdIndex {
        pairs.par_sort_unstable();
        IdIndex { sorted: pairs }
    }

    /// Every entry whose id was already used by an earlier entry, with that first entry, in
    /// journal order of the later one.
    pub(super) fn duplicates<'a, F>(&self, id_of: F) -> Vec<(EntryIndex, EntryIndex)>
    where
        F: Fn(EntryIndex) -> &'a str,
    {
        let mut found = Vec::new();
        for run in self
            .sorted
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|run| run.len() > 1)
        {
            for (i, &(_, later)) in run.iter().enumerate().skip(1) {
                let id = id_of(later);
                if let Some(&(_, first)) =
                    run[..i].iter().find(|(_, earlier)| id_of(*earlier) == id)
                {
                    found.push((later, first));
                }
            }
        }
        found.sort_unstable();
        found
    }

    /// Where each hash's run of entries starts in the index ([`NOT_FOUND`] when no id has it),
    /// for [`IdIndex::first_match`]. The hashes are sorted and walked together with the index,
    /// which keeps memory access sequential (a binary search per id would miss the cache at
    /// every step on a large book).
    pub(super) fn locate_all(&self, hashes: &[u64]) -> Vec<u32> {
        let mut order: Vec<(u64, u32)> = hashes
            .par_iter()
            .enumerate()
            .map(|(i, &hash)| (hash, i as u32))
            .collect();
        order.par_sort_unstable();
        // Each block of sorted look-ups starts its walk where its first hash would sit.
        let answers: Vec<Vec<(u32, u32)>> = order
            .par_chunks(4096)
            .map(|block| {
                let mut cursor = self.sorted.partition_point(|&(h, _)| h < block[0].0);
                block
                    .iter()
                    .map(|&(key, slot)| {
                        while cursor < self.sorted.len() && self.sorted[cursor].0 < key {
                            cursor += 1;
                        }
                        let found = self.sorted.get(cursor).is_some_and(|&(h, _)| h == key);
                        (slot, if found { cursor as u32 } else { NOT_FOUND })
                    })
                    .collect()
            })
            .collect();
        let mut starts = vec![NOT_FOUND; hashes.len()];
        for (slot, start) in answers.into_iter().flatten() {
            starts[slot as usize] = start;
        }
        starts
    }

    /// The first entry, in journal order, whose id is `id`: the run of its hash starts at
    /// `start` (from [`IdIndex::locate_all`]). The ids are compared, so a hash shared by two
    /// ids never confuses them.
    pub(super) fn first_match<'a, F>(&self, start: u32, id: &str, id_of: F) -> Option<EntryIndex>
    where
        F: Fn(EntryIndex) -> &'a str,
    {
        if start == NOT_FOUND {
            return None;
        }
        let run = &self.sorted[start as usize..];
        let key = run[0].0;
        run.iter()
            .take_while(|&&(h, _)| h == key)
            .map(|&(_, index)| index)
            .find(|&index| id_of(index) == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_first_occurrences_and_duplicates() {
        let ids = ["A", "B", "A", "C", "B", "A"];
        let id_of = |i: EntryIndex| ids[i as usize];
        let index = IdIndex::new(
            ids.iter()
                .enumerate()
                .map(|(i, id)| (hash(id), i as EntryIndex))
                .collect(),
        );
        let wanted = ["C", "D", "A", "B"];
        let hashes: Vec<u64> = wanted.iter().map(|id| hash(id)).collect();
        let found: Vec<Option<EntryIndex>> = index
            .locate_all(&hashes)
            .into_iter()
            .zip(wanted)
            .map(|(start, id)| index.first_match(start, id, id_of))
            .collect();
        assert_eq!(found, vec![Some(3), None, Some(0), Some(1)]);
        assert_eq!(index.duplicates(id_of), vec![(2, 0), (4, 1), (5, 0)]);
    }
}
