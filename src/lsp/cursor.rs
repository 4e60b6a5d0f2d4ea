//! Where the cursor stands in the front matter's YAML, read from the lines above it by their indentation
//! (the text being typed is rarely valid YAML): typing a key below some parent keys, or a key's value.

use std::ops::Range;

/// What is being typed at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A key below `parent` (key names, list indices left out); `typed` is the part already typed.
    Key {
        /// The enclosing keys, outermost first.
        parent: Vec<String>,
        /// Keys already present in the same mapping.
        siblings: Vec<String>,
        /// The byte range of what was typed of the key so far.
        typed: Range<usize>,
    },
    /// The value of the key at `path`; `typed` is the part already typed.
    Value {
        /// The keys down to this one.
        path: Vec<String>,
        /// The byte range of what was typed of the value so far.
        typed: Range<usize>,
    },
}

/// One line of YAML, as far as indentation goes.
struct Line<'a> {
    /// The column of the line's key (after a `- `).
    key_col: usize,
    /// Whether the line starts a list item (`- `).
    item: bool,
    /// The key, if the line is `key: …`.
    key: Option<&'a str>,
    /// What follows the key's colon, comments removed, trimmed.
    rest: &'a str,
}

fn is_key(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn read_line(line: &str) -> Line<'_> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let mut content = &line[indent..];
    let mut key_col = indent;
    let item = content == "-" || content.starts_with("- ");
    if item {
        let after = &content[1..];
        let spaces = after.len() - after.trim_start_matches(' ').len();
        key_col += 1 + spaces;
        content = &after[spaces..];
    }
    let (key, rest) = match content.find(':') {
        Some(at)
            if is_key(&content[..at])
                && content[at + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace) =>
        {
            let rest = content[at + 1..].trim();
            let rest = if rest.starts_with('#') { "" } else { rest };
            (Some(&content[..at]), rest)
        }
        _ => (None, content.trim()),
    };
    Line {
        key_col,
        item,
        key,
        rest,
    }
}

/// The enclosing keys of a line whose key stands at `col`, and the keys of its own mapping, from the lines
/// of `above` (the YAML before the cursor's line) and `below` (after it).
fn enclosing(above: &str, below: &str, col: usize) -> (Vec<String>, Vec<String>) {
    let mut parent = vec![];
    let mut siblings = vec![];
    let mut level = col;
    let mut own_mapping = true;
    for text in above.lines().rev() {
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            continue;
        }
        let line = read_line(text);
        if line.key_col == level && own_mapping {
            siblings.extend(line.key.map(str::to_string));
            own_mapping = !line.item;
        } else if line.key_col < level {
            own_mapping = false;
            if let Some(key) = line.key.filter(|_| line.rest.is_empty()) {
                parent.push(key.to_string());
            }
            level = line.key_col;
            if level == 0 {
                break;
            }
        }
    }
    for text in below.lines() {
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            continue;
        }
        let line = read_line(text);
        if line.key_col < col || (line.key_col == col && line.item) {
            break;
        }
        if line.key_col == col {
            siblings.extend(line.key.map(str::to_string));
        }
    }
    parent.reverse();
    (parent, siblings)
}

