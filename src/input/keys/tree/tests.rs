//! The tree agrees with the serde types that read the front matter ([`crate::input::model`]): a front matter
//! with every key of the tree is read without error (so each key is a field of the type, of a compatible
//! type), written back it has no key the tree lacks, each enumerated key takes exactly the tree's words, and
//! a key the tree requires is one serde cannot do without.

use serde_yaml::Value;

use crate::input::keys::{FRONT_MATTER, Key, Kind, Need, Node};
use crate::input::model::RawMinutes;

/// A value of `kind` that serde reads.
fn sample(kind: Kind) -> Value {
    match kind {
        Kind::Text | Kind::Markdown => Value::String("x".into()),
        Kind::Date => Value::String("2023-08-30".into()),
        Kind::Time => Value::String("14:00".into()),
        Kind::Count { min } => Value::Number(min.max(1).into()),
        Kind::Flag => Value::Bool(true),
        Kind::Choice(choices) => Value::String(choices[0].name.into()),
        Kind::Map(node) => Value::Mapping(
            node.keys
                .iter()
                .map(|k| (Value::String(k.name.into()), sample(k.kind)))
                .collect(),
        ),
        Kind::List(item) => Value::Sequence(vec![sample(*item)]),
        Kind::Either(kinds) => sample(kinds[0]),
    }
}

/// Every key of the tree with the names leading to it (a list's items stepped into).
fn every_key(
    node: &'static Node,
    above: &[&'static str],
    out: &mut Vec<(Vec<&'static str>, &'static Key, &'static Node)>,
) {
    for key in node.keys {
        let mut names = above.to_vec();
        names.push(key.name);
        out.push((names.clone(), key, node));
        if let Some(below) = key.kind.node() {
            every_key(below, &names, out);
        }
    }
}

/// The full sample with the value at `names` replaced (or removed, with None).
fn with(names: &[&str], new: Option<Value>) -> Value {
    let mut root = sample(Kind::Map(FRONT_MATTER));
    let mut here = &mut root;
    for (i, name) in names.iter().enumerate() {
        while let Value::Sequence(items) = here {
            here = &mut items[0];
        }
        let Value::Mapping(map) = here else {
            panic!("{names:?}: not a mapping")
        };
        if i + 1 == names.len() {
            match &new {
                Some(value) => {
                    map.insert(Value::String(name.to_string()), value.clone());
                }
                None => {
                    map.remove(*name);
                }
            }
            break;
        }
        here = map.get_mut(*name).expect("in the sample");
    }
    root
}

fn read(value: Value) -> Result<RawMinutes, String> {
    serde_yaml::from_value::<RawMinutes>(value).map_err(|e| e.to_string())
}

/// The keys of a value written back, checked against the tree.
fn keys_known(value: &Value, kind: Kind, path: &str) {
    match (value, kind) {
        (Value::Mapping(map), _) => {
            let node = kind
                .node()
                .unwrap_or_else(|| panic!("{path}: the tree has no mapping here"));
            for (k, v) in map {
                let name = k.as_str().expect("a text key");
                let key = node.key(name).unwrap_or_else(|| {
                    panic!("`{path}.{name}` is a serde field but not a key of the tree")
                });
                keys_known(v, key.kind, &format!("{path}.{name}"));
            }
        }
        (Value::Sequence(items), _) => {
            let item = kind
                .item()
                .unwrap_or_else(|| panic!("{path}: the tree has no list here"));
            for v in items {
                keys_known(v, item, path);
            }
        }
        _ => {}
    }
}

#[test]
fn every_key_of_the_tree_is_read_by_serde() {
    let raw = read(sample(Kind::Map(FRONT_MATTER))).unwrap_or_else(|e| panic!("{e}"));
    let back = serde_yaml::to_value(&raw).expect("serialise");
    keys_known(&back, Kind::Map(FRONT_MATTER), "");
    // Written back, the value has every key of the tree again: nothing was dropped on the way.
    let again = serde_yaml::to_value(read(back).expect("read back")).expect("serialise");
    let mut keys = vec![];
    every_key(FRONT_MATTER, &[], &mut keys);
    for (names, _, _) in &keys {
        let mut here = &again;
        for name in names {
            while let Value::Sequence(items) = here {
                here = &items[0];
            }
            here = here.get(*name).unwrap_or_else(|| panic!("{names:?} lost"));
        }
    }
}

#[test]
fn enumerated_keys_take_exactly_the_words_of_the_tree() {
    let mut keys = vec![];
    every_key(FRONT_MATTER, &[], &mut keys);
    let mut seen = 0;
    for (names, key, _) in keys {
        let Kind::Choice(choices) = key.kind else {
            continue;
        };
        seen += 1;
        for choice in choices {
            read(with(&names, Some(Value::String(choice.name.into()))))
                .unwrap_or_else(|e| panic!("{names:?} = {}: {e}", choice.name));
        }
        let err = read(with(&names, Some(Value::String("zzz".into())))).expect_err("a wrong word");
        // serde says "expected `a` or `b`", or "expected one of `a`, `b`, `c`".
        let expected = err
            .split(", expected ")
            .nth(1)
            .unwrap_or_else(|| panic!("{names:?}: {err}"));
        let words: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let tree: Vec<&str> = choices.iter().map(|c| c.name).collect();
        assert_eq!(words, tree, "{names:?}");
    }
    assert!(seen >= 8, "{seen}");
}

#[test]
fn the_keys_the_tree_requires_are_those_serde_requires() {
    let mut keys = vec![];
    every_key(FRONT_MATTER, &[], &mut keys);
    for (names, key, node) in keys {
        if std::ptr::eq(node, FRONT_MATTER) {
            // The top level is all optional for serde, so that every missing key is reported at once; the
            // rules report them (a test in `check` runs an empty front matter).
            continue;
        }
        let missing = read(with(&names, None));
        let required = matches!(key.need, Need::Required);
        assert_eq!(
            missing.is_err(),
            required,
            "{names:?} ({:?}): {missing:?}",
            key.need
        );
    }
}

#[test]
fn counts_and_flags_refuse_text() {
    let mut keys = vec![];
    every_key(FRONT_MATTER, &[], &mut keys);
    for (names, key, _) in keys {
        if matches!(key.kind, Kind::Count { .. } | Kind::Flag) {
            assert!(
                read(with(&names, Some(Value::String("x".into())))).is_err(),
                "{names:?} takes text"
            );
        }
        if matches!(key.kind, Kind::Count { .. }) {
            assert!(
                read(with(&names, Some(Value::Number((-1).into())))).is_err(),
                "{names:?}"
            );
        }
    }
}
