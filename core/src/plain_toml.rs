//! A fast reader for plain TOML: the part of TOML 1.0 that model files are written in.
//!
//! Why: reading the text was most of parse + validate (issue 17), and toml_edit, which keeps
//! every span and comment to edit documents in place, spends most of that on work a model never
//! needs. (toml 1.x, on toml_parser, was measured too: a quarter fewer instructions, not enough.)
//!
//! What it reads: comments; `key = value` lines with bare keys; `[table]` and `[[array.of]]`
//! headers (dotted); basic strings without escapes; decimal integers that fit 64 bits; decimal
//! floats; booleans; arrays (over several lines, with comments); inline tables on one line.
//! Anything else — an escape, a literal or multi-line string, a quoted or dotted key, a date,
//! `inf`, hexadecimal, a byte-order mark, a redefined table, a repeated key, anything not valid —
//! is *not read* (`None`), and the caller reads the text the reference way (toml_edit). So it
//! never decides what is an error, nor how an error reads: it only takes the plain files off the
//! reference's hands, and must read those exactly as the reference does (the tests in parse.rs
//! hold it to that on every example, base and test model, and on mutations of them).
//!
//! The values are handed to serde as TOML's deserializers hand them: integers by `visit_i64`,
//! floats by `visit_f64`, strings borrowed, tables as maps in the order of the text.

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess};
use serde::forward_to_deserialize_any;
use std::collections::HashMap;

/// Nesting deeper than this is left to the reference (models nest four or five levels).
const MAX_DEPTH: usize = 32;

/// One value of the document.
#[derive(Debug)]
enum V<'a> {
    Str(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// An array written as a value (`[1, 2]`): closed to `[[…]]` headers.
    Arr(Vec<V<'a>>),
    Tab(Table<'a>),
    /// An array of tables made by `[[…]]` headers.
    Aot(Vec<Table<'a>>),
}

/// How a table came to be, for TOML's rules on defining it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Made {
    /// Written inline (`{ … }`): closed.
    Inline,
    /// Named only on the way to a header's table (`a` of `[a.b]`): a later `[a]` may define it.
    Implicit,
    /// Defined by its own header (or the document itself).
    Header,
}

#[derive(Debug)]
struct Table<'a> {
    entries: Vec<(&'a str, V<'a>)>,
    made: Made,
    /// Where each key is, once the table is large: a linear search is fastest for the few keys
    /// of a model's tables, but a hostile file with a million keys must not take quadratic time.
    /// (Boxed: one pointer keeps every value of the tree small; the map itself is rare.)
    #[allow(clippy::box_collection)]
    index: Option<Box<HashMap<&'a str, usize>>>,
}

/// Tables with more keys than this are indexed.
const INDEX_FROM: usize = 16;

impl<'a> Table<'a> {
    fn new(made: Made) -> Self {
        Table {
            entries: Vec::new(),
            made,
            index: None,
        }
    }
    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(ix) => ix.get(key).copied(),
            None => self.entries.iter().position(|(k, _)| *k == key),
        }
    }
    fn get_mut(&mut self, key: &str) -> Option<&mut V<'a>> {
        let i = self.position(key)?;
        Some(&mut self.entries[i].1)
    }
    fn has(&self, key: &str) -> bool {
        self.position(key).is_some()
    }
    /// Adds a key the caller has checked is not there.
    fn push(&mut self, key: &'a str, v: V<'a>) {
        if let Some(ix) = &mut self.index {
            ix.insert(key, self.entries.len());
        } else if self.entries.len() == INDEX_FROM {
            let mut ix: HashMap<&'a str, usize> = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (*k, i))
                .collect();
            ix.insert(key, self.entries.len());
            self.index = Some(Box::new(ix));
        }
        self.entries.push((key, v));
    }
    /// Takes a key out, keeping the others in order.
    fn remove(&mut self, i: usize) -> V<'a> {
        let (_, v) = self.entries.remove(i);
        if self.index.is_some() {
            let ix = self.entries.iter().enumerate().map(|(i, (k, _))| (*k, i));
            self.index = Some(Box::new(ix.collect()));
        }
        v
    }
}

/// Not read by the fast reader (the reference decides).
struct NotPlain;

type R<T> = Result<T, NotPlain>;

