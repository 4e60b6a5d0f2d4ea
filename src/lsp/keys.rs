//! What each front-matter key means, read once from the JSON Schema that `bienban schema` prints
//! ([`crate::input::describe::json_schema`]: the Vietnamese description on each field of [`crate::input::model`]), with the values an enumerated key takes;
//! and the tree of valid keys ([`FRONT_MATTER`]) walked by a path.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::input::model::{FRONT_MATTER, Shape};

/// One key: its meaning, and the values it may take when they are a fixed list.
#[derive(Debug, Default, Clone)]
pub struct Key {
    /// The key's own description (Vietnamese).
    pub description: String,
    /// `(value, its description)` for an enumerated key (`layout`, `status`, `meeting.kind`, …).
    pub values: Vec<(String, String)>,
}

/// Every key by its path without list indices (`members.absent.name`).
pub fn keys() -> &'static HashMap<String, Key> {
    static KEYS: OnceLock<HashMap<String, Key>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let schema = crate::input::describe::json_schema();
        let mut out = HashMap::new();
        collect(&schema, &schema, "", &mut out);
        out
    })
}

/// The key at `path` (list indices are ignored).
pub fn key(path: &str) -> Option<&'static Key> {
    keys().get(&strip_indices(path))
}

/// `speakers[0].name` → `speakers.name`.
pub fn strip_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The shape below the keys of `path` (lists are stepped into: a list's shape is its items').
pub fn shape_at(path: &[String]) -> Option<&'static Shape> {
    let mut shape = &FRONT_MATTER;
    for step in path {
        let Shape::Map(entries) = list_item(shape) else {
            return None;
        };
        shape = &entries.iter().find(|(k, _)| k == step)?.1;
    }
    Some(list_item(shape))
}

fn list_item(mut shape: &'static Shape) -> &'static Shape {
    while let Shape::List(inner) = shape {
        shape = inner;
    }
    shape
}

/// Follows `$ref`, a nullable `anyOf` and array `items` down to the schema of the value itself.
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    for _ in 0..8 {
        if let Some(target) = node.get("$ref").and_then(Value::as_str) {
            let name = target.rsplit('/').next().unwrap_or("");
            match root.get("$defs").and_then(|d| d.get(name)) {
                Some(def) => node = def,
                None => return node,
            }
        } else if let Some(first) = node
            .get("anyOf")
            .and_then(Value::as_array)
            .and_then(|alts| {
                alts.iter()
                    .find(|a| a.get("type") != Some(&Value::from("null")))
            })
        {
            node = first;
        } else if let Some(items) = node.get("items") {
            node = items;
        } else {
            return node;
        }
    }
    node
}

fn collect(root: &Value, node: &Value, path: &str, out: &mut HashMap<String, Key>) {
    let node = resolve(root, node);
    let Some(properties) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, property) in properties {
        let child = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        let target = resolve(root, property);
        let description = text(property).or_else(|| text(target)).unwrap_or_default();
        out.insert(
            child.clone(),
            Key {
                description,
                values: values(target),
            },
        );
        collect(root, property, &child, out);
    }
}

fn text(node: &Value) -> Option<String> {
    node.get("description")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The constants of an enumerated schema (`oneOf` of `const`s, or `enum`).
fn values(node: &Value) -> Vec<(String, String)> {
    if let Some(list) = node.get("enum").and_then(Value::as_array) {
        return list
            .iter()
            .filter_map(Value::as_str)
            .map(|v| (v.to_string(), String::new()))
            .collect();
    }
    let Some(alternatives) = node.get("oneOf").and_then(Value::as_array) else {
        return vec![];
    };
    alternatives
        .iter()
        .filter_map(|alt| {
            let value = alt
                .get("const")
                .or_else(|| alt.get("enum").and_then(|e| e.get(0)))?;
            Some((value.as_str()?.to_string(), text(alt).unwrap_or_default()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_shape_has_a_description() {
        fn walk(shape: &Shape, path: &str) {
            if let Shape::Map(entries) = list_item_static(shape) {
                for (k, inner) in *entries {
                    let child = if path.is_empty() {
                        k.to_string()
                    } else {
                        format!("{path}.{k}")
                    };
                    let found = key(&child).unwrap_or_else(|| panic!("no key {child}"));
                    assert!(!found.description.is_empty(), "{child}");
                    walk(inner, &child);
                }
            }
        }
        fn list_item_static(shape: &Shape) -> &Shape {
            match shape {
                Shape::List(inner) => list_item_static(inner),
                other => other,
            }
        }
        walk(&FRONT_MATTER, "");
        let layout: Vec<&str> = key("layout")
            .unwrap()
            .values
            .iter()
            .map(|(v, _)| v.as_str())
            .collect();
        assert_eq!(layout, ["party", "state"]);
        assert_eq!(key("meeting.kind").unwrap().values.len(), 4);
        assert_eq!(strip_indices("speakers[10].name"), "speakers.name");
    }
}
