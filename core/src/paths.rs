//! Values in a model by a readable path: `scenarios.with.transitions[from=social_assistance,to=employment].share`.
//!
//! A path is keys joined by dots; after a key, `[n]` picks a list's entry by position and
//! `[key=value, …]` picks the one entry whose keys have those values (an id, a name in either
//! language, `from` and `to` of a transition, a cohort's `start_year`). On a table keyed by id
//! (`parameters`) `[id=x]` is the same as `.x`, and `parameters.x.value` names a parameter's
//! value however it is written (a plain number or a table with `value`). A value with `]`, `,`,
//! `=` or `"` in it is written in double quotes: `costs[name="Kurs, steg 1"]`.
//!
//! Why in the core: the command line, Python and the page take the same paths, with the same
//! errors (`schema`, with the entries there are and the nearest one), and the tornado labels its
//! bars with them.

use crate::error::{Error, ErrorCode, Result};
use crate::messages::Msg;
use crate::suggest::suggestion;
use crate::values;
use rust_decimal::Decimal;
use serde_json::Value;

/// One `[...]` after a key.
#[derive(Clone, Debug, PartialEq)]
enum Sel {
    Index(usize),
    Filter(Vec<(String, String)>),
}

/// One key with its selectors.
#[derive(Clone, Debug, PartialEq)]
struct Seg {
    key: String,
    sels: Vec<Sel>,
}

fn syntax(path: &str) -> Error {
    Error::new(
        ErrorCode::Schema,
        path,
        Msg::SetPathSyntax,
        values![path = path],
    )
}

/// Splits a path into keys and selectors (dots and commas inside quotes or brackets are text).
fn parse(path: &str) -> Result<Vec<Seg>> {
    if path.is_empty() {
        return Err(Error::new(
            ErrorCode::Schema,
            path,
            Msg::SetPathEmpty,
            values![],
        ));
    }
    let chars: Vec<char> = path.chars().collect();
    let mut segs = Vec::new();
    let mut i = 0;
    loop {
        let mut key = String::new();
        while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
            if chars[i] == ']' || chars[i] == '"' {
                return Err(syntax(path));
            }
            key.push(chars[i]);
            i += 1;
        }
        let key = key.trim().to_string();
        if key.is_empty() {
            return Err(syntax(path));
        }
        let mut sels = Vec::new();
        while i < chars.len() && chars[i] == '[' {
            i += 1;
            let (sel, next) = selector(&chars, i).ok_or_else(|| syntax(path))?;
            sels.push(sel);
            i = next;
        }
        segs.push(Seg { key, sels });
        if i == chars.len() {
            return Ok(segs);
        }
        if chars[i] != '.' {
            return Err(syntax(path));
        }
        i += 1;
    }
}

/// The selector starting after `[` at `i`: the selector and the index after its `]`.
fn selector(chars: &[char], mut i: usize) -> Option<(Sel, usize)> {
    let mut pairs = Vec::new();
    let mut digits = String::new();
    loop {
        // A key up to `=` (or, for an index, digits up to `]`).
        let mut key = String::new();
        while i < chars.len() && !matches!(chars[i], '=' | ']' | ',' | '[' | '"') {
            key.push(chars[i]);
            i += 1;
        }
        let c = *chars.get(i)?;
        if c == ']' && pairs.is_empty() {
            digits = key.trim().to_string();
            i += 1;
            break;
        }
        if c != '=' {
            return None;
        }
        i += 1;
        let key = key.trim().to_string();
        if key.is_empty() {
            return None;
        }
        // The value: quoted (with \" and \\), or bare up to `,` or `]`, trimmed.
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        let mut value = String::new();
        if chars.get(i) == Some(&'"') {
            i += 1;
            loop {
                match *chars.get(i)? {
                    '"' => break,
                    '\\' => {
                        i += 1;
                        value.push(*chars.get(i)?);
                    }
                    c => value.push(c),
                }
                i += 1;
            }
            i += 1;
            while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
        } else {
            while i < chars.len() && !matches!(chars[i], ',' | ']' | '[' | '"' | '=') {
                value.push(chars[i]);
                i += 1;
            }
            value = value.trim().to_string();
            if value.is_empty() {
                return None;
            }
        }
        pairs.push((key, value));
        match *chars.get(i)? {
            ',' => i += 1,
            ']' => {
                i += 1;
                break;
            }
            _ => return None,
        }
    }
    if pairs.is_empty() {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return Some((Sel::Index(digits.parse().ok()?), i));
    }
    Some((Sel::Filter(pairs), i))
}

