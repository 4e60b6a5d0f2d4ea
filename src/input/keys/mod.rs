//! The front matter's keys, defined once ([`tree`]): each key's name, what it holds (text, a date, a count,
//! one of some words, keys below it, a list), whether it is required, and what it means in English and
//! Vietnamese. The schema (`bienban schema`), the unknown-key check, the blank-value check, the hints on wrong
//! values, the language server's completion and hover, and the rules all read this one tree.
//!
//! A key path is a value: [`keypath!`](crate::input::keys::keypath) builds one from typed steps
//! (`keypath!(members.absent[i].name)`), and a misspelt or misplaced key is a compile error (`no field `totl` on
//! type `Members``), never a path that silently points at the whole block. Paths read from a file or from
//! serde's errors are resolved against the tree with [`Path::parse`].

pub mod schema;
pub mod tree;

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

pub use tree::Root;

/// A text in English and Vietnamese, fixed at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// English.
    pub en: &'static str,
    /// Vietnamese.
    pub vi: &'static str,
}

/// Whether a key must be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// May be left out (or written empty, where the value may be).
    Optional,
    /// Must be written, with a value.
    Required,
    /// Required in the Party layout only (`place`).
    Party,
    /// May be left out, but not written empty: an empty value would print as nothing (`signers.left`).
    Written,
}

/// One allowed word of an enumerated key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The word as written (`thematic`).
    pub name: &'static str,
    /// Its gloss in the Vietnamese hints (`chuyên đề`), when it needs one.
    pub gloss: Option<&'static str>,
    /// What it means.
    pub about: Words,
}

/// What a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A line of text.
    Text,
    /// Text with Markdown.
    Markdown,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A time, `HH:MM`.
    Time,
    /// A whole number, at least `min`.
    Count {
        /// The least value allowed.
        min: u32,
    },
    /// `true` or `false`.
    Flag,
    /// One of these words.
    Choice(&'static [Choice]),
    /// Keys below it.
    Map(&'static Node),
    /// A list of items of one kind.
    List(&'static Kind),
    /// Any one of these kinds (a word or a mapping, say): a mapping is checked against the first `Map`.
    Either(&'static [Kind]),
}

impl Kind {
    /// The mapping below this kind, stepping into list items and alternatives.
    pub fn node(self) -> Option<&'static Node> {
        match self {
            Kind::Map(node) => Some(node),
            Kind::List(item) => item.node(),
            Kind::Either(kinds) => kinds.iter().find_map(|k| k.node()),
            _ => None,
        }
    }

    /// The kind of one item, for a list (or a list among alternatives).
    pub fn item(self) -> Option<Kind> {
        match self {
            Kind::List(item) => Some(*item),
            Kind::Either(kinds) => kinds.iter().find_map(|k| k.item()),
            _ => None,
        }
    }

    /// Whether values of this kind are single values (not keys below, not a list).
    pub fn is_scalar(self) -> bool {
        match self {
            Kind::Map(_) | Kind::List(_) => false,
            Kind::Either(kinds) => kinds.iter().all(|k| k.is_scalar()),
            _ => true,
        }
    }
}

/// One key of the front matter: a row of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key as written (`exempt_present`).
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether it must be written.
    pub need: Need,
    /// What it means.
    pub about: Words,
    /// The form of its value, for hints ("a whole number of 0 or more, such as `36`"); when None, the kind's
    /// own ([`crate::input::describe::expected`]).
    pub form: Option<Words>,
    /// The key in words, inside a list item ("votes for", "số tán thành").
    pub noun: Option<Words>,
    /// For a list: one item in words ("absentee", "người vắng mặt").
    pub item: Option<Words>,
    /// A regular expression the value matches, for the schema (`follow_up[].of`).
    pub pattern: Option<&'static str>,
}

impl Key {
    /// Whether the key must hold a value when it is written (in the layout `party` or not).
    pub fn must_have_value(&self, party: bool) -> bool {
        match self.need {
            Need::Required | Need::Written => true,
            Need::Party => party,
            Need::Optional => false,
        }
    }
}

/// A mapping of the tree: its keys, in the order they are listed and completed.
#[derive(Debug, PartialEq, Eq)]
pub struct Node {
    /// The mapping's name in the schema's definitions (`Members`).
    pub name: &'static str,
    /// Its keys.
    pub keys: &'static [&'static Key],
}

