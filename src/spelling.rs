//! "Did you mean ...?" for the names people type by hand (variables, check codes): a
//! misspelt setting must be said, with the name that was probably meant, never ignored.

/// The candidate closest to `word`, if any is close enough to be a likely misspelling.
/// Damerau-Levenshtein counts a swap of two letters (`MDOE`, `drfit`) as one edit, the
/// commonest slip; normalised by length so that a three-letter word needs a closer match
/// than a twenty-letter one. Ties go to the earlier candidate (the callers list the
/// user-facing names first).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Below this, two names share too little to suggest one for the other (`FOO` against
    // `LOG` scores 0.33; one slip in a four-letter name scores 0.75).
    const LIKELY: f64 = 0.6;
    let word = word.to_ascii_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::normalized_damerau_levenshtein(&word, &c.to_ascii_lowercase());
        if score >= LIKELY && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn a_slip_finds_the_name_and_a_stranger_finds_none() {
        let names = ["MODE", "SKIP", "TIMEOUT", "LOG"];
        assert_eq!(closest("MDOE", names), Some("MODE"));
        assert_eq!(closest("TIMOUT", names), Some("TIMEOUT"));
        assert_eq!(closest("skip", names), Some("SKIP"));
        assert_eq!(closest("FOO", names), None);
        assert_eq!(closest("", names), None);
    }
}
