//! `Sym`: an immutable string held once and shared, one pointer wide.
//!
//! A national export repeats the same few values in every row (the
//! institution, a child's pseudonym, "§ 9", "ingen", "leder", the staff
//! ids, and often the description). Loaded as a `String` per field, a
//! million episodes took 746 MiB; as `Sym`s from one [`SymTable`] per
//! file, each value is stored once and an episode holds 8 bytes per field.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use super::magtprofil::FxHasher;

/// A shared, immutable string (a thin pointer: `Option<Sym>` is 8 bytes too).
/// Compares, orders and hashes as its text.
#[derive(Clone)]
pub struct Sym(Arc<Box<str>>);

impl Sym {
    pub fn new(s: &str) -> Self {
        Sym(Arc::new(s.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Default for Sym {
    fn default() -> Self {
        Sym::new("")
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Self {
        Sym::new(s)
    }
}

impl From<String> for Sym {
    fn from(s: String) -> Self {
        Sym(Arc::new(s.into_boxed_str()))
    }
}

impl From<&String> for Sym {
    fn from(s: &String) -> Self {
        Sym::new(s)
    }
}

impl PartialEq for Sym {
    fn eq(&self, other: &Sym) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
    }
}

impl Eq for Sym {}

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Sym> for &str {
    fn eq(&self, other: &Sym) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Sym> for String {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Sym) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Sym {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

/// Hands out one `Sym` per distinct text. One table per file read (the
/// values repeat within an institution's file); dropped after reading.
#[derive(Debug, Default)]
pub struct SymTable {
    set: HashSet<Sym, BuildHasherDefault<FxHasher>>,
    /// The last value handed out for each column (`get_in`).
    last: [Option<Sym>; SLOTS],
}

/// How many columns `SymTable::get_in` remembers a value for.
pub const SLOTS: usize = 4;

impl SymTable {
    pub fn get(&mut self, s: &str) -> Sym {
        if let Some(sym) = self.set.get(s) {
            return sym.clone();
        }
        let sym = Sym::new(s);
        self.set.insert(sym.clone());
        sym
    }

    /// `get` for a value of column `slot` (below `SLOTS`), which remembers
    /// the column's last value: a column that repeats its value row after
    /// row (the institution, "§ 9", "ingen") is then not hashed and looked
    /// up for every row. The same `Sym` either way.
    pub fn get_in(&mut self, slot: usize, s: &str) -> Sym {
        if let Some(Some(last)) = self.last.get(slot)
            && last.as_str() == s
        {
            return last.clone();
        }
        let sym = self.get(s);
        if let Some(last) = self.last.get_mut(slot) {
            *last = Some(sym.clone());
        }
        sym
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_is_held_once_and_compares_as_text() {
        let mut t = SymTable::default();
        let a = t.get("B-0983");
        let b = t.get("B-0983");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "B-0983");
        assert_eq!(a, Sym::from("B-0983".to_string()));
        assert!(t.get("B-0001") < a);
        assert_eq!(format!("{a:?} {a}"), "\"B-0983\" B-0983");
        assert_eq!(std::mem::size_of::<Option<Sym>>(), 8);
        let episode = std::mem::size_of::<crate::domain::model::Episode>();
        assert!(episode <= 200, "{episode}");
    }

    #[test]
    fn a_remembered_column_value_is_the_tables_own() {
        let mut t = SymTable::default();
        let a = t.get_in(0, "§ 9");
        let b = t.get_in(0, "§ 9");
        let c = t.get("§ 9");
        assert!(Arc::ptr_eq(&a.0, &b.0) && Arc::ptr_eq(&a.0, &c.0));
        // Another column, or a value between, still finds the same one.
        let d = t.get_in(1, "§ 9");
        assert_eq!(t.get_in(0, "§ 10"), "§ 10");
        let e = t.get_in(0, "§ 9");
        assert!(Arc::ptr_eq(&a.0, &d.0) && Arc::ptr_eq(&a.0, &e.0));
        // A slot past the last is an ordinary lookup.
        assert!(Arc::ptr_eq(&a.0, &t.get_in(SLOTS, "§ 9").0));
    }
}