/// A filter written back: `from=a,to=b`, values quoted where they must be.
fn filter_text(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", quote(v)))
        .collect::<Vec<_>>()
        .join(",")
}

fn quote(v: &str) -> String {
    let plain = !v.is_empty()
        && v.trim() == v
        && !v
            .chars()
            .any(|c| matches!(c, '[' | ']' | ',' | '=' | '"' | '\\' | '.'));
    if plain {
        v.to_string()
    } else {
        format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The texts a value in the document can be matched by: a string itself, a number as written,
/// a name table's every language.
fn texts(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Number(n) => vec![n.to_string()],
        Value::Bool(b) => vec![b.to_string()],
        Value::Object(m) => m
            .values()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        _ => vec![],
    }
}

fn same(doc_text: &str, wanted: &str) -> bool {
    if doc_text == wanted {
        return true;
    }
    let numeric = |t: &str| {
        t.bytes()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.'))
    };
    if !numeric(doc_text) || !numeric(wanted) {
        return false;
    }
    // Numbers match by value: `start_year=1` finds "1", `share=0.10` finds "0.1".
    match (doc_text.parse::<Decimal>(), wanted.parse::<Decimal>()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether a value in the document can be matched by `wanted` (see [`texts`]), without
/// allocating: this runs once per entry and key for every bar of a large tornado.
fn value_is(v: &Value, wanted: &str) -> bool {
    match v {
        Value::String(s) => same(s, wanted),
        Value::Number(n) => same(&n.to_string(), wanted),
        Value::Bool(b) => same(if *b { "true" } else { "false" }, wanted),
        Value::Object(m) => m
            .values()
            .any(|x| x.as_str().is_some_and(|s| same(s, wanted))),
        _ => false,
    }
}

fn matches(entry: &Value, pairs: &[(String, String)]) -> bool {
    pairs
        .iter()
        .all(|(k, want)| entry.get(k).is_some_and(|v| value_is(v, want)))
}

/// The first text of a value (a name table's Swedish), for showing an entry.
fn first_text(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) => m
            .get("sv")
            .or_else(|| m.values().next())
            .and_then(|x| x.as_str().map(str::to_owned)),
        other => texts(other).into_iter().next(),
    }
}

/// The keys that tell a list's entries apart, most readable first.
const IDENTIFYING: &[&[&str]] = &[
    &["id"],
    &["name"],
    &["from", "to"],
    &["from", "to", "from_year"],
    &["from", "to", "from_year", "to_year"],
    &["start_year"],
    &["year"],
    &["label"],
    &["type", "actor"],
    &["type", "from", "to"],
    &["type", "actor", "category"],
    &["type", "from", "to", "category"],
];

/// A filter that picks `items[index]` and no other entry, if the entry has one.
fn identify(items: &[Value], index: usize) -> Option<Vec<(String, String)>> {
    let entry = items.get(index)?;
    for keys in IDENTIFYING {
        let pairs: Option<Vec<(String, String)>> = keys
            .iter()
            .map(|k| Some((k.to_string(), first_text(entry.get(*k)?)?)))
            .collect();
        let Some(pairs) = pairs else { continue };
        // The entry matches its own values; it is identified when no other entry does.
        if !items
            .iter()
            .enumerate()
            .any(|(i, e)| i != index && matches(e, &pairs))
        {
            return Some(pairs);
        }
    }
    None
}

/// How an entry of a list is shown in an error: its identifying filter, or its index.
fn shown(items: &[Value], index: usize) -> String {
    match identify(items, index) {
        Some(p) => format!("[{}]", filter_text(&p)),
        None => format!("[{index}]"),
    }
}

fn listing(mut entries: Vec<String>) -> String {
    const MOST: usize = 12;
    let more = entries.len().saturating_sub(MOST);
    entries.truncate(MOST);
    let mut s = entries.join(", ");
    if more > 0 {
        s.push_str(&format!(" … (+{more})"));
    }
    s
}

fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_string()
    } else {
        format!("{at}.{key}")
    }
}