impl Node {
    /// The key called `name`.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().copied().find(|k| k.name == name)
    }

    /// The names of its keys, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.keys.iter().map(|k| k.name).collect()
    }
}

/// The whole front matter's mapping.
pub const FRONT_MATTER: &Node = <Root as Keys>::NODE;

/// A key's row before its name and kind are filled in by `node!`: `about(en, vi)`, then `.required()`,
/// `.form(…)`, `.noun(…)`, `.item(…)` as needed.
pub const fn about(en: &'static str, vi: &'static str) -> Key {
    Key {
        name: "",
        kind: Kind::Text,
        need: Need::Optional,
        about: Words { en, vi },
        form: None,
        noun: None,
        item: None,
        pattern: None,
    }
}

impl Key {
    /// The key must be written.
    pub const fn required(self) -> Key {
        Key {
            need: Need::Required,
            ..self
        }
    }

    /// The key must be written in the Party layout.
    pub const fn party(self) -> Key {
        Key {
            need: Need::Party,
            ..self
        }
    }

    /// The key may be left out but not written empty.
    pub const fn written(self) -> Key {
        Key {
            need: Need::Written,
            ..self
        }
    }

    /// The form of the value, for hints.
    pub const fn form(self, en: &'static str, vi: &'static str) -> Key {
        Key {
            form: Some(Words { en, vi }),
            ..self
        }
    }

    /// The key in words, inside a list item.
    pub const fn noun(self, en: &'static str, vi: &'static str) -> Key {
        Key {
            noun: Some(Words { en, vi }),
            ..self
        }
    }

    /// One item of the list in words.
    pub const fn item(self, en: &'static str, vi: &'static str) -> Key {
        Key {
            item: Some(Words { en, vi }),
            ..self
        }
    }

    /// The same key described in other words (a shared row used in another mapping).
    pub const fn described(self, en: &'static str, vi: &'static str) -> Key {
        Key {
            about: Words { en, vi },
            ..self
        }
    }

    /// A regular expression the value matches, for the schema.
    pub const fn pattern(self, pattern: &'static str) -> Key {
        Key {
            pattern: Some(pattern),
            ..self
        }
    }
}

/// `r#for` → `for`: a key's name from its field's name.
pub const fn raw_name(name: &'static str) -> &'static str {
    match name.as_bytes() {
        [b'r', b'#', rest @ ..] => match std::str::from_utf8(rest) {
            Ok(name) => name,
            Err(_) => panic!("a key's name is UTF-8"),
        },
        _ => name,
    }
}

/// What a typed step leads to: its [`Kind`] (see [`tree`] for the marker types).
pub trait Shape {
    /// The kind of value.
    const KIND: Kind;
}

/// A mapping's typed keys: a struct with one [`Step`] field per key (made by `node!`).
pub trait Keys: Copy + 'static {
    /// The steps.
    const KEYS: Self;
    /// The mapping's row of the tree.
    const NODE: &'static Node;
}

impl<N: Keys> Shape for N {
    const KIND: Kind = Kind::Map(N::NODE);
}

/// A list of items of shape `S`.
pub struct List<S>(PhantomData<S>);

impl<S: Shape> Shape for List<S> {
    const KIND: Kind = Kind::List(&S::KIND);
}

/// One typed key of a mapping, leading to a value of shape `S`.
pub struct Step<S> {
    pub(crate) key: &'static Key,
    pub(crate) shape: PhantomData<fn() -> S>,
}

impl<S> Clone for Step<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for Step<S> {}

impl<S> Step<S> {
    /// The key's row.
    pub fn key(self) -> &'static Key {
        self.key
    }

    /// The key's name, as written.
    pub fn name(self) -> &'static str {
        self.key.name
    }
}

