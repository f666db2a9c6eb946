//! Base libraries: the bundled ones (compiled into the crate, so every interface has them, the
//! browser too), base files next to a model, and the one rule for merging a base's entries
//! with a model's own (SPEC §2), used by validation and by [`crate::inline_base`] alike.

use crate::error::{Error, ErrorCode, Problem, Result};
use crate::messages::Msg;
use crate::model::Base;
use crate::parse::{parse_base, read_bounded, Format};
use crate::suggest::suggestion;
use crate::values;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// A bundled base library: its name, a one-line description and its TOML text.
#[derive(Debug)]
pub struct BundledBase {
    /// The name a model gives as `base = "…"`.
    pub name: &'static str,
    /// What it holds, in one line.
    pub description: &'static str,
    /// The base file itself.
    pub text: &'static str,
}

/// Every bundled base, by name.
pub const BUNDLED: &[BundledBase] = &[BundledBase {
    name: "se-2024",
    description: "Sweden, 2024 prices: municipality, employment service, social insurance, region, state, individual; nine outcome states",
    text: include_str!("../bases/se-2024.toml"),
}];

/// The text of a bundled base.
pub fn bundled(name: &str) -> Option<&'static str> {
    BUNDLED.iter().find(|b| b.name == name).map(|b| b.text)
}

/// Names of the bundled bases.
pub fn names() -> Vec<&'static str> {
    BUNDLED.iter().map(|b| b.name).collect()
}

/// Where `base = "path"` is looked up. Bundled bases are always available; a file only when
/// `base_dir` is set (the command line and Python set it to the model file's folder), and only
/// inside that folder: a model from someone else must not read the reader's other files.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The model file's folder.
    pub base_dir: Option<PathBuf>,
}

/// A bundled base parsed once per process: every validation of a model on `se-2024` would
/// otherwise re-read the same 15 KB of TOML.
fn bundled_base(name: &str) -> Option<Result<Arc<Base>>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Base>>>> = OnceLock::new();
    let text = bundled(name)?;
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(b) = cache.lock().ok().and_then(|c| c.get(name).cloned()) {
        return Some(Ok(b));
    }
    let parsed = parse_base(text, Format::Toml).map(Arc::new);
    if let (Ok(b), Ok(mut c)) = (&parsed, cache.lock()) {
        c.insert(name.to_string(), b.clone());
    }
    Some(parsed)
}

/// The base a model names: bundled, or a file inside `opts.base_dir`.
pub(crate) fn load_base(name: &str, opts: &Options) -> Result<Arc<Base>> {
    if let Some(b) = bundled_base(name) {
        return b;
    }
    let bundled_list = names().join(", ");
    let near = suggestion(name, names()).unwrap_or_default();
    let Some(dir) = &opts.base_dir else {
        return Err(Error::new(
            ErrorCode::BaseNotFound,
            "base",
            Msg::BaseNotFound,
            values![name = name, bundled = bundled_list, suggestion = near],
        ));
    };
    let path = inside(dir, name)?;
    let unreadable = |detail: String| {
        Error::new(
            ErrorCode::BaseNotFound,
            "base",
            Msg::BaseUnreadable,
            values![
                name = name,
                file = path.display(),
                detail = detail,
                bundled = bundled_list,
                suggestion = near
            ],
        )
    };
    let text = read_bounded(&path).map_err(|e| match e {
        crate::parse::ReadError::Io(e) => unreadable(e.to_string()),
        crate::parse::ReadError::Input(e) => e,
    })?;
    let base = parse_base(&text, Format::from_path(name)).map_err(|e| {
        // A file that does not even say it is a base is not echoed: its lines could be
        // anyone's secrets (`base = "/etc/shadow"` from an untrusted model).
        let is_base = text.contains(crate::model::BASE_FORMAT);
        let problems = e
            .problems()
            .iter()
            .map(|p| {
                let detail = if is_base {
                    p.message.clone()
                } else {
                    "not an ekusia base file (it has no format = \"ekusia-base/1\")".to_string()
                };
                Problem::new(
                    p.code,
                    prefix_path("base", &p.path),
                    Msg::InBaseFile,
                    values![file = path.display(), detail = detail],
                )
            })
            .collect();
        Error::from_problems(problems).unwrap_or(e)
    })?;
    Ok(Arc::new(base))
}

