//! The index of document ids: duplicate detection and `ref:` look-up over a million ids.
//!
//! Instead of a hash map filled one id at a time, ids are hashed in parallel and their keys
//! (hash and entry packed in one `u64`, see [`Packing`]) sorted in parallel; equal ids end up
//! side by side, in journal order.

use crate::journal::EntryIndex;
use rayon::prelude::*;
use std::hash::BuildHasher;

/// Document id keys, sorted: by hash prefix, then by journal order.
pub(super) struct IdIndex {
    sorted: Vec<u64>,
    packing: Packing,
}

/// The hash an id is indexed by; the loader takes it while the id's line is in the cache.
pub(super) fn hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

/// Marker for "no entry has this hash" in [`IdIndex::locate_all`].
pub(super) const NOT_FOUND: u32 = u32::MAX;

/// How an id's hash and its entry share one `u64` key: the entry in the low bits (as many as the
/// journal's entry slots need), the high bits of the hash above them. Sorting keys then sorts by
/// hash prefix and, among equal prefixes, by journal order, and moves half the bytes a sort of
/// (hash, entry) pairs would. Ids with equal prefixes are told apart by comparing their text, so a
/// shorter hash only makes a rare run longer; on a million lines the prefix has 44 bits.
#[derive(Debug, Clone, Copy)]
pub(super) struct Packing {
    entry_bits: u32,
}

impl Packing {
    /// The packing for a journal of `slots` entry slots (at most one per line): every entry
    /// index is below `slots`.
    pub(super) fn for_slots(slots: usize) -> Packing {
        Packing {
            entry_bits: (usize::BITS - slots.leading_zeros()).clamp(1, EntryIndex::BITS),
        }
    }

    fn entry_mask(self) -> u64 {
        (1u64 << self.entry_bits) - 1
    }

    /// The key of entry `entry` whose id hashes to `hash`. An entry that moves by some offset
    /// (the loader closing the gap an invalid line left) moves its key by the same offset.
    pub(super) fn key(self, hash: u64, entry: EntryIndex) -> u64 {
        (hash & !self.entry_mask()) | u64::from(entry)
    }

    fn prefix(self, key: u64) -> u64 {
        key & !self.entry_mask()
    }

    fn entry(self, key: u64) -> EntryIndex {
        (key & self.entry_mask()) as EntryIndex
    }
}

impl IdIndex {
    /// Indexes the keys of the entries' ids (one per entry, packed by `packing`).
    pub(super) fn new(mut keys: Vec<u64>, packing: Packing) -> IdIndex {
        keys.par_sort_unstable();
        IdIndex {
            sorted: keys,
            packing,
        }
    }