/// Where a path leads in a JSON document: `create` makes missing tables on the way (for
/// setting a value), otherwise a missing key is an error naming the keys there are.
pub(crate) fn locate<'a>(doc: &'a mut Value, path: &str, create: bool) -> Result<&'a mut Value> {
    let segs = parse(path)?;
    let bad = |key: Msg, values: &[(&str, String)]| {
        Error::new(ErrorCode::Schema, path, key, values.iter().cloned())
    };
    let mut node = doc;
    let mut seen = String::new();
    // The segment after a parameter's id (`parameters.wage.value`, `parameters[id=wage].value`):
    // there `value` names the parameter's value however it is written.
    let after_parameter = match segs.first() {
        Some(s) if s.key == "parameters" && s.sels.len() == 1 => Some(1),
        Some(s) if s.key == "parameters" && s.sels.is_empty() => {
            segs.get(1).filter(|s| s.sels.is_empty()).map(|_| 2)
        }
        _ => None,
    };
    for (n, seg) in segs.iter().enumerate() {
        let key = seg.key.as_str();
        let param_value = after_parameter == Some(n)
            && key == "value"
            && !node.as_object().is_some_and(|m| m.contains_key("value"));
        if param_value {
            if !seg.sels.is_empty() {
                return Err(bad(Msg::SetPathNotList, &values![at = join(&seen, key)]));
            }
            seen = join(&seen, key);
            continue;
        }
        node = match node {
            Value::Object(map) => {
                if !map.contains_key(key) {
                    if !create {
                        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                        let near = suggestion(key, keys.iter().copied()).unwrap_or_default();
                        return Err(bad(
                            Msg::PathNoKey,
                            &values![
                                at = seen,
                                key = key,
                                suggestion = near,
                                allowed = listing(keys.iter().map(|k| k.to_string()).collect())
                            ],
                        ));
                    }
                    map.insert(key.to_string(), Value::Object(Default::default()));
                }
                map.get_mut(key).expect("just checked or inserted")
            }
            _ => return Err(bad(Msg::SetPathValue, &values![at = seen, key = key])),
        };
        seen = join(&seen, key);
        for sel in &seg.sels {
            node = match (sel, node) {
                (Sel::Index(i), Value::Array(items)) => {
                    let (len, i) = (items.len(), *i);
                    if i >= len {
                        return Err(bad(
                            Msg::SetPathIndex,
                            &values![at = seen, len = len, index = i],
                        ));
                    }
                    seen = format!("{seen}[{i}]");
                    &mut items[i]
                }
                (Sel::Filter(pairs), Value::Array(items)) => {
                    let hits: Vec<usize> = (0..items.len())
                        .filter(|&i| matches(&items[i], pairs))
                        .collect();
                    let wanted = filter_text(pairs);
                    match hits.as_slice() {
                        [i] => {
                            seen = format!("{seen}[{wanted}]");
                            &mut items[*i]
                        }
                        [] => {
                            // The nearest entry by the same keys, and every entry as it is picked.
                            let same_keys: Vec<String> = items
                                .iter()
                                .filter_map(|e| {
                                    let p: Option<Vec<(String, String)>> = pairs
                                        .iter()
                                        .map(|(k, _)| Some((k.clone(), first_text(e.get(k)?)?)))
                                        .collect();
                                    p.map(|p| filter_text(&p))
                                })
                                .collect();
                            let near = suggestion(&wanted, same_keys.iter().map(String::as_str))
                                .unwrap_or_default();
                            let all = (0..items.len()).map(|i| shown(items, i)).collect();
                            return Err(bad(
                                Msg::PathNoMatch,
                                &values![
                                    at = seen,
                                    selector = wanted,
                                    suggestion = near,
                                    available = if items.is_empty() {
                                        "–".to_string()
                                    } else {
                                        listing(all)
                                    }
                                ],
                            ));
                        }
                        many => {
                            let entries = listing(many.iter().map(|&i| shown(items, i)).collect());
                            return Err(bad(
                                Msg::PathManyMatches,
                                &values![
                                    at = seen,
                                    selector = wanted,
                                    count = many.len(),
                                    entries = entries
                                ],
                            ));
                        }
                    }
                }
                // A table keyed by id: `parameters[id=wage]` is `parameters.wage`.
                (Sel::Filter(pairs), Value::Object(map))
                    if pairs.len() == 1 && pairs[0].0 == "id" =>
                {
                    let id = pairs[0].1.as_str();
                    if !map.contains_key(id) {
                        if !create {
                            let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                            let near = suggestion(id, keys.iter().copied()).unwrap_or_default();
                            return Err(bad(
                                Msg::PathNoMatch,
                                &values![
                                    at = seen,
                                    selector = filter_text(pairs),
                                    suggestion = near
                                        .is_empty()
                                        .then(String::new)
                                        .unwrap_or(format!("id={near}")),
                                    available =
                                        listing(keys.iter().map(|k| format!("[id={k}]")).collect())
                                ],
                            ));
                        }
                        map.insert(id.to_string(), Value::Object(Default::default()));
                    }
                    seen = format!("{seen}[id={}]", quote(id));
                    map.get_mut(id).expect("just checked or inserted")
                }
                _ => return Err(bad(Msg::SetPathNotList, &values![at = seen])),
            };
        }
    }
    Ok(node)
}