/// Reads `text` into `T` when it is plain TOML (see the module's text); `None` otherwise, or
/// when `T` does not take what was read.
pub(crate) fn read<T: de::DeserializeOwned>(text: &str) -> Option<T> {
    let root = Reader::new(text).document().ok()?;
    T::deserialize(TableDe(&root)).ok()
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

fn is_bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader {
            text,
            b: text.as_bytes(),
            i: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// A comment from `#` to the end of the line (not the new line itself). TOML allows no
    /// control character in a comment but the tab.
    fn comment(&mut self) -> R<()> {
        debug_assert_eq!(self.peek(), Some(b'#'));
        self.i += 1;
        while let Some(c) = self.peek() {
            match c {
                b'\n' | b'\r' => break,
                b'\t' => {}
                0..=0x1f | 0x7f => return Err(NotPlain),
                _ => {}
            }
            self.i += 1;
        }
        Ok(())
    }

    /// A new line (`\n` or `\r\n`), or the end of the text. Returns false if neither is here.
    fn newline(&mut self) -> R<bool> {
        match self.peek() {
            None => Ok(true),
            Some(b'\n') => {
                self.i += 1;
                Ok(true)
            }
            Some(b'\r') if self.b.get(self.i + 1) == Some(&b'\n') => {
                self.i += 2;
                Ok(true)
            }
            Some(b'\r') => Err(NotPlain),
            _ => Ok(false),
        }
    }

    /// The rest of a line: white space, perhaps a comment, and its end.
    fn end_of_line(&mut self) -> R<()> {
        self.ws();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        if self.newline()? {
            Ok(())
        } else {
            Err(NotPlain)
        }
    }

    fn bare_key(&mut self) -> R<&'a str> {
        let start = self.i;
        while self.peek().is_some_and(is_bare) {
            self.i += 1;
        }
        if self.i == start {
            return Err(NotPlain);
        }
        Ok(&self.text[start..self.i])
    }

    fn document(mut self) -> R<Table<'a>> {
        let mut root = Table::new(Made::Header);
        // The table the lines go into, out of the tree until the next header puts it in (as
        // toml_edit does, so that keys come in the order toml_edit gives them), and its header:
        // the keys and whether it is `[[…]]`; `None` for the document's own lines.
        let mut current = Table::new(Made::Header);
        let mut header: Option<(Vec<&'a str>, bool)> = None;
        loop {
            self.ws();
            match self.peek() {
                None => break,
                Some(b'#') => self.end_of_line()?,
                Some(b'\n' | b'\r') => {
                    if !self.newline()? {
                        return Err(NotPlain);
                    }
                }
                Some(b'[') => {
                    let done = std::mem::replace(&mut current, Table::new(Made::Header));
                    finish(&mut root, header.take(), done)?;
                    let (keys, array) = self.header()?;
                    self.end_of_line()?;
                    current = start(&mut root, &keys, array)?;
                    header = Some((keys, array));
                }
                Some(_) => {
                    let (k, v) = self.keyval(0)?;
                    if current.has(k) {
                        return Err(NotPlain);
                    }
                    current.push(k, v);
                    self.end_of_line()?;
                }
            }
        }
        finish(&mut root, header, current)?;
        Ok(root)
    }

    /// `[a.b]` or `[[a.b]]`: the keys and whether it is an array of tables.
    fn header(&mut self) -> R<(Vec<&'a str>, bool)> {
        self.i += 1;
        let array = self.peek() == Some(b'[');
        if array {
            self.i += 1;
        }
        let mut keys = Vec::new();
        loop {
            self.ws();
            keys.push(self.bare_key()?);
            self.ws();
            match self.peek() {
                Some(b'.') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    if array {
                        if self.peek() != Some(b']') {
                            return Err(NotPlain);
                        }
                        self.i += 1;
                    }
                    return Ok((keys, array));
                }
                _ => return Err(NotPlain),
            }
        }
    }

    /// `key = value` (one bare key; a dotted key is not plain).
    fn keyval(&mut self, depth: usize) -> R<(&'a str, V<'a>)> {
        let k = self.bare_key()?;
        self.ws();
        if self.peek() != Some(b'=') {
            return Err(NotPlain);
        }
        self.i += 1;
        self.ws();
        Ok((k, self.value(depth)?))
    }

    fn value(&mut self, depth: usize) -> R<V<'a>> {
        if depth > MAX_DEPTH {
            return Err(NotPlain);
        }
        match self.peek() {
            Some(b'"') => self.string(),
            Some(b'[') => self.array(depth + 1),
            Some(b'{') => self.inline_table(depth + 1),
            Some(b't') => self.word("true", V::Bool(true)),
            Some(b'f') => self.word("false", V::Bool(false)),
            Some(b'0'..=b'9' | b'+' | b'-') => self.number(),
            _ => Err(NotPlain),
        }
    }

    /// After a value: what may follow it (else the value ran into something not plain).
    fn delimited(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'#' | b',' | b']' | b'}')
        )
    }

    fn word(&mut self, w: &str, v: V<'a>) -> R<V<'a>> {
        if self.b[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            if self.delimited() {
                return Ok(v);
            }
        }
        Err(NotPlain)
    }

    /// A basic string without escapes, on one line.
    fn string(&mut self) -> R<V<'a>> {
        self.i += 1;
        if self.peek() == Some(b'"') && self.b.get(self.i + 1) == Some(&b'"') {
            return Err(NotPlain); // multi-line
        }
        let start = self.i;
        loop {
            match self.peek() {
                Some(b'"') => break,
                Some(b'\t') => {}
                None | Some(b'\\' | 0..=0x1f | 0x7f) => return Err(NotPlain),
                _ => {}
            }
            self.i += 1;
        }
        let s = &self.text[start..self.i];
        self.i += 1;
        Ok(V::Str(s))
    }

    /// A decimal integer or float as TOML 1.0 writes them; anything else is not plain.
    fn number(&mut self) -> R<V<'a>> {
        let start = self.i;
        let b = self.b;
        let mut i = start;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        // Digits, one `_` at a time between two digits. Returns the end.
        let digits = |mut i: usize| -> R<usize> {
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(NotPlain);
            }
            i += 1;
            loop {
                match b.get(i) {
                    Some(c) if c.is_ascii_digit() => i += 1,
                    Some(b'_') if b.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 2,
                    _ => return Ok(i),
                }
            }
        };
        let int_start = i;
        i = digits(i)?;
        // No leading zero in the integer part (`0` itself, `0.5`, `0e1` are fine).
        if b[int_start] == b'0' && i - int_start > 1 {
            return Err(NotPlain);
        }
        let mut float = false;
        if b.get(i) == Some(&b'.') {
            float = true;
            i = digits(i + 1)?;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            float = true;
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            i = digits(i)?;
        }
        self.i = i;
        if !self.delimited() {
            return Err(NotPlain);
        }
        let raw = &self.text[start..i];
        let clean;
        let s = if raw.contains('_') {
            clean = raw.replace('_', "");
            clean.as_str()
        } else {
            raw
        };
        if float {
            let f: f64 = s.parse().map_err(|_| NotPlain)?;
            if !f.is_finite() {
                return Err(NotPlain);
            }
            Ok(V::Float(f))
        } else {
            s.parse().map(V::Int).map_err(|_| NotPlain)
        }
    }

    /// White space, new lines and comments between the values of an array.
    fn array_space(&mut self) -> R<()> {
        loop {
            self.ws();
            match self.peek() {
                Some(b'#') => self.comment()?,
                Some(b'\n' | b'\r') => {
                    if !self.newline()? {
                        return Err(NotPlain);
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> R<V<'a>> {
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.array_space()?;
            if self.peek() == Some(b']') {
                self.i += 1;
                return Ok(V::Arr(items));
            }
            items.push(self.value(depth)?);
            self.array_space()?;
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(V::Arr(items));
                }
                _ => return Err(NotPlain),
            }
        }
    }

    /// `{ a = 1, b = 2 }` on one line, without a trailing comma (TOML 1.0).
    fn inline_table(&mut self, depth: usize) -> R<V<'a>> {
        self.i += 1;
        let mut t = Table::new(Made::Inline);
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(V::Tab(t));
        }
        loop {
            self.ws();
            let (k, v) = self.keyval(depth)?;
            if t.has(k) {
                return Err(NotPlain);
            }
            t.push(k, v);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(V::Tab(t));
                }
                _ => return Err(NotPlain),
            }
        }
    }
}

