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

fn hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

impl IdIndex {
    /// Indexes `count` entries whose ids `id_of` returns.
    pub(super) fn build<'a, F>(count: usize, id_of: F) -> IdIndex
    where
        F: Fn(EntryIndex) -> &'a str + Sync,
    {
        let mut sorted: Vec<(u64, EntryIndex)> = (0..count as EntryIndex)
            .into_par_iter()
            .map(|index| (hash(id_of(index)), index))
            .collect();
        sorted.par_sort_unstable();
        IdIndex { sorted }
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

    /// Looks up many ids at once: hashes them in parallel, sorts them and walks both sorted
    /// lists together, which keeps memory access sequential (a binary search per id would miss
    /// the cache at every step on a large book).
    pub(super) fn find_all<'a, F>(&self, wanted: &[&str], id_of: F) -> Vec<Option<EntryIndex>>
    where
        F: Fn(EntryIndex) -> &'a str + Sync,
    {
        let mut order: Vec<(u64, usize)> = wanted
            .par_iter()
            .enumerate()
            .map(|(i, id)| (hash(id), i))
            .collect();
        order.par_sort_unstable();
        // Each block of sorted look-ups starts its walk where its first hash would sit.
        let answers: Vec<Vec<(usize, Option<EntryIndex>)>> = order
            .par_chunks(4096)
            .map(|block| {
                let mut cursor = self.sorted.partition_point(|&(h, _)| h < block[0].0);
                block
                    .iter()
                    .map(|&(key, slot)| {
                        while cursor < self.sorted.len() && self.sorted[cursor].0 < key {
                            cursor += 1;
                        }
                        let index = self.sorted[cursor..]
                            .iter()
                            .take_while(|&&(h, _)| h == key)
                            .map(|&(_, index)| index)
                            .find(|&index| id_of(index) == wanted[slot]);
                        (slot, index)
                    })
                    .collect()
            })
            .collect();
        let mut found = vec![None; wanted.len()];
        for (slot, index) in answers.into_iter().flatten() {
            found[slot] = index;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_first_occurrences_and_duplicates() {
        let ids = ["A", "B", "A", "C", "B", "A"];
        let id_of = |i: EntryIndex| ids[i as usize];
        let index = IdIndex::build(ids.len(), id_of);
        assert_eq!(
            index.find_all(&["C", "D", "A", "B"], id_of),
            vec![Some(3), None, Some(0), Some(1)]
        );
        assert_eq!(index.duplicates(id_of), vec![(2, 0), (4, 1), (5, 0)]);
    }
}
