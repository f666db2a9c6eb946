//! "Did you mean …?" for typos in ids and keys.

/// ` — did you mean 'x'?` for the closest candidate within a small edit distance, else "".
pub fn did_you_mean<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(found, c);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    match best {
        Some((score, c)) if score >= 0.8 || strsim::levenshtein(found, c) <= 2 => {
            format!(" — did you mean '{c}'?")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_the_nearest_id_only_when_it_is_near() {
        let ids = ["social_assistance", "employment", "studies"];
        assert_eq!(
            did_you_mean("employmnet", ids),
            " — did you mean 'employment'?"
        );
        assert_eq!(did_you_mean("studie", ids), " — did you mean 'studies'?");
        assert_eq!(did_you_mean("pension", ids), "");
        assert_eq!(did_you_mean("x", []), "");
    }
}