/// The position path (`scenarios.with.transitions[1].share`, `parameters.wage`) that `path`
/// names in a document, when it leads to an existing value; `None` otherwise (a missing key,
/// a selector without exactly one match), so that the caller takes the general route and its
/// error.
pub(crate) fn positional(doc: &Value, path: &str) -> Option<String> {
    let segs = parse(path).ok()?;
    let after_parameter = match segs.first() {
        Some(s) if s.key == "parameters" && s.sels.len() == 1 => Some(1),
        Some(s) if s.key == "parameters" && s.sels.is_empty() => {
            segs.get(1).filter(|s| s.sels.is_empty()).map(|_| 2)
        }
        _ => None,
    };
    let mut node = doc;
    let mut out = String::new();
    for (n, seg) in segs.iter().enumerate() {
        if after_parameter == Some(n)
            && seg.key == "value"
            && seg.sels.is_empty()
            && !node.as_object().is_some_and(|m| m.contains_key("value"))
        {
            continue;
        }
        node = node.as_object()?.get(&seg.key)?;
        out = join(&out, &seg.key);
        for sel in &seg.sels {
            match (sel, node) {
                (Sel::Index(i), Value::Array(items)) => {
                    node = items.get(*i)?;
                    out = format!("{out}[{i}]");
                }
                (Sel::Filter(pairs), Value::Array(items)) => {
                    let mut hits = (0..items.len()).filter(|&i| matches(&items[i], pairs));
                    let i = hits.next()?;
                    if hits.next().is_some() {
                        return None;
                    }
                    node = &items[i];
                    out = format!("{out}[{i}]");
                }
                (Sel::Filter(pairs), Value::Object(map))
                    if pairs.len() == 1 && pairs[0].0 == "id" =>
                {
                    node = map.get(&pairs[0].1)?;
                    out = join(&out, &pairs[0].1);
                }
                _ => return None,
            }
        }
    }
    Some(out)
}

/// The value at `path` in a JSON document.
pub(crate) fn get(doc: &Value, path: &str) -> Result<Value> {
    let mut copy = doc.clone();
    locate(&mut copy, path, false).map(|v| v.take())
}