/// Declares a mapping of the tree: a struct of typed [`Step`]s, one per key, and its [`Node`].
/// `name: Shape = about(en, vi)…` — the key's name is the field's (`r#for` is `for`), its kind the shape's.
macro_rules! node {
    ($(#[$doc:meta])* $vis:vis struct $name:ident {
        $($(#[$fdoc:meta])* $field:ident : $shape:ty = $row:expr),* $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        $vis struct $name {
            $($(#[$fdoc])* pub $field: $crate::input::keys::Step<$shape>,)*
        }

        impl $crate::input::keys::Keys for $name {
            const KEYS: Self = $name {
                $($field: $crate::input::keys::Step {
                    key: &$crate::input::keys::Key {
                        name: $crate::input::keys::raw_name(stringify!($field)),
                        kind: <$shape as $crate::input::keys::Shape>::KIND,
                        ..$row
                    },
                    shape: std::marker::PhantomData,
                },)*
            };
            const NODE: &'static $crate::input::keys::Node = &$crate::input::keys::Node {
                name: stringify!($name),
                keys: &[$(Self::KEYS.$field.key),*],
            };
        }
    };
}
pub(crate) use node;

/// One step of a path: a key, or an item of a list.
#[derive(Debug, Clone, Copy)]
pub enum Seg {
    /// A key of the tree.
    Key(&'static Key),
    /// The item at this index (from 0).
    Index(usize),
}

impl PartialEq for Seg {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Seg::Key(a), Seg::Key(b)) => a.name == b.name,
            (Seg::Index(a), Seg::Index(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Seg {}

/// A path from the front matter's top to a key or an item, every key a row of the tree. Printed as the file
/// writes it and as the positions record it: `members.absent[0].name`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path {
    segs: Vec<Seg>,
}

impl Path {
    /// The front matter itself.
    pub fn root() -> Path {
        Path::default()
    }

    /// The path of these steps (a part of another path's).
    pub fn of(segs: &[Seg]) -> Path {
        Path {
            segs: segs.to_vec(),
        }
    }

    /// The steps, outermost first.
    pub fn segs(&self) -> &[Seg] {
        &self.segs
    }

    /// Whether this is the front matter itself.
    pub fn is_root(&self) -> bool {
        self.segs.is_empty()
    }

    /// This path, then `key`.
    pub fn child(&self, key: &'static Key) -> Path {
        let mut segs = self.segs.clone();
        segs.push(Seg::Key(key));
        Path { segs }
    }

    /// This path's item `index`.
    pub fn index(&self, index: usize) -> Path {
        let mut segs = self.segs.clone();
        segs.push(Seg::Index(index));
        Path { segs }
    }

    /// The path one step up (the front matter's stays itself).
    pub fn parent(&self) -> Path {
        let mut segs = self.segs.clone();
        segs.pop();
        Path { segs }
    }

    /// The last key of the path (that of the list, for an item).
    pub fn key(&self) -> Option<&'static Key> {
        self.segs.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(*k),
            Seg::Index(_) => None,
        })
    }

    /// Whether the path ends at an item of a list.
    pub fn is_item(&self) -> bool {
        matches!(self.segs.last(), Some(Seg::Index(_)))
    }

    /// What the value at the path holds.
    pub fn kind(&self) -> Kind {
        match self.segs.last() {
            None => Kind::Map(FRONT_MATTER),
            Some(Seg::Key(k)) => k.kind,
            Some(Seg::Index(_)) => self.parent().kind().item().unwrap_or(Kind::Text),
        }
    }

    /// The path with its indices left out, `members.absent.name`: the key it is, in any item.
    pub fn pattern(&self) -> String {
        let names: Vec<&str> = self
            .segs
            .iter()
            .filter_map(|s| match s {
                Seg::Key(k) => Some(k.name),
                Seg::Index(_) => None,
            })
            .collect();
        names.join(".")
    }

    /// Whether both paths name the same key (in whichever items).
    pub fn same_key(&self, other: &Path) -> bool {
        let keys = |p: &Path| -> Vec<&'static str> {
            p.segs
                .iter()
                .filter_map(|s| match s {
                    Seg::Key(k) => Some(k.name),
                    Seg::Index(_) => None,
                })
                .collect()
        };
        keys(self) == keys(other)
    }

    /// Whether `self` is `other` or below it.
    pub fn within(&self, other: &Path) -> bool {
        self.segs.starts_with(&other.segs)
    }

    /// The path written `members.absent[0].name` (or `members.absent.name`: a key below a list is taken in
    /// its items), resolved against the tree; None when a key is not in the tree or an index is not on a list.
    pub fn parse(text: &str) -> Option<Path> {
        let mut path = Path::root();
        let mut here = Kind::Map(FRONT_MATTER);
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (name, indices) = part.split_once('[').unwrap_or((part, ""));
            if !name.is_empty() {
                let key = here.node()?.key(name)?;
                path.segs.push(Seg::Key(key));
                here = key.kind;
            }
            for index in indices.split('[').filter(|i| !i.is_empty()) {
                let index = index.strip_suffix(']')?.parse().ok()?;
                here = here.item()?;
                path.segs.push(Seg::Index(index));
            }
        }
        Some(path)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in &self.segs {
            match seg {
                Seg::Key(k) if first => f.write_str(k.name)?,
                Seg::Key(k) => write!(f, ".{}", k.name)?,
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

/// A [`Path`] whose value has shape `S`, so that only keys of that shape can follow: built by
/// [`keypath!`](crate::input::keys::keypath).
pub struct KeyPath<S> {
    path: Path,
    shape: PhantomData<fn() -> S>,
}

impl<S> Clone for KeyPath<S> {
    fn clone(&self) -> Self {
        KeyPath {
            path: self.path.clone(),
            shape: PhantomData,
        }
    }
}

impl KeyPath<Root> {
    /// The front matter itself.
    pub fn root() -> Self {
        KeyPath {
            path: Path::root(),
            shape: PhantomData,
        }
    }
}

impl<N: Keys> KeyPath<N> {
    /// This path, then the key `pick` chooses among the mapping's keys.
    pub fn then<S>(self, pick: impl FnOnce(N) -> Step<S>) -> KeyPath<S> {
        let step = pick(N::KEYS);
        let mut path = self.path;
        path.segs.push(Seg::Key(step.key));
        KeyPath {
            path,
            shape: PhantomData,
        }
    }
}

impl<S> KeyPath<List<S>> {
    /// The item `index` (from 0) of the list.
    pub fn at(self, index: usize) -> KeyPath<S> {
        let mut path = self.path;
        path.segs.push(Seg::Index(index));
        KeyPath {
            path,
            shape: PhantomData,
        }
    }
}

impl<S> KeyPath<S> {
    /// The untyped path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl<S> Deref for KeyPath<S> {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

impl<S> From<KeyPath<S>> for Path {
    fn from(path: KeyPath<S>) -> Path {
        path.path
    }
}

impl<S> fmt::Display for KeyPath<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.path.fmt(f)
    }
}

impl<S> fmt::Debug for KeyPath<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.path.fmt(f)
    }
}

/// A typed key path, written as the file writes it: `keypath!(members.present)`, `keypath!(votes[i].for)`,
/// `keypath!(remedies[i].due)`; or below a typed path held in a variable: `keypath!(vote => ballots.returned)`.
/// Each key must be one the tree has at that place, or the path does not compile:
///
/// ```
/// let i = 1;
/// assert_eq!(bienban::keypath!(members.absent[i].name).to_string(), "members.absent[1].name");
/// ```
///
/// ```compile_fail
/// // `totl` is no key of `members`.
/// let _ = bienban::keypath!(members.totl);
/// ```
///
/// ```compile_fail
/// // `present` is a key of `members`, not of the front matter.
/// let _ = bienban::keypath!(present);
/// ```
///
/// ```compile_fail
/// // `venue` is text: there is nothing below it.
/// let _ = bienban::keypath!(venue.name);
/// ```
#[macro_export]
macro_rules! keypath {
    (@ ($p:expr)) => { $p };
    (@ ($p:expr) . $($rest:tt)*) => { $crate::keypath!(@ ($p) $($rest)*) };
    (@ ($p:expr) [$i:expr] $($rest:tt)*) => { $crate::keypath!(@ ($p.at($i)) $($rest)*) };
    (@ ($p:expr) for $($rest:tt)*) => { $crate::keypath!(@ ($p.then(|k| k.r#for)) $($rest)*) };
    (@ ($p:expr) $key:ident $($rest:tt)*) => { $crate::keypath!(@ ($p.then(|k| k.$key)) $($rest)*) };
    ($base:ident => $($rest:tt)+) => { $crate::keypath!(@ ($base.clone()) $($rest)+) };
    ($($rest:tt)+) => { $crate::keypath!(@ ($crate::input::keys::KeyPath::root()) $($rest)+) };
}
pub use crate::keypath;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_print_as_the_file_writes_them() {
        assert_eq!(keypath!(members.present).to_string(), "members.present");
        let i = 2;
        assert_eq!(keypath!(votes[i].for).to_string(), "votes[2].for");
        assert_eq!(
            keypath!(members.absent[0].name).to_string(),
            "members.absent[0].name"
        );
        let vote = keypath!(votes[1]);
        assert_eq!(
            keypath!(vote => ballots.returned).to_string(),
            "votes[1].ballots.returned"
        );
        assert_eq!(keypath!(recipients[3]).to_string(), "recipients[3]");
        assert_eq!(
            keypath!(votes[0].counting_committee[1].name).pattern(),
            "votes.counting_committee.name"
        );
    }

    #[test]
    fn written_paths_resolve_against_the_tree() {
        let parsed = Path::parse("members.absent[0].name").unwrap();
        assert_eq!(parsed, *keypath!(members.absent[0].name));
        assert_eq!(parsed.key().unwrap().name, "name");
        assert_eq!(
            Path::parse("votes[1].for").unwrap(),
            *keypath!(votes[1].for)
        );
        // Without indices, a key below a list is taken in its items.
        let loose = Path::parse("members.absent.name").unwrap();
        assert!(loose.same_key(&parsed));
        assert_eq!(Path::parse("").unwrap(), Path::root());
        for wrong in [
            "members.totl",
            "venue.name",
            "venue[0]",
            "votes[x]",
            "secretry",
        ] {
            assert_eq!(Path::parse(wrong), None, "{wrong}");
        }
        assert_eq!(parsed.kind(), Kind::Text);
        assert!(Path::parse("recipients[0]").unwrap().is_item());
        assert!(matches!(keypath!(members).kind(), Kind::Map(n) if n.name == "Members"));
    }

    #[test]
    fn every_key_is_named_and_described_in_both_languages() {
        fn walk(node: &Node, path: &str, seen: &mut Vec<String>) {
            for key in node.keys {
                let here = format!("{path}.{}", key.name);
                assert!(
                    !key.name.is_empty() && !key.name.starts_with("r#"),
                    "{here}"
                );
                assert!(
                    !key.about.en.is_empty() && !key.about.vi.is_empty(),
                    "{here}"
                );
                assert_eq!(
                    node.keys.iter().filter(|k| k.name == key.name).count(),
                    1,
                    "{here} twice"
                );
                if matches!(key.kind, Kind::List(_)) {
                    assert!(key.item.is_some(), "{here}: a list says what one item is");
                }
                if let Kind::Choice(choices) = key.kind {
                    for c in choices {
                        assert!(!c.about.en.is_empty() && !c.about.vi.is_empty(), "{here}");
                    }
                }
                seen.push(here.clone());
                if let Some(below) = key.kind.node() {
                    walk(below, &here, seen);
                }
            }
        }
        let mut seen = vec![];
        walk(FRONT_MATTER, "", &mut seen);
        assert!(seen.len() > 60, "{}", seen.len());
    }
}
