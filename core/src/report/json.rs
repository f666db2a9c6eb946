//! The report's JSON text, written straight into one buffer.
//!
//! The bytes are exactly serde_json's `to_string_pretty` of the derived `Serialize` (two-space
//! indent, `": "` after a key, `[]`/`{}` for empty lists and maps, serde_json's string
//! escapes): a test writes every golden report both ways and compares. Writing by hand is
//! about three times faster than going through serde's serializer, and every CLI call, wasm
//! call and page update writes a report. When a field is added to a report struct, add it
//! here in the same place: the comparison test fails until then.

use super::{
    BreakdownEntry, CostBreakdownEntry, GroupReport, GroupRow, Milestone, Names, OutcomeReport,
    OutcomeYear, ParameterValue, Report, ReportModel, Row, RowKind, SuccessSetting, YearRow,
};
use rust_decimal::Decimal;

/// Two spaces per level, enough for the report's deepest nesting.
const SPACES: &[u8; 64] = b"                                                                ";

/// A pretty-printing JSON writer: one flag per open level says whether it has a value yet.
pub(super) struct Out {
    buf: Vec<u8>,
    depth: usize,
    has_value: bool,
}

impl Out {
    pub(super) fn with_capacity(n: usize) -> Out {
        Out {
            buf: Vec::with_capacity(n),
            depth: 0,
            has_value: false,
        }
    }

    pub(super) fn into_string(mut self) -> String {
        self.buf.push(b'\n');
        String::from_utf8(self.buf).expect("the writer writes UTF-8")
    }

