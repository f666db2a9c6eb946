//! "Did you mean …?" for typos in ids and keys.

/// The closest candidate within a small edit distance, if any.
pub(crate) fn suggestion<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    // Edit distances on very long strings cost time quadratic in their length; no id or key
    // is that long, so such a string has no suggestion.
    if found.len() > 200 {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(found, c);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    match best {
        Some((score, c)) if score >= 0.8 || strsim::levenshtein(found, c) <= 2 => {
            Some(c.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::suggestion;

    #[test]
    fn suggests_the_nearest_id_only_when_it_is_near() {
        let ids = ["social_assistance", "employment", "studies"];
        assert_eq!(suggestion("employmnet", ids).as_deref(), Some("employment"));
        assert_eq!(suggestion("studie", ids).as_deref(), Some("studies"));
        assert_eq!(suggestion("pension", ids), None);
        assert_eq!(suggestion("x", []), None);
    }
}