    /// Every entry whose id was already used by an earlier entry, with that first entry, in
    /// journal order of the later one.
    pub(super) fn duplicates<'a, F>(&self, id_of: F) -> Vec<(EntryIndex, EntryIndex)>
    where
        F: Fn(EntryIndex) -> &'a str,
    {
        let packing = self.packing;
        let mut found = Vec::new();
        for run in self
            .sorted
            .chunk_by(|&a, &b| packing.prefix(a) == packing.prefix(b))
            .filter(|run| run.len() > 1)
        {
            for (i, &later) in run.iter().enumerate().skip(1) {
                let later = packing.entry(later);
                let id = id_of(later);
                if let Some(first) = run[..i]
                    .iter()
                    .map(|&earlier| packing.entry(earlier))
                    .find(|&earlier| id_of(earlier) == id)
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
    /// `hashes` has at most one hash per entry, so its positions fit the packing too.
    pub(super) fn locate_all(&self, hashes: &[u64]) -> Vec<u32> {
        let packing = self.packing;
        debug_assert!(hashes.len() as u64 <= packing.entry_mask() + 1);
        let mut order: Vec<u64> = hashes
            .par_iter()
            .enumerate()
            .map(|(i, &hash)| packing.key(hash, i as EntryIndex))
            .collect();
        order.par_sort_unstable();
        let prefix_at = |cursor: usize| packing.prefix(self.sorted[cursor]);
        // Each block of sorted look-ups starts its walk where its first hash would sit.
        let answers: Vec<Vec<(u32, u32)>> = order
            .par_chunks(4096)
            .map(|block| {
                let first = packing.prefix(block[0]);
                let mut cursor = self.sorted.partition_point(|&k| packing.prefix(k) < first);
                block
                    .iter()
                    .map(|&key| {
                        let wanted = packing.prefix(key);
                        while cursor < self.sorted.len() && prefix_at(cursor) < wanted {
                            cursor += 1;
                        }
                        let found = cursor < self.sorted.len() && prefix_at(cursor) == wanted;
                        let slot = packing.entry(key);
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

    /// Asks the processor for the index's key at `start` (from [`IdIndex::locate_all`]), which
    /// [`IdIndex::first_candidate`] reads next: the look-ups land at random in the index.
    pub(super) fn prefetch(&self, start: u32) {
        if let Some(key) = self.sorted.get(start as usize) {
            crate::alloc::prefetch(key);
        }
    }

    /// The first entry of the run of hashes that starts at `start`: the entry
    /// [`IdIndex::first_match`] compares first, and nearly always the one it finds.
    pub(super) fn first_candidate(&self, start: u32) -> Option<EntryIndex> {
        let key = self.sorted.get(start as usize)?;
        Some(self.packing.entry(*key))
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
        let packing = self.packing;
        let run = &self.sorted[start as usize..];
        let prefix = packing.prefix(run[0]);
        run.iter()
            .take_while(|&&key| packing.prefix(key) == prefix)
            .map(|&key| packing.entry(key))
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
        let packing = Packing::for_slots(ids.len());
        let index = IdIndex::new(
            ids.iter()
                .enumerate()
                .map(|(i, id)| packing.key(hash(id), i as EntryIndex))
                .collect(),
            packing,
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
        // Without a collision the run's first entry is the first match; no run, no candidate.
        let candidates: Vec<Option<EntryIndex>> = index
            .locate_all(&hashes)
            .into_iter()
            .map(|start| index.first_candidate(start))
            .collect();
        assert_eq!(candidates, found);
        assert_eq!(index.duplicates(id_of), vec![(2, 0), (4, 1), (5, 0)]);
    }

    #[test]
    fn ids_whose_hash_prefixes_collide_are_told_apart_by_their_text() {
        // The widest entry field leaves the hash 32 bits of prefix; giving every id the same
        // hash makes all their prefixes collide, so only the text can tell them apart.
        let packing = Packing {
            entry_bits: EntryIndex::BITS,
        };
        let ids = ["X1", "Y2", "X1", "Z3"];
        let id_of = |i: EntryIndex| ids[i as usize];
        let same = u64::MAX;
        let index = IdIndex::new(
            (0..ids.len() as EntryIndex)
                .map(|i| packing.key(same, i))
                .collect(),
            packing,
        );
        let starts = index.locate_all(&[same, same]);
        assert_eq!(index.first_match(starts[0], "Z3", id_of), Some(3));
        assert_eq!(index.first_match(starts[1], "Y2", id_of), Some(1));
        assert_eq!(index.first_match(starts[1], "W9", id_of), None);
        assert_eq!(index.duplicates(id_of), vec![(2, 0)]);
    }

    #[test]
    fn packing_keeps_every_entry_index_of_the_journal() {
        for slots in [0usize, 1, 2, 3, 1_000_000, u32::MAX as usize] {
            let packing = Packing::for_slots(slots);
            let last = slots.saturating_sub(1) as EntryIndex;
            let key = packing.key(0xDEAD_BEEF_CAFE_F00D, last);
            assert_eq!(packing.entry(key), last, "{slots} slots");
            assert_eq!(packing.prefix(key), packing.prefix(0xDEAD_BEEF_CAFE_F00D));
            // An entry moved by an offset moves its key by the same offset.
            if slots > 5 {
                assert_eq!(packing.key(7 << 40, 2) + 3, packing.key(7 << 40, 5));
            }
        }
    }
}