/// A position path as found by the walk over uncertain values (`intervention.costs[0].amount`)
/// written with the selectors a reader recognises
/// (`intervention.costs[name=Coacher].amount`); an entry nothing identifies keeps its index.
pub(crate) fn readable(doc: &Value, path: &str) -> String {
    let Ok(segs) = parse(path) else {
        return path.to_string();
    };
    let mut out = String::new();
    let mut node = Some(doc);
    for seg in &segs {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(&seg.key);
        node = node.and_then(|n| n.get(&seg.key));
        for sel in &seg.sels {
            match sel {
                Sel::Index(i) => {
                    let items = node.and_then(Value::as_array);
                    match items.and_then(|items| identify(items, *i)) {
                        Some(p) => out.push_str(&format!("[{}]", filter_text(&p))),
                        None => out.push_str(&format!("[{i}]")),
                    }
                    node = items.and_then(|items| items.get(*i));
                }
                Sel::Filter(p) => {
                    out.push_str(&format!("[{}]", filter_text(p)));
                    node = None;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "horizon": "10",
            "parameters": { "wage": { "value": "27000", "name": { "sv": "Lön", "en": "Wage" } }, "tax": "0.32" },
            "intervention": {
                "cohorts": [{ "start_year": "0", "participants": "40" }, { "start_year": "1", "participants": "30" }],
                "costs": [{ "name": "Coacher", "amount": "100" }, { "name": "Kurs, steg 1", "per_participant": "5" }]
            },
            "scenarios": { "with": { "transitions": [
                { "from": "sa", "to": "employment", "share": "0.08" },
                { "from": "sa", "to": "studies", "share": "0.05" },
                { "from": "studies", "to": "employment", "share": "0.2", "from_year": "2" },
                { "from": "studies", "to": "employment", "share": "0.1", "from_year": "5" }
            ] } },
            "actors": [{ "id": "municipality", "name": { "sv": "Kommunen", "en": "Municipality" } }]
        })
    }

    fn msg(e: &Error) -> String {
        e.to_string()
    }

    #[test]
    fn selectors_pick_entries_by_their_keys() {
        let d = doc();
        let g = |p: &str| get(&d, p).unwrap();
        assert_eq!(
            g("scenarios.with.transitions[from=sa,to=employment].share"),
            "0.08"
        );
        assert_eq!(
            g("scenarios.with.transitions[ from = sa , to = studies ].share"),
            "0.05"
        );
        assert_eq!(
            g("scenarios.with.transitions[from=studies,from_year=5].share"),
            "0.1"
        );
        assert_eq!(g("intervention.cohorts[start_year=1].participants"), "30");
        assert_eq!(g("intervention.costs[name=Coacher].amount"), "100");
        assert_eq!(
            g("intervention.costs[name=\"Kurs, steg 1\"].per_participant"),
            "5"
        );
        assert_eq!(g("actors[id=municipality].name.en"), "Municipality");
        assert_eq!(g("actors[name=Municipality].id"), "municipality");
        assert_eq!(g("intervention.cohorts[1].participants"), "30");
        // Parameters: by key or by id, `.value` whether written plain or as a table.
        assert_eq!(g("parameters.wage.value"), "27000");
        assert_eq!(g("parameters[id=wage].value"), "27000");
        assert_eq!(g("parameters[id=tax].value"), "0.32");
        assert_eq!(g("parameters.tax.value"), "0.32");
        assert_eq!(g("parameters.tax"), "0.32");
    }

    #[test]
    fn setting_through_a_selector_changes_that_entry_only() {
        let mut d = doc();
        *locate(
            &mut d,
            "scenarios.with.transitions[from=sa,to=employment].share",
            true,
        )
        .unwrap() = json!("0.12");
        assert_eq!(d["scenarios"]["with"]["transitions"][0]["share"], "0.12");
        assert_eq!(d["scenarios"]["with"]["transitions"][1]["share"], "0.05");
        *locate(&mut d, "parameters[id=tax].value", true).unwrap() = json!("0.3");
        assert_eq!(d["parameters"]["tax"], "0.3");
        *locate(&mut d, "parameters.wage.value", true).unwrap() = json!("28000");
        assert_eq!(d["parameters"]["wage"]["value"], "28000");
        assert_eq!(d["parameters"]["wage"]["name"]["sv"], "Lön");
        // A parameter the model does not have (a base's) is added.
        *locate(&mut d, "parameters[id=municipal_tax].value", true).unwrap() = json!("0.2");
        assert_eq!(d["parameters"]["municipal_tax"], "0.2");
    }

    #[test]
    fn no_match_and_many_matches_are_schema_errors_with_the_entries() {
        let d = doc();
        let e = get(
            &d,
            "scenarios.with.transitions[from=sa,to=employmnet].share",
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::Schema);
        let m = msg(&e);
        assert!(m.contains("did you mean 'from=sa,to=employment'"), "{m}");
        assert!(
            m.contains("[from=studies,to=employment,from_year=2]"),
            "{m}"
        );
        let e = get(
            &d,
            "scenarios.with.transitions[from=studies,to=employment].share",
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::Schema);
        let m = msg(&e);
        assert!(m.starts_with("[schema]") || m.contains("2 entries"), "{m}");
        assert!(
            m.contains("2 entries of 'scenarios.with.transitions'"),
            "{m}"
        );
        let e = get(&d, "parameters[id=wag].value").unwrap_err();
        assert!(msg(&e).contains("did you mean 'id=wage'"), "{}", msg(&e));
        let e = get(&d, "intervention.cost[0].amount").unwrap_err();
        assert!(msg(&e).contains("did you mean 'costs'"), "{}", msg(&e));
        let e = get(&d, "horizon[id=x]").unwrap_err();
        assert_eq!(e.code(), ErrorCode::Schema);
        for bad in [
            "", "a..b", "a[", "a[x]", "a[=x]", "a[k=]", "a[k=\"x]", "a]b", "a[0]x",
        ] {
            assert_eq!(get(&d, bad).unwrap_err().code(), ErrorCode::Schema, "{bad}");
        }
    }

    #[test]
    fn positional_paths_resolve_selectors_to_indices() {
        let d = doc();
        let p = |s: &str| positional(&d, s);
        assert_eq!(
            p("scenarios.with.transitions[from=sa,to=studies].share").as_deref(),
            Some("scenarios.with.transitions[1].share")
        );
        assert_eq!(
            p("parameters[id=tax].value").as_deref(),
            Some("parameters.tax")
        );
        assert_eq!(
            p("parameters.wage.value").as_deref(),
            Some("parameters.wage.value")
        );
        assert_eq!(p("horizon").as_deref(), Some("horizon"));
        assert_eq!(
            p("scenarios.with.transitions[from=studies,to=employment].share"),
            None
        );
        assert_eq!(p("analysis.attribution"), None);
    }

    #[test]
    fn readable_paths_name_entries_by_what_tells_them_apart() {
        let d = doc();
        assert_eq!(
            readable(&d, "scenarios.with.transitions[0].share"),
            "scenarios.with.transitions[from=sa,to=employment].share"
        );
        assert_eq!(
            readable(&d, "scenarios.with.transitions[3].share"),
            "scenarios.with.transitions[from=studies,to=employment,from_year=5].share"
        );
        assert_eq!(
            readable(&d, "intervention.costs[1].per_participant"),
            "intervention.costs[name=\"Kurs, steg 1\"].per_participant"
        );
        assert_eq!(
            readable(&d, "intervention.cohorts[0].participants"),
            "intervention.cohorts[start_year=0].participants"
        );
        assert_eq!(readable(&d, "parameters.wage"), "parameters.wage");
        // Every readable path leads back to the same value.
        for p in [
            "scenarios.with.transitions[2].share",
            "intervention.costs[1].per_participant",
        ] {
            assert_eq!(get(&d, &readable(&d, p)).unwrap(), get(&d, p).unwrap());
        }
    }
}
