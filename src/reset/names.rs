//! Group names as the user typed them: duplicates dropped, and the nearest
//! existing names for one that does not exist (a likely typo).

use std::collections::BTreeSet;

/// The names in their first-seen order, each once (`delete a b a` acts on a, b).
pub fn distinct(names: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    names
        .iter()
        .filter(|n| seen.insert(n.as_str()))
        .cloned()
        .collect()
}

/// Up to three of `known` closest to `name` by edit distance, closest first;
/// only names a typo away (at most a third of the name's length, at least 2 edits).
pub fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let limit = (name.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .filter(|k| *k != name)
        .map(|k| (strsim::damerau_levenshtein(name, k), k))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored.dedup();
    scored
        .into_iter()
        .take(3)
        .map(|(_, k)| k.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn distinct_keeps_the_first_of_each() {
        assert_eq!(
            distinct(&v(&["a", "b", "a", "c", "b"])),
            v(&["a", "b", "c"])
        );
        assert!(distinct(&[]).is_empty());
    }

    #[test]
    fn nearest_names_are_typos_away_closest_first() {
        let known = ["billing", "billing-eu", "payments", "orders-app", "bill"];
        assert_eq!(nearest("billnig", known), v(&["billing"]));
        assert_eq!(nearest("billing-e", known), v(&["billing-eu", "billing"]));
        assert_eq!(nearest("payment", known), v(&["payments"]));
        assert!(nearest("zzzzzz", known).is_empty());
        // The name itself is not a suggestion.
        assert_eq!(nearest("billing", ["billing", "billin"]), v(&["billin"]));
    }
}
