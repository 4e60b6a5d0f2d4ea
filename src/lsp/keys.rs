//! The key tree ([`crate::input::keys`]) as the language server reads it: a key by the path the YAML writes
//! (`speakers[0].name`, or without indices), the mapping below some parent keys, and an enumerated key's words
//! with their Vietnamese meaning.

use crate::input::keys::{FRONT_MATTER, Key, Kind, Node, Path};

/// The key at a path as the YAML writes it (for a list item, its list's key).
pub fn key(path: &str) -> Option<&'static Key> {
    Path::parse(path)?.key()
}

/// The key's Vietnamese description.
pub fn description(key: &Key) -> &'static str {
    key.about.vi
}

/// `(word, its meaning)` for an enumerated key (`layout`, `status`, `meeting.kind`, …); empty otherwise.
pub fn values(key: &Key) -> Vec<(&'static str, &'static str)> {
    match key.kind {
        Kind::Choice(choices) => choices.iter().map(|c| (c.name, c.about.vi)).collect(),
        _ => vec![],
    }
}

/// The mapping below the keys of `parents` (lists are stepped into: a list's mapping is its items').
pub fn node_at(parents: &[String]) -> Option<&'static Node> {
    let mut node = FRONT_MATTER;
    for name in parents {
        node = node.key(name)?.kind.node()?;
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_by_the_paths_the_yaml_writes() {
        let layout: Vec<&str> = values(key("layout").unwrap())
            .iter()
            .map(|(v, _)| *v)
            .collect();
        assert_eq!(layout, ["party", "state"]);
        assert_eq!(values(key("meeting.kind").unwrap()).len(), 4);
        assert_eq!(
            description(key("speakers[10].name").unwrap()),
            "Họ và tên người phát biểu."
        );
        assert_eq!(key("votes[0]").unwrap().name, "votes");
        let absent = node_at(&["members".to_string(), "absent".to_string()]).unwrap();
        assert_eq!(
            absent.names(),
            ["name", "reason", "probationary", "salutation"]
        );
        assert!(node_at(&["venue".to_string()]).is_none());
    }
}
