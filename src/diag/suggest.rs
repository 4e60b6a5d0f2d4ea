//! "Did you mean …?": the known name nearest to a misspelt one, by edit distance (`strsim`'s Levenshtein).

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&word, c), *c))
        .filter(|(d, c)| {
            *d <= (c.chars().count() / 3).max(1)
                + usize::from(word.contains(c) || c.contains(&*word))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
    }
}