/// The table at `keys`, making the missing ones on the way (implicit): a table is entered, an
/// array of tables by its last table; anything else is not plain.
fn walk<'t, 'a>(root: &'t mut Table<'a>, keys: &[&'a str]) -> R<&'t mut Table<'a>> {
    let mut t = root;
    for &k in keys {
        if !t.has(k) {
            t.push(k, V::Tab(Table::new(Made::Implicit)));
        }
        t = match t.get_mut(k) {
            Some(V::Tab(x)) if x.made != Made::Inline => x,
            Some(V::Aot(v)) => v.last_mut().ok_or(NotPlain)?,
            _ => return Err(NotPlain),
        };
    }
    Ok(t)
}

/// A header starts its table, as TOML allows and toml_edit does it: `[a]` is new, or takes
/// the table an earlier `[a.b]` made on the way (out of its place: it goes in again, last, when
/// finished); `[[a]]` makes the array of tables where it is first named. Anything else (a
/// table defined again, over a value or an inline table) is not plain.
fn start<'a>(root: &mut Table<'a>, keys: &[&'a str], array: bool) -> R<Table<'a>> {
    let (last, path) = keys.split_last().ok_or(NotPlain)?;
    let parent = walk(root, path)?;
    let at = parent.position(last);
    match (at, array) {
        (None, false) => {}
        (None, true) => parent.push(last, V::Aot(Vec::new())),
        (Some(i), false) => match parent.remove(i) {
            V::Tab(mut t) if t.made == Made::Implicit => {
                t.made = Made::Header;
                return Ok(t);
            }
            _ => return Err(NotPlain),
        },
        (Some(i), true) => {
            if !matches!(parent.entries[i].1, V::Aot(_)) {
                return Err(NotPlain);
            }
        }
    }
    Ok(Table::new(Made::Header))
}

/// Puts a finished table into the tree: the document's own lines, a header's table where
/// `start` left room for it.
fn finish<'a>(root: &mut Table<'a>, header: Option<(Vec<&'a str>, bool)>, t: Table<'a>) -> R<()> {
    let Some((keys, array)) = header else {
        // The document's own lines come before any header, so the tree is still empty.
        if !root.entries.is_empty() {
            return Err(NotPlain);
        }
        *root = t;
        return Ok(());
    };
    let (last, path) = keys.split_last().ok_or(NotPlain)?;
    let parent = walk(root, path)?;
    match (parent.get_mut(last), array) {
        (Some(V::Aot(v)), true) => v.push(t),
        (None, false) => parent.push(last, V::Tab(t)),
        _ => return Err(NotPlain),
    }
    Ok(())
}

// Serde: the tree as a deserializer.

type E = de::value::Error;

struct ValueDe<'t, 'a>(&'t V<'a>);
struct TableDe<'t, 'a>(&'t Table<'a>);

impl<'de> Deserializer<'de> for TableDe<'_, 'de> {
    type Error = E;
    fn deserialize_any<W: de::Visitor<'de>>(self, w: W) -> Result<W::Value, E> {
        w.visit_map(Entries(self.0.entries.iter(), None))
    }
    fn deserialize_option<W: de::Visitor<'de>>(self, w: W) -> Result<W::Value, E> {
        w.visit_some(self)
    }
    fn deserialize_newtype_struct<W: de::Visitor<'de>>(
        self,
        _: &'static str,
        w: W,
    ) -> Result<W::Value, E> {
        w.visit_newtype_struct(self)
    }
    fn deserialize_enum<W: de::Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: W,
    ) -> Result<W::Value, E> {
        Err(de::Error::custom("not plain"))
    }
    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> Deserializer<'de> for ValueDe<'_, 'de> {
    type Error = E;
    fn deserialize_any<W: de::Visitor<'de>>(self, w: W) -> Result<W::Value, E> {
        match self.0 {
            V::Str(s) => w.visit_borrowed_str(s),
            V::Int(i) => w.visit_i64(*i),
            V::Float(f) => w.visit_f64(*f),
            V::Bool(b) => w.visit_bool(*b),
            V::Arr(a) => w.visit_seq(Items(a.iter())),
            V::Tab(t) => TableDe(t).deserialize_any(w),
            V::Aot(a) => w.visit_seq(Tables(a.iter())),
        }
    }
    fn deserialize_option<W: de::Visitor<'de>>(self, w: W) -> Result<W::Value, E> {
        w.visit_some(self)
    }
    fn deserialize_newtype_struct<W: de::Visitor<'de>>(
        self,
        _: &'static str,
        w: W,
    ) -> Result<W::Value, E> {
        w.visit_newtype_struct(self)
    }
    fn deserialize_enum<W: de::Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        w: W,
    ) -> Result<W::Value, E> {
        match self.0 {
            // A unit variant by its name, as TOML writes it; a variant with data (a table with
            // one key) is left to the reference.
            V::Str(s) => w.visit_enum((*s).into_deserializer()),
            _ => Err(de::Error::custom("not plain")),
        }
    }
    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Entries<'t, 'a>(std::slice::Iter<'t, (&'a str, V<'a>)>, Option<&'t V<'a>>);

impl<'de, 't> MapAccess<'de> for Entries<'t, 'de> {
    type Error = E;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, E> {
        match self.0.next() {
            None => Ok(None),
            Some((k, v)) => {
                self.1 = Some(v);
                seed.deserialize(de::value::BorrowedStrDeserializer::new(k))
                    .map(Some)
            }
        }
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, E> {
        let v = self.1.take().ok_or_else(|| de::Error::custom("no value"))?;
        seed.deserialize(ValueDe(v))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Items<'t, 'a>(std::slice::Iter<'t, V<'a>>);

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = E;
    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, E> {
        self.0
            .next()
            .map(|v| seed.deserialize(ValueDe(v)))
            .transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Tables<'t, 'a>(std::slice::Iter<'t, Table<'a>>);

impl<'de> SeqAccess<'de> for Tables<'_, 'de> {
    type Error = E;
    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, E> {
        self.0
            .next()
            .map(|t| seed.deserialize(TableDe(t)))
            .transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

#[cfg(test)]
mod tests {
    //! The fast reader against the reference (toml_edit): whatever the fast reader reads, the
    //! reference must read to the same thing — as a generic tree (key order included, which
    //! tests TOML's table rules beyond what a model accepts) and as a model. Expected values
    //! come from the reference, never from the code under test.
    use super::read;
    use crate::model::{Base, Model};
    use crate::parse::reference_toml;
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    fn files(dir: &str) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                (p.display().to_string(), text)
            })
            .collect();
        v.sort();
        v
    }

    /// Checks one text; returns whether the fast reader read it (as a tree).
    fn agree(text: &str) -> bool {
        let tree = read::<serde_json::Value>(text);
        if let Some(t) = &tree {
            let reference = reference_toml::<serde_json::Value>(text)
                .unwrap_or_else(|e| panic!("read {t}, but the reference refuses ({e}):\n{text:?}"));
            // As text, so the order of keys counts too.
            assert_eq!(t.to_string(), reference.to_string(), "{text:?}");
        }
        if let Some(m) = read::<Model>(text) {
            let reference = reference_toml::<Model>(text).unwrap_or_else(|e| {
                panic!("read a model, but the reference refuses ({e}):\n{text:?}")
            });
            assert_eq!(m.to_json(), reference.to_json(), "{text:?}");
        }
        // And the reader callers use gives the reference's answer, error for error.
        let ours = crate::parse::parse_model(text, crate::Format::Toml);
        match (ours, reference_toml::<Model>(text)) {
            (Ok(a), Ok(b)) => assert_eq!(a.to_json(), b.to_json()),
            (Err(a), Err(b)) => assert_eq!(
                (a.code(), a.path().to_string(), a.to_string()),
                (b.code(), b.path().to_string(), b.to_string())
            ),
            (a, b) => panic!("{a:?} vs {b:?} for {text:?}"),
        }
        tree.is_some()
    }

    #[test]
    fn every_example_base_and_test_model_is_read_fast_and_alike() {
        let mut n = 0;
        for dir in [
            "models/examples",
            "core/bases",
            "tests/vectors/models",
            "benches",
        ] {
            for (path, text) in files(dir) {
                assert!(agree(&text));
                n += 1;
                // The bundled examples and bases are plain: the fast reader must take them.
                if dir == "models/examples" {
                    assert!(read::<Model>(&text).is_some(), "{path} not read fast");
                }
                if dir == "core/bases" {
                    let b = read::<Base>(&text).expect("the base is read fast");
                    assert_eq!(b, reference_toml::<Base>(&text).unwrap(), "{path}");
                }
            }
        }
        assert!(n > 25, "{n} files");
    }

    #[test]
    fn the_error_vectors_get_the_references_errors() {
        let text = std::fs::read_to_string(root().join("tests/vectors/errors.json")).unwrap();
        let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        for c in cases.iter().filter(|c| c["format"] == "toml") {
            agree(c["model"].as_str().unwrap());
        }
    }

    /// Documents at the edges of TOML 1.0 and of the plain subset: each is checked against the
    /// reference; the second list must also be read fast (they are plain), the third must not
    /// (TOML 1.1 additions the reference, a TOML 1.0 reader, refuses; and invalid TOML).
    #[test]
    fn tables_keys_and_values_at_the_edges() {
        let plain = [
            "a = 1\nb = -2\nc = +3\nd = 0\ne = -0\nf = 1_000\n",
            "a = 1.5\nb = -0.0\nc = 1e3\nd = 1E-3\ne = 6.626e-34\nf = 1_0.0_1\ng = 0.1\nh = 1e05\n",
            "a = \"x y é ✓\"\nb = \"\"\nc = \"tab\there\"\n",
            "a = true\nb = false\n",
            "a = [1, 2, 3]\nb = []\nc = [\n  1,\n  # note\n  2, # two\n]\nd = [[1], [\"x\"], {}]\n",
            "t = { a = 1, b = { c = \"d\" }, e = [1, 2] }\nu = {}\nv = { a = [\n1, 2] }\n",
            "[a]\nx = 1\n[b]\ny = 2\n[a.c]\nz = 3\n",
            "[a.b.c]\nx = 1\n[a]\ny = 2\n[a.b]\nz = 3\n",
            "[[a]]\nx = 1\n[[a]]\nx = 2\n[a.b]\ny = 3\n[[a.c]]\nz = 4\n",
            "  [ a . b ]  # c\n  x = 1 # d\n\n\n[[ c ]]\n",
            "a = 1\r\nb = [\r\n 2,\r\n]\r\n# x\r\n[t]\r\n",
            "# only a comment",
            "",
            "a = 9223372036854775807\nb = -9223372036854775808\n",
            "a = 1.7976931348623157e308\nb = 5e-324\nc = 1e-400\n",
            "[x-y_z]\n1 = 2\n-- = 3\n",
        ];
        for text in plain {
            assert!(agree(text), "not read fast: {text:?}");
        }
        let not_plain = [
            // TOML 1.1
            "t = { a = 1,\n b = 2 }\n",
            "t = { a = 1, }\n",
            "t = {\n}\n",
            "t = { a = 1 # c\n}\n",
            "s = \"\\e\"\n",
            "s = \"\\x41\"\n",
            "d = 1979-05-27T07:32\n",
            // Invalid in any TOML
            "a = 1\na = 2\n",
            "[a]\n[a]\n",
            "[a]\nb = 1\n[a.b]\n",
            "a = {}\n[a.b]\n",
            "a = []\n[[a]]\n",
            "[[a]]\n[a]\n",
            "[a.b]\n[[a]]\n",
            "[a]\nb = {}\n[a.b.c]\n",
            "a = 01\n",
            "a = 1__0\n",
            "a = _1\n",
            "a = 1.\n",
            "a = .5\n",
            "a = 1e\n",
            "a = 9223372036854775808\n",
            "a = 1e400\n",
            "a = \"x\ny\"\n",
            "a = \"\u{7f}\"\n",
            "a = 1 b = 2\n",
            "a = 1\rb = 2\n",
            "# \u{1} control\n",
            "a = [1 2]\n",
            "a = [1,,2]\n",
            "a = { a = 1 b = 2 }\n",
            "a = { a = 1, a = 2 }\n",
            "[a\n",
            "[[a]\n",
            "[a]]\n",
            "[]\n",
            "a =\n",
            "= 1\n",
            "a = truex\n",
            "a = tru\n",
            // Valid TOML the fast reader leaves to the reference
            "\u{feff}a = 1\n",
            "a.b = 1\n",
            "\"a\" = 1\n",
            "a = 'lit'\n",
            "a = \"\"\"ml\"\"\"\n",
            "a = \"q\\\"q\"\n",
            "a = 0x10\n",
            "a = inf\n",
            "a = nan\n",
            "a = 1979-05-27\n",
            "a = 99999999999999999999\n",
        ];
        for text in not_plain {
            assert!(!agree(text), "read fast: {text:?}");
        }
    }

    #[test]
    fn large_tables_are_indexed_and_still_read_alike() {
        // Many keys in one table (a parameter list, a hostile file): found through the index,
        // in the order written, a repeat still refused, and a header's table taken back out.
        let keys: String = (0..3000).map(|i| format!("k{i} = {i}\n")).collect();
        assert!(agree(&keys));
        assert!(!agree(&format!("{keys}k1500 = 0\n")));
        let headers: String = (0..500).map(|i| format!("[t{i}.x]\n")).collect();
        assert!(agree(&format!(
            "{headers}[t250]\na = 1\n[t499]\n[t0]\nb = 2\n"
        )));
        assert!(!agree(&format!("{headers}[t250]\n[t250]\n")));
    }

    /// A small deterministic generator (xorshift), so the mutations are the same on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    const PIECES: &[&str] = &[
        "\n",
        "\r\n",
        "\r",
        "\t",
        " ",
        "#",
        "\"",
        "'",
        ",",
        "=",
        "[",
        "]",
        "{",
        "}",
        ".",
        "_",
        "0",
        "1",
        "-",
        "+",
        "e",
        "E",
        "\\",
        "\\e",
        "\\x41",
        "\\n",
        "\"\"\"",
        "'''",
        "inf",
        "nan",
        "true",
        "1979-05-27",
        "0x1F",
        "\u{7f}",
        "\u{0}",
        "\u{1b}",
        "é",
        "\u{feff}",
        "[a]\n",
        "[[a]]\n",
        "a = 1\n",
        "x = { y = 1 }\n",
        "[intervention]\n",
        "[[intervention.costs]]\n",
        "horizon = 3\n",
        "9223372036854775808",
        "1_0",
        "1.",
        ".5",
        "{}",
        "[]",
        ",}",
        "\n}",
    ];

    fn mutate(rng: &mut Rng, text: &str) -> String {
        let mut t = text.to_string();
        for _ in 0..1 + rng.below(3) {
            let mut at = rng.below(t.len() + 1);
            while !t.is_char_boundary(at) {
                at -= 1;
            }
            match rng.below(4) {
                0 => t.insert_str(at, PIECES[rng.below(PIECES.len())]),
                1 => {
                    let mut end = (at + 1 + rng.below(8)).min(t.len());
                    while !t.is_char_boundary(end) {
                        end += 1;
                    }
                    t.replace_range(at..end, "");
                }
                2 => {
                    // A line again, elsewhere.
                    let lines: Vec<&str> = t.lines().collect();
                    if !lines.is_empty() {
                        let line = format!("{}\n", lines[rng.below(lines.len())]);
                        let start = t[..at].rfind('\n').map_or(0, |i| i + 1);
                        t.insert_str(start, &line);
                    }
                }
                _ => {
                    let mut end = (at + 1).min(t.len());
                    while !t.is_char_boundary(end) {
                        end += 1;
                    }
                    let piece = PIECES[rng.below(PIECES.len())];
                    t.replace_range(at..end, piece);
                }
            }
        }
        t
    }

    #[test]
    fn mutated_models_are_read_alike() {
        let mut texts: Vec<String> = files("models/examples")
            .into_iter()
            .chain(files("tests/vectors/models"))
            .map(|(_, t)| t)
            .collect();
        texts.push(
            "format = \"ekusia-model/1.1\"\nbase = \"se-2024\"\nhorizon = 3\n\
             [a]\nb = [1, 2.5, \"c\", true, { d = 1 }]\n[[e.f]]\ng = 1\n[e]\nh = 2\n"
                .into(),
        );
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let (mut fast, mut all) = (0, 0);
        // Fewer in a debug build (every reference read is slow there); many in release.
        let rounds = if cfg!(debug_assertions) { 60 } else { 600 };
        for text in &texts {
            for _ in 0..rounds {
                let m = mutate(&mut rng, text);
                all += 1;
                fast += usize::from(agree(&m));
            }
        }
        // The mutations must leave many texts plain, else this compares nothing.
        assert!(fast * 4 > all, "{fast} of {all} read fast");
    }
}