    fn newline_indent(&mut self) {
        self.buf.push(b'\n');
        let mut n = self.depth * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.buf.extend_from_slice(&SPACES[..k]);
            n -= k;
        }
    }

    /// Before a value inside an object or a list: the comma and the new line.
    fn next(&mut self) {
        if self.has_value {
            self.buf.push(b',');
        }
        self.newline_indent();
        self.has_value = true;
    }

    fn open(&mut self, c: u8) {
        self.buf.push(c);
        self.depth += 1;
        self.has_value = false;
    }

    fn close(&mut self, c: u8) {
        self.depth -= 1;
        if self.has_value {
            self.newline_indent();
        }
        self.buf.push(c);
        // The container itself is a value of its parent.
        self.has_value = true;
    }

    /// `"key": ` (a key of the report's own, which never needs escaping).
    fn key(&mut self, k: &str) {
        debug_assert!(!k.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20));
        self.next();
        self.buf.push(b'"');
        self.buf.extend_from_slice(k.as_bytes());
        self.buf.extend_from_slice(b"\": ");
    }

    /// A string with serde_json's escapes.
    fn string(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.buf.push(b'"');
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let esc: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                0..=0x1f => {
                    self.buf.extend_from_slice(&bytes[start..i]);
                    self.buf.extend_from_slice(b"\\u00");
                    self.buf.push(HEX[(b >> 4) as usize]);
                    self.buf.push(HEX[(b & 0xf) as usize]);
                    start = i + 1;
                    continue;
                }
                _ => continue,
            };
            self.buf.extend_from_slice(&bytes[start..i]);
            self.buf.extend_from_slice(esc);
            start = i + 1;
        }
        self.buf.extend_from_slice(&bytes[start..]);
        self.buf.push(b'"');
    }

    fn dec(&mut self, d: &Decimal) {
        self.buf.push(b'"');
        super::dec::write(d, &mut self.buf);
        self.buf.push(b'"');
    }

    fn opt_dec(&mut self, d: &Option<Decimal>) {
        match d {
            Some(d) => self.dec(d),
            None => self.null(),
        }
    }

    fn uint(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.buf.extend_from_slice(&digits[at..]);
    }

    fn int(&mut self, n: i64) {
        if n < 0 {
            self.buf.push(b'-');
        }
        self.uint(n.unsigned_abs());
    }

    fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
    }

    fn field_str(&mut self, k: &str, s: &str) {
        self.key(k);
        self.string(s);
    }

    fn field_dec(&mut self, k: &str, d: &Decimal) {
        self.key(k);
        self.dec(d);
    }

    fn field_opt_dec(&mut self, k: &str, d: &Option<Decimal>) {
        self.key(k);
        self.opt_dec(d);
    }

    fn field_uint(&mut self, k: &str, n: u64) {
        self.key(k);
        self.uint(n);
    }

    /// A list of objects: `[]` when empty.
    fn list<T>(&mut self, k: &str, items: &[T], mut each: impl FnMut(&mut Out, &T)) {
        self.key(k);
        self.open(b'[');
        for x in items {
            self.next();
            each(self, x);
        }
        self.close(b']');
    }

    fn names(&mut self, k: &str, n: &Names) {
        self.key(k);
        self.open(b'{');
        self.field_str("sv", &n.sv);
        self.field_str("en", &n.en);
        self.close(b'}');
    }

    pub(super) fn report(&mut self, r: &Report) {
        self.open(b'{');
        self.field_str("format", &r.format);
        self.key("model");
        self.model(&r.model);
        self.key("warnings");
        self.open(b'[');
        for w in &r.warnings {
            self.next();
            self.string(w);
        }
        self.close(b']');
        self.list("rows", &r.rows, Out::row);
        self.list("groups", &r.groups, Out::group);
        self.list("outcomes", &r.outcomes, Out::outcome);
        self.close(b'}');
    }

    fn model(&mut self, m: &ReportModel) {
        self.open(b'{');
        self.field_str("name", &m.name);
        self.field_str("currency", &m.currency);
        self.key("price_year");
        match m.price_year {
            Some(y) => self.int(y),
            None => self.null(),
        }
        self.field_uint("horizon", m.horizon as u64);
        self.key("discount_rates");
        self.open(b'[');
        for d in &m.discount_rates {
            self.next();
            self.dec(d);
        }
        self.close(b']');
        self.field_uint("participants", m.participants);
        self.field_dec("attribution", &m.attribution);
        self.key("success");
        match &m.success {
            Some(s) => self.success(s),
            None => self.null(),
        }
        self.list("parameters", &m.parameters, Out::parameter);
        self.close(b'}');
    }

    fn success(&mut self, s: &SuccessSetting) {
        self.open(b'{');
        self.field_str("from", &s.from);
        self.field_str("to", &s.to);
        self.field_uint("years", s.years as u64);
        self.close(b'}');
    }

    fn parameter(&mut self, p: &ParameterValue) {
        self.open(b'{');
        self.field_str("id", &p.id);
        self.field_dec("value", &p.value);
        self.close(b'}');
    }

    fn row(&mut self, r: &Row) {
        self.open(b'{');
        self.field_str("id", &r.id);
        self.field_str("name", &r.name);
        self.names("names", &r.names);
        self.field_str(
            "kind",
            match r.kind {
                RowKind::Public => "public",
                RowKind::Individual => "individual",
                RowKind::Other => "other",
                RowKind::Aggregate => "aggregate",
            },
        );
        self.field_dec("pv_effect", &r.pv_effect);
        self.field_dec("pv_cost", &r.pv_cost);
        self.field_dec("npv", &r.npv);
        self.field_opt_dec("bcr", &r.bcr);
        self.field_opt_dec("roi", &r.roi);
        self.key("payback_year");
        match r.payback_year {
            Some(y) => self.uint(y as u64),
            None => self.null(),
        }
        self.field_opt_dec("break_even_effect", &r.break_even_effect);
        self.field_opt_dec("npv_per_participant", &r.npv_per_participant);
        self.field_opt_dec("success_value", &r.success_value);
        self.field_opt_dec("break_even_successes", &r.break_even_successes);
        self.field_opt_dec("fair_cost_share", &r.fair_cost_share);
        self.field_opt_dec("payback_months", &r.payback_months);
        self.field_opt_dec("pv_cost_per_participant", &r.pv_cost_per_participant);
        self.field_opt_dec("potential", &r.potential);
        self.field_opt_dec("efficiency", &r.efficiency);
        self.list("milestones", &r.milestones, Out::milestone);
        self.list("breakdown", &r.breakdown, Out::breakdown);
        self.list("cost_breakdown", &r.cost_breakdown, Out::cost_breakdown);
        self.list("years", &r.years, Out::year);
        self.close(b'}');
    }

    fn milestone(&mut self, m: &Milestone) {
        self.open(b'{');
        self.field_uint("years", m.years as u64);
        self.field_dec("pv_effect", &m.pv_effect);
        self.field_dec("pv_cost", &m.pv_cost);
        self.field_dec("npv", &m.npv);
        self.close(b'}');
    }

    fn breakdown(&mut self, b: &BreakdownEntry) {
        self.open(b'{');
        self.field_str("type", &b.kind);
        self.key("category");
        match &b.category {
            Some(c) => self.string(c),
            None => self.null(),
        }
        self.field_dec("pv_effect", &b.pv_effect);
        self.close(b'}');
    }

    fn cost_breakdown(&mut self, c: &CostBreakdownEntry) {
        self.open(b'{');
        self.field_str("name", &c.name);
        self.field_dec("pv_cost", &c.pv_cost);
        self.close(b'}');
    }

    fn year(&mut self, y: &YearRow) {
        self.open(b'{');
        self.field_uint("year", y.year as u64);
        self.field_dec("discount_factor", &y.discount_factor);
        self.field_dec("with", &y.with);
        self.field_dec("without", &y.without);
        self.field_dec("effect", &y.effect);
        self.field_dec("cost", &y.cost);
        self.field_dec("net", &y.net);
        self.field_dec("pv_net", &y.pv_net);
        self.field_dec("cumulative_pv_net", &y.cumulative_pv_net);
        self.close(b'}');
    }

    fn group(&mut self, g: &GroupReport) {
        self.open(b'{');
        self.field_str("id", &g.id);
        self.field_str("name", &g.name);
        self.names("names", &g.names);
        self.field_uint("participants", g.participants);
        self.list("rows", &g.rows, Out::group_row);
        self.close(b'}');
    }

    fn group_row(&mut self, r: &GroupRow) {
        self.open(b'{');
        self.field_str("id", &r.id);
        self.field_dec("pv_effect", &r.pv_effect);
        self.field_opt_dec("pv_effect_per_participant", &r.pv_effect_per_participant);
        self.close(b'}');
    }

    fn outcome(&mut self, o: &OutcomeReport) {
        self.open(b'{');
        self.field_str("id", &o.id);
        self.field_str("name", &o.name);
        self.names("names", &o.names);
        match &o.unit {
            Some(u) => self.names("unit", u),
            None => {
                self.key("unit");
                self.null();
            }
        }
        self.field_dec("with", &o.with);
        self.field_dec("without", &o.without);
        self.field_dec("effect", &o.effect);
        self.field_dec("pv_effect", &o.pv_effect);
        self.key("net_cost_per_unit");
        self.open(b'{');
        for (id, v) in &o.net_cost_per_unit {
            // Map keys are data (row ids): escaped like any string.
            self.next();
            self.string(id);
            self.buf.extend_from_slice(b": ");
            self.opt_dec(&v.0);
        }
        self.close(b'}');
        self.list("years", &o.years, Out::outcome_year);
        self.close(b'}');
    }

    fn outcome_year(&mut self, y: &OutcomeYear) {
        self.open(b'{');
        self.field_uint("year", y.year as u64);
        self.field_dec("discount_factor", &y.discount_factor);
        self.field_dec("with", &y.with);
        self.field_dec("without", &y.without);
        self.field_dec("effect", &y.effect);
        self.close(b'}');
    }
}
