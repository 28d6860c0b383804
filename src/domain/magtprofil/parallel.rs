//! The magtprofil of one big CSV on every core: each part of the file
//! (`split`) fills its own `ProfileSet`, and the sets are merged in file
//! order into exactly the set one pass would have built.

use std::io;
use std::path::Path;

use super::{Interner, ProfileBuilder, ProfileOptions, ProfileSet};
use crate::domain::diag::Diagnostics;
use crate::domain::holidays::Holidays;
use crate::domain::split::{self, Split};

/// Reads the episodes CSV at `path` in parts (see `split`) into one
/// `ProfileSet`. Findings go to `diags`, with the whole file's lines.
pub fn read_set(
    path: &Path,
    options: &ProfileOptions,
    holidays: Holidays,
    institution: Option<&str>,
    split: Split,
    diags: &mut Diagnostics,
) -> io::Result<ProfileSet> {
    let sets = split::read_csv_parts(
        path,
        split,
        None,
        diags,
        || ProfileSet::new(options, holidays.clone(), institution),
        |set, e| set.add_ref(e),
    )?;
    let mut sets = sets.into_iter().map(|p| p.value);
    let mut set = sets
        .next()
        .unwrap_or_else(|| ProfileSet::new(options, holidays.clone(), institution));
    for other in sets {
        set.merge(other);
    }
    Ok(set)
}

impl ProfileSet {
    /// Adds `other`, built from the episodes that follow this set's, as if
    /// they had been added here one by one.
    pub fn merge(&mut self, other: ProfileSet) {
        for b in other.builders {
            match self.index.get(b.id.as_str()) {
                Some(&i) => self.builders[i].merge(b),
                None => {
                    self.index.insert(b.id.as_str().into(), self.builders.len());
                    self.builders.push(b);
                }
            }
        }
        for (k, ()) in other.others {
            self.others.insert(k, ());
        }
    }
}

impl ProfileBuilder {
    /// Adds the counts of `other` (the same institution, the episodes that
    /// follow this builder's). Every field is named, so a new one cannot be
    /// forgotten here.
    pub fn merge(&mut self, other: ProfileBuilder) {
        let ProfileBuilder {
            id: _,
            from: _,
            to: _,
            holidays: _,
            isolation_limit: _,
            kind: _,
            episodes,
            by_type,
            by_weekday,
            by_hour,
            by_month,
            holiday,
            over_3_min,
            unknown_duration,
            isolation_over_limit,
            late_registration,
            unknown_registration,
            missing_child_statement,
            parents_not_told,
            witnessed,
            unknown_witnesses,
            children,
            per_child,
            over_one_in_a_month,
            child_months,
            staff,
            per_staff,
            first,
            last,
            last_day: _,
        } = other;
        self.episodes += episodes;
        add_all(&mut self.by_type, &by_type);
        add_all(&mut self.by_weekday, &by_weekday);
        add_all(&mut self.by_hour, &by_hour);
        for (m, n) in by_month.iter() {
            self.by_month.add(m, n);
        }
        self.holiday += holiday;
        self.over_3_min += over_3_min;
        self.unknown_duration += unknown_duration;
        self.isolation_over_limit += isolation_over_limit;
        self.late_registration += late_registration;
        self.unknown_registration += unknown_registration;
        self.missing_child_statement += missing_child_statement;
        self.parents_not_told += parents_not_told;
        self.witnessed += witnessed;
        self.unknown_witnesses += unknown_witnesses;

        // Children: renumbered into this builder's numbering (new ones in
        // their order of appearance, as one pass numbers them).
        let child = self.children.absorb(&children);
        for (c, n) in per_child.iter().enumerate() {
            let to = child[c] as usize;
            if to == self.per_child.len() {
                self.per_child.push(0);
                self.over_one_in_a_month.push(false);
            }
            self.per_child[to] += n;
            self.over_one_in_a_month[to] |= over_one_in_a_month[c];
        }
        // A child's months are counted until it has two in one; where
        // neither side has seen that, both sides' counts are whole.
        for ((c, m), n) in child_months {
            let to = child[c as usize];
            if self.over_one_in_a_month[to as usize] {
                continue;
            }
            let sum = self.child_months.entry((to, m)).or_default();
            *sum += n;
            if *sum > 1 {
                self.over_one_in_a_month[to as usize] = true;
            }
        }

        let member = self.staff.absorb(&staff);
        for (s, n) in per_staff.iter().enumerate() {
            let to = member[s] as usize;
            if to == self.per_staff.len() {
                self.per_staff.push(0);
            }
            self.per_staff[to] += n;
        }
        self.first = super::min_opt(self.first, first);
        self.last = super::max_opt(self.last, last);
    }
}

fn add_all<const N: usize>(into: &mut [u64; N], from: &[u64; N]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a += b;
    }
}

impl Interner {
    /// Takes in every id of `other` in its order of numbering; returns, for
    /// each of `other`'s numbers, the number here.
    fn absorb(&mut self, other: &Interner) -> Vec<u32> {
        enum Key<'a> {
            Tiny(u64),
            Short(u128),
            Long(&'a str),
        }
        let mut keys: Vec<(u32, Key<'_>)> = other
            .tiny
            .iter()
            .map(|(k, &i)| (i, Key::Tiny(*k)))
            .chain(other.short.iter().map(|(k, &i)| (i, Key::Short(*k))))
            .chain(other.long.iter().map(|(k, &i)| (i, Key::Long(k))))
            .collect();
        keys.sort_unstable_by_key(|(i, _)| *i);
        keys.into_iter()
            .map(|(_, key)| {
                let next = u32::try_from(self.len()).unwrap_or(u32::MAX);
                match key {
                    Key::Tiny(k) => *self.tiny.entry(k).or_insert(next),
                    Key::Short(k) => *self.short.entry(k).or_insert(next),
                    Key::Long(s) => {
                        if let Some(&i) = self.long.get(s) {
                            i
                        } else {
                            self.long.insert(s.into(), next);
                            next
                        }
                    }
                }
            })
            .collect()
    }
}
