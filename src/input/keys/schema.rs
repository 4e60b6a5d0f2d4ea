//! The JSON Schema of the front matter (`bienban schema`), written from the key tree: each mapping a
//! definition, each key described in Vietnamese in its own words (also as `markdownDescription`, which YAML
//! editors prefer), each enumerated word with its meaning. The definitions carry no description of their own,
//! so that an editor's hover shows the key's description, never the shared mapping's.

use serde_json::{Map, Value, json};

use crate::input::keys::{FRONT_MATTER, Key, Keys, Kind, Need, Node, Root};
use crate::input::model::Layout;

/// The JSON Schema of the front matter.
pub fn json_schema() -> Value {
    let mut defs = Map::new();
    let mut root = object(FRONT_MATTER, &mut defs);
    if let Value::Object(map) = &mut root {
        map.insert(
            "$schema".into(),
            "https://json-schema.org/draft/2020-12/schema".into(),
        );
        map.insert("title".into(), "bienban minutes front matter".into());
        map.insert("$defs".into(), Value::Object(defs));
    }
    root
}

/// A mapping as an object schema; the mappings below it are added to `defs`.
fn object(node: &'static Node, defs: &mut Map<String, Value>) -> Value {
    let mut properties = Map::new();
    let mut required = vec![];
    let mut party = vec![];
    for key in node.keys {
        properties.insert(key.name.to_string(), property(key, defs));
        match key.need {
            Need::Required => required.push(Value::from(key.name)),
            Need::Party => party.push(Value::from(key.name)),
            Need::Optional | Need::Written => {}
        }
    }
    let mut object = json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    if !party.is_empty() {
        // Required unless the layout is the State's.
        let layout = Root::KEYS.layout.name();
        object["if"] = json!({
            "properties": { layout: { "const": Layout::State.name() } },
            "required": [layout],
        });
        object["else"] = json!({ "required": party });
    }
    object
}

/// A key's schema: its value's, with its description; an optional key may be written empty (null).
fn property(key: &Key, defs: &mut Map<String, Value>) -> Value {
    let mut value = value(key.kind, defs);
    if let (Some(pattern), Value::Object(map)) = (key.pattern, &mut value) {
        map.insert("pattern".into(), pattern.into());
    }
    if key.need != Need::Required {
        let empty = json!({ "type": "null" });
        match value.get_mut("anyOf").and_then(Value::as_array_mut) {
            Some(alternatives) => alternatives.push(empty),
            None => value = json!({ "anyOf": [value, empty] }),
        }
    }
    let Value::Object(mut map) = value else {
        return value;
    };
    map.insert("description".into(), key.about.vi.into());
    map.insert("markdownDescription".into(), key.about.vi.into());
    Value::Object(map)
}

/// The schema of a value of `kind`.
fn value(kind: Kind, defs: &mut Map<String, Value>) -> Value {
    match kind {
        Kind::Text | Kind::Markdown => json!({ "type": "string" }),
        Kind::Date => json!({ "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$" }),
        Kind::Time => json!({ "type": "string", "pattern": r"^\d{1,2}:\d{2}$" }),
        // A count may be written with leading zeros (`05`), which YAML reads as text.
        Kind::Count { min } => json!({
            "anyOf": [
                { "type": "integer", "minimum": min, "maximum": u32::MAX },
                { "type": "string", "pattern": "^0[0-9]+$" },
            ]
        }),
        Kind::Flag => json!({ "type": "boolean" }),
        Kind::Choice(choices) => json!({
            "oneOf": choices
                .iter()
                .map(|c| json!({
                    "const": c.name,
                    "description": c.about.vi,
                    "markdownDescription": c.about.vi,
                }))
                .collect::<Vec<_>>()
        }),
        Kind::Map(node) => {
            if !defs.contains_key(node.name) {
                // Placed first, so that a mapping reached twice is written once.
                defs.insert(node.name.to_string(), Value::Null);
                let schema = object(node, defs);
                defs.insert(node.name.to_string(), schema);
            }
            json!({ "$ref": format!("#/$defs/{}", node.name) })
        }
        Kind::List(item) => json!({ "type": "array", "items": value(*item, defs) }),
        Kind::Either(kinds) => json!({
            "anyOf": kinds.iter().map(|k| value(*k, defs)).collect::<Vec<_>>()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema of a key's value, through `anyOf` and `$ref`.
    fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
        if let Some(target) = node.get("$ref").and_then(Value::as_str) {
            let name = target.rsplit('/').next().unwrap_or("");
            return resolve(schema, &schema["$defs"][name]);
        }
        match node.get("anyOf").and_then(Value::as_array) {
            Some(alts) if alts.len() == 2 && alts[1] == json!({ "type": "null" }) => {
                resolve(schema, &alts[0])
            }
            _ => node,
        }
    }

    #[test]
    fn the_schema_describes_each_key_not_its_type() {
        let schema = json_schema();
        let chair = &schema["properties"]["chair"];
        assert_eq!(chair["description"], "Người chủ trì (họ tên, chức vụ).");
        assert_eq!(chair["markdownDescription"], chair["description"]);
        for (name, def) in schema["$defs"].as_object().unwrap() {
            assert!(
                def.get("description").is_none(),
                "{name} keeps its type description"
            );
        }
    }

    #[test]
    fn every_key_of_the_tree_is_in_the_schema_at_its_place() {
        fn walk(schema: &Value, object: &Value, node: &Node, path: &str) {
            let object = resolve(schema, object);
            let properties = object["properties"].as_object().expect(path);
            assert_eq!(properties.len(), node.keys.len(), "{path}");
            assert_eq!(object["additionalProperties"], false, "{path}");
            for key in node.keys {
                let here = format!("{path}.{}", key.name);
                let property = &properties[key.name];
                assert_eq!(property["description"], key.about.vi, "{here}");
                let mut inner = resolve(schema, property);
                if let Some(items) = inner.get("items") {
                    inner = resolve(schema, items);
                }
                if let Some(below) = key.kind.node() {
                    walk(schema, inner, below, &here);
                }
                if let Kind::Choice(choices) = key.kind {
                    let words: Vec<&str> = inner["oneOf"]
                        .as_array()
                        .expect(&here)
                        .iter()
                        .map(|c| c["const"].as_str().unwrap())
                        .collect();
                    let tree: Vec<&str> = choices.iter().map(|c| c.name).collect();
                    assert_eq!(words, tree, "{here}");
                }
            }
        }
        let schema = json_schema();
        walk(&schema, &schema, FRONT_MATTER, "");
        let required = schema["required"].as_array().unwrap();
        assert!(required.contains(&Value::from("venue")));
        assert!(!required.contains(&Value::from("place")), "party only");
        assert_eq!(schema["else"]["required"], json!(["place"]));
        assert_eq!(schema["if"]["properties"]["layout"]["const"], "state");
    }
}
