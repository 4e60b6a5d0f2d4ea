//! "Did you mean …?": the known name nearest to a misspelt one, by edit distance.

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (levenshtein(&word, c), *c))
        .filter(|(d, c)| {
            *d <= (c.chars().count() / 3).max(1)
                + usize::from(word.contains(c) || c.contains(&*word))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Number of single-character insertions, deletions and substitutions between two strings.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let keys = ["secretary", "speakers", "status", "start"];
        assert_eq!(closest("secretry", &keys), Some("secretary"));
        assert_eq!(closest("Statu", &keys), Some("status"));
        assert_eq!(closest("attendance", &keys), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