/// The slot at byte `offset` of `text`, whose YAML is `yaml` (a byte range of `text`); None outside it or
/// inside a multi-line value.
pub fn slot(text: &str, yaml: Range<usize>, offset: usize) -> Option<Slot> {
    if offset < yaml.start || offset > yaml.end {
        return None;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let prefix = &text[line_start..offset];
    let above = &text[yaml.start.min(line_start)..line_start];
    let below = &text[line_end.min(yaml.end)..yaml.end];
    if let Some(brace) = prefix.rfind('{').filter(|&b| !prefix[b..].contains('}')) {
        return flow_slot(prefix, brace, line_start, above);
    }
    let line = read_line(prefix);
    let (parent, siblings) = enclosing(above, below, line.key_col);
    let typed_start = line_start + line.key_col.min(prefix.len());
    match line.key {
        None if is_key(line.rest) || line.rest.is_empty() => Some(Slot::Key {
            parent,
            siblings,
            typed: typed_start..offset,
        }),
        Some(key) => {
            let mut path = parent;
            path.push(key.to_string());
            let value_start = line_start + line.key_col + key.len() + 1;
            let value = &text[value_start..offset];
            let skipped = value.len() - value.trim_start().len();
            Some(Slot::Value {
                path,
                typed: value_start + skipped..offset,
            })
        }
        None => None,
    }
}

/// A slot inside `{ … }` on the cursor's line: the mapping belongs to the key before the brace, or is the
/// list item itself.
fn flow_slot(prefix: &str, brace: usize, line_start: usize, above: &str) -> Option<Slot> {
    let line = read_line(&prefix[..brace]);
    let (mut parent, _) = enclosing(above, "", line.key_col);
    parent.extend(line.key.map(str::to_string));
    let inside = &prefix[brace + 1..];
    let part_at = inside.rfind(',').map_or(0, |i| i + 1);
    let part = &inside[part_at..];
    let siblings = inside[..part_at]
        .split(',')
        .filter_map(|entry| entry.split(':').next())
        .map(|k| k.trim().to_string())
        .filter(|k| is_key(k))
        .collect();
    let part_start = line_start + brace + 1 + part_at;
    match part.find(':') {
        None => {
            let skipped = part.len() - part.trim_start().len();
            Some(Slot::Key {
                parent,
                siblings,
                typed: part_start + skipped..line_start + prefix.len(),
            })
        }
        Some(colon) => {
            parent.push(part[..colon].trim().to_string());
            let value = &part[colon + 1..];
            let skipped = value.len() - value.trim_start().len();
            Some(Slot::Value {
                path: parent,
                typed: part_start + colon + 1 + skipped..line_start + prefix.len(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml_with_cursor: &str) -> Option<Slot> {
        let offset = yaml_with_cursor.find('|').unwrap();
        let text = yaml_with_cursor.replacen('|', "", 1);
        slot(&text, 0..text.len(), offset)
    }

    fn key_slot(parent: &[&str], siblings: &[&str]) -> (Vec<String>, Vec<String>) {
        (
            parent.iter().map(|s| s.to_string()).collect(),
            siblings.iter().map(|s| s.to_string()).collect(),
        )
    }

    #[test]
    fn keys_below_their_parents() {
        let Some(Slot::Key {
            parent, siblings, ..
        }) = at("date: x\nmembers:\n  total: 5\n  pr|\n  exempt: 0\nvenue: y\n")
        else {
            panic!()
        };
        assert_eq!(
            (parent, siblings),
            key_slot(&["members"], &["total", "exempt"])
        );
        let Some(Slot::Key {
            parent, siblings, ..
        }) = at("members:\n  absent:\n    - name: A\n      |\n    - name: B\n      reason: x\n")
        else {
            panic!()
        };
        assert_eq!(
            (parent, siblings),
            key_slot(&["members", "absent"], &["name"])
        );
        let Some(Slot::Key { parent, .. }) = at("date: x\n|") else {
            panic!()
        };
        assert!(parent.is_empty());
    }

    #[test]
    fn values_and_flow_mappings() {
        let Some(Slot::Value { path, .. }) = at("meeting:\n  kind: th|\n") else {
            panic!()
        };
        assert_eq!(path, ["meeting", "kind"]);
        let Some(Slot::Value { path, .. }) = at("chair: { name: Lê|") else {
            panic!()
        };
        assert_eq!(path, ["chair", "name"]);
        let Some(Slot::Key {
            parent, siblings, ..
        }) = at("members:\n  absent:\n    - { name: A, re|")
        else {
            panic!()
        };
        assert_eq!(
            (parent, siblings),
            key_slot(&["members", "absent"], &["name"])
        );
    }
}