/// `dir/name`, refused unless it stays inside `dir` (no absolute path, no `..` above it, no
/// symbolic link out of it).
fn inside(dir: &Path, name: &str) -> Result<PathBuf> {
    let outside = || {
        Error::new(
            ErrorCode::BaseNotFound,
            "base",
            Msg::BaseOutsideFolder,
            values![name = name],
        )
    };
    let rel = Path::new(name);
    let mut depth = 0i32;
    for c in rel.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return Err(outside());
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(outside()),
        }
    }
    let joined = dir.join(rel);
    // Symbolic links are resolved where the file exists; a missing file is reported as such.
    if let (Ok(root), Ok(full)) = (dir.canonicalize(), joined.canonicalize()) {
        if !full.starts_with(&root) {
            return Err(outside());
        }
        return Ok(full);
    }
    Ok(joined)
}

fn prefix_path(prefix: &str, path: &str) -> String {
    if path.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}.{path}")
    }
}

/// Where a merged entry came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The base's entry at this index.
    Base(usize),
    /// The model's own entry at this index.
    Own(usize),
}

/// An id given twice in one list.
pub(crate) struct Duplicate {
    pub(crate) at: Origin,
    /// For a model entry: the index of its first use.
    pub(crate) first: usize,
    pub(crate) id: String,
}

/// The result of merging a base list with a model's own list.
pub(crate) struct Merged<'a, T> {
    pub(crate) entries: Vec<(&'a T, Origin)>,
    pub(crate) duplicates: Vec<Duplicate>,
}

/// Merges base entries and the model's own: the model's come after, one with a base entry's
/// id replaces it in the base's place. A second use of an id in one list is a duplicate and
/// left out.
pub(crate) fn merge<'a, T>(base: &'a [T], own: &'a [T], id: impl Fn(&T) -> &str) -> Merged<'a, T> {
    let mut entries: Vec<(&T, Origin)> = Vec::with_capacity(base.len() + own.len());
    let mut duplicates = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, e) in base.iter().enumerate() {
        if let Some(&first) = seen.get(id(e)) {
            duplicates.push(Duplicate {
                at: Origin::Base(i),
                first,
                id: id(e).to_string(),
            });
            continue;
        }
        seen.insert(id(e), entries.len());
        entries.push((e, Origin::Base(i)));
    }
    let n_base = entries.len();
    let mut own_seen: HashMap<&str, usize> = HashMap::new();
    for (i, e) in own.iter().enumerate() {
        if let Some(&first) = own_seen.get(id(e)) {
            duplicates.push(Duplicate {
                at: Origin::Own(i),
                first,
                id: id(e).to_string(),
            });
            continue;
        }
        own_seen.insert(id(e), i);
        match seen.get(id(e)) {
            Some(&j) if j < n_base => entries[j] = (e, Origin::Own(i)),
            _ => {
                seen.insert(id(e), entries.len());
                entries.push((e, Origin::Own(i)));
            }
        }
    }
    Merged {
        entries,
        duplicates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_entry_replaces_the_base_entry_in_its_place() {
        let base = ["a", "b", "c"];
        let own = ["x", "b", "x"];
        let m = merge(&base, &own, |s| s);
        let got: Vec<(&str, Origin)> = m.entries.iter().map(|(s, o)| (**s, *o)).collect();
        assert_eq!(
            got,
            vec![
                ("a", Origin::Base(0)),
                ("b", Origin::Own(1)),
                ("c", Origin::Base(2)),
                ("x", Origin::Own(0))
            ]
        );
        assert_eq!(m.duplicates.len(), 1);
        assert_eq!(m.duplicates[0].at, Origin::Own(2));
        assert_eq!(m.duplicates[0].first, 0);
    }

    #[test]
    fn base_paths_stay_inside_the_models_folder() {
        let dir = std::env::temp_dir();
        for bad in [
            "/etc/passwd",
            "../../etc/passwd",
            "a/../../x",
            "/proc/self/environ",
        ] {
            let e = inside(&dir, bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::BaseNotFound, "{bad}");
            assert!(e.message().contains("outside"), "{bad}: {e}");
        }
        assert!(inside(&dir, "sub/../base.toml").is_ok());
    }
}
