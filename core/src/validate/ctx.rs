//! What every validation step shares: the list of problems and warnings, and the checks of
//! single values (whole numbers in a range, amounts, distributions, ids, references).

use crate::error::{ErrorCode, Problem};
use crate::formula;
use crate::messages::Msg;
use crate::num::{DistKind, Distribution, Num, Param, Resolved, Value};
use crate::suggest::suggestion;
use crate::values;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::HashMap;

/// The largest money amount a model may hold (SPEC §2).
pub(crate) const MAX_AMOUNT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// Problems and warnings found so far, and the parameters' values formulas read.
#[derive(Default)]
pub(crate) struct Ctx {
    pub(crate) problems: Vec<Problem>,
    pub(crate) warnings: Vec<String>,
    /// Every parameter's value; a parameter whose own formula failed is absent (its problem is
    /// already recorded, so formulas that use it fail quietly).
    /// (Borrowed from a bundled base resolved once, when the model has no parameters.)
    pub(crate) params: Cow<'static, HashMap<String, Decimal>>,
    /// Every parameter id, valid or not, for "unknown parameter" and its suggestion.
    pub(crate) param_ids: Cow<'static, [String]>,
}

/// Where a value is, for a problem's path: text, or a closure that writes it. Validation runs
/// for every model and finds no problem in most, so the hot checks take a closure and write the
/// path only when they record a problem (issue 17: writing paths was a quarter of validating).
pub(crate) trait At {
    fn at(&self) -> String;
}

impl At for str {
    fn at(&self) -> String {
        self.to_owned()
    }
}

impl At for String {
    fn at(&self) -> String {
        self.clone()
    }
}

impl<F: Fn() -> String> At for F {
    fn at(&self) -> String {
        self()
    }
}

/// What an id names, for "unknown … — did you mean" messages.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    State,
    Actor,
}

impl Ctx {
    /// Records a problem.
    pub(crate) fn err<K: Into<String>, V: ToString>(
        &mut self,
        code: ErrorCode,
        path: impl Into<String>,
        key: Msg,
        values: impl IntoIterator<Item = (K, V)>,
    ) {
        self.problems.push(Problem::new(code, path, key, values));
    }

    /// How many problems are recorded (to see whether a step added any).
    pub(crate) fn count(&self) -> usize {
        self.problems.len()
    }

    /// A whole number in [min, max]; `over` is the code used above `max` (`limit` where `max`
    /// is one of the format's limits).
    pub(crate) fn whole(
        &mut self,
        n: Num,
        path: &(impl At + ?Sized),
        field: &str,
        min: i64,
        max: i64,
        over: ErrorCode,
    ) -> Option<i64> {
        let d = n.value();
        if d.fract() != Decimal::ZERO {
            self.err(
                ErrorCode::InvalidRange,
                path.at(),
                Msg::WholeNumber,
                values![field = field, found = n],
            );
            return None;
        }
        if d < Decimal::from(min) {
            self.err(
                ErrorCode::InvalidRange,
                path.at(),
                Msg::AtLeast,
                values![field = field, min = min, found = n],
            );
            return None;
        }
        if d > Decimal::from(max) {
            let key = if over == ErrorCode::Limit {
                Msg::AtMostLimit
            } else {
                Msg::AtMost
            };
            self.err(
                over,
                path.at(),
                key,
                values![field = field, max = max, found = n],
            );
            return None;
        }
        d.to_i64()
    }

    /// A year or count field: a whole number from `min`, without a useful upper bound.
    pub(crate) fn year(
        &mut self,
        n: Num,
        path: &(impl At + ?Sized),
        field: &str,
        min: i64,
    ) -> Option<i64> {
        self.whole(n, path, field, min, i64::MAX / 2, ErrorCode::InvalidRange)
    }

    /// The value of a number or formula; `None` after recording why it has none.
    pub(crate) fn value(&mut self, v: &Value, path: &(impl At + ?Sized)) -> Option<Decimal> {
        match v {
            Value::Num(n) => Some(n.value()),
            Value::Formula(text) => self.formula(text, path),
        }
    }

    /// A formula's value, evaluated with the parameters (SPEC §8.1).
    pub(crate) fn formula(&mut self, text: &str, path: &(impl At + ?Sized)) -> Option<Decimal> {
        let expr = match formula::parse_written(text) {
            Ok(e) => e,
            Err(e) => {
                self.formula_problem(e, path);
                return None;
            }
        };
        let mut refs = Vec::new();
        expr.refs(&mut refs);
        let mut known = true;
        for (name, _) in refs {
            if !self.params.contains_key(name) {
                known = false;
                if !self.param_ids.iter().any(|p| p == name) {
                    let near = suggestion(name, self.param_ids.iter().map(String::as_str))
                        .unwrap_or_default();
                    self.err(
                        ErrorCode::UnknownReference,
                        path.at(),
                        Msg::UnknownParameter,
                        values![found = name, suggestion = near],
                    );
                }
            }
        }
        if !known {
            return None;
        }
        let params = &self.params;
        match expr.eval(&|n| params.get(n).copied()) {
            Ok(d) => Some(d),
            Err(e) => {
                self.eval_problem(e, path);
                None
            }
        }
    }

    pub(crate) fn formula_problem(&mut self, e: formula::ParseError, path: &(impl At + ?Sized)) {
        match e {
            formula::ParseError::Limit(detail) => self.err(
                ErrorCode::Limit,
                path.at(),
                Msg::FormulaLimit,
                values![detail = detail],
            ),
            formula::ParseError::Syntax { at, what } => self.err(
                ErrorCode::Formula,
                path.at(),
                Msg::FormulaSyntax,
                values![at = at, detail = what],
            ),
        }
    }

    pub(crate) fn eval_problem(&mut self, e: formula::EvalError, path: &(impl At + ?Sized)) {
        match e {
            formula::EvalError::DivisionByZero { at } => self.err(
                ErrorCode::DivisionByZero,
                path.at(),
                Msg::DivisionByZero,
                values![at = at],
            ),
            formula::EvalError::RoundDigits { found, .. } => self.err(
                ErrorCode::Formula,
                path.at(),
                Msg::RoundDigits,
                values![found = found.normalize()],
            ),
            formula::EvalError::Overflow => {
                self.err(ErrorCode::Overflow, path.at(), Msg::Overflow, values![])
            }
            formula::EvalError::UnknownName(n) => self.err(
                ErrorCode::UnknownReference,
                path.at(),
                Msg::UnknownParameter,
                values![found = n, suggestion = ""],
            ),
        }
    }

    /// A distribution with its fields' values (formulas evaluated).
    pub(crate) fn resolved(&mut self, d: &Distribution, path: &(impl At + ?Sized)) -> Resolved {
        let mut get = |v: &Option<Value>, name: &str| -> Decimal {
            v.as_ref()
                .and_then(|v| self.value(v, &|| format!("{}.{name}", path.at())))
                .unwrap_or_default()
        };
        Resolved {
            dist: d.dist,
            min: get(&d.min, "min"),
            mode: get(&d.mode, "mode"),
            max: get(&d.max, "max"),
            mean: get(&d.mean, "mean"),
            sd: get(&d.sd, "sd"),
        }
    }

    /// The value the report uses (a distribution's point value, a formula's value), after
    /// checking a distribution's fields; 0 after recording why there is none.
    pub(crate) fn param(&mut self, p: &Param, path: &(impl At + ?Sized)) -> Decimal {
        match p {
            Param::Point(n) => n.value(),
            Param::Formula(text) => self.formula(text, path).unwrap_or_default(),
            Param::Dist(d) => {
                let before = self.count();
                let r = self.resolved(d, path);
                if self.count() == before {
                    self.check_dist(d, &r, path);
                }
                r.point()
            }
        }
    }

    /// A distribution's fields for its kind, and their order.
    pub(crate) fn check_dist(&mut self, d: &Distribution, r: &Resolved, path: &(impl At + ?Sized)) {
        let fields: [(&str, bool); 5] = [
            ("min", d.min.is_some()),
            ("mode", d.mode.is_some()),
            ("max", d.max.is_some()),
            ("mean", d.mean.is_some()),
            ("sd", d.sd.is_some()),
        ];
        let needed: &[&str] = match d.dist {
            DistKind::Triangular | DistKind::Pert => &["min", "mode", "max"],
            DistKind::Uniform => &["min", "max"],
            DistKind::Normal => &["mean", "sd"],
        };
        let kind = d.dist.as_str();
        let mut complete = true;
        for (name, value) in fields {
            match (needed.contains(&name), value) {
                (true, false) => {
                    complete = false;
                    self.err(
                        ErrorCode::Schema,
                        format!("{}.{name}", path.at()),
                        Msg::DistNeeds,
                        values![dist = kind, field = name],
                    );
                }
                (false, true) => self.err(
                    ErrorCode::Schema,
                    format!("{}.{name}", path.at()),
                    Msg::DistHasNo,
                    values![dist = kind, field = name, takes = needed.join(", ")],
                ),
                _ => {}
            }
        }
        if complete {
            self.dist_order(r, path);
        }
    }

    /// min ≤ mode ≤ max, and sd ≥ 0.
    fn dist_order(&mut self, d: &Resolved, path: &(impl At + ?Sized)) {
        let (min, mode, max) = (d.min, d.mode, d.max);
        let has_mode = matches!(d.dist, DistKind::Triangular | DistKind::Pert);
        match d.dist {
            DistKind::Triangular | DistKind::Pert | DistKind::Uniform => {
                if min > max {
                    self.err(
                        ErrorCode::InvalidRange,
                        format!("{}.min", path.at()),
                        Msg::MinAboveMax,
                        values![min = min, max = max],
                    );
                } else if has_mode && (mode < min || mode > max) {
                    self.err(
                        ErrorCode::InvalidRange,
                        format!("{}.mode", path.at()),
                        Msg::ModeOutside,
                        values![mode = mode, min = min, max = max],
                    );
                }
            }
            DistKind::Normal => {
                if d.sd < Decimal::ZERO {
                    self.err(
                        ErrorCode::InvalidRange,
                        format!("{}.sd", path.at()),
                        Msg::NegativeSd,
                        values![found = d.sd.normalize()],
                    );
                }
            }
        }
    }

    /// A money amount: non-negative and at most 10^12 (its point value, for a distribution).
    /// `None` when it breaks either rule, so that nothing sums an amount already reported.
    pub(crate) fn amount(
        &mut self,
        p: &Param,
        path: &(impl At + ?Sized),
        field: &str,
    ) -> Option<Decimal> {
        let d = self.param(p, path);
        if d < Decimal::ZERO {
            self.err(
                ErrorCode::NegativeAmount,
                path.at(),
                Msg::NegativeAmount,
                values![field = field, found = Num(d)],
            );
            None
        } else if d > MAX_AMOUNT {
            self.err(
                ErrorCode::Limit,
                path.at(),
                Msg::AmountTooLarge,
                values![field = field, found = Num(d)],
            );
            None
        } else {
            Some(d)
        }
    }

    /// A share in [0, 1].
    pub(crate) fn share(&mut self, p: &Param, path: &(impl At + ?Sized)) -> Option<Decimal> {
        let d = self.param(p, path);
        if d < Decimal::ZERO || d > Decimal::ONE {
            self.err(
                ErrorCode::InvalidShare,
                path.at(),
                Msg::ShareRange,
                values![found = p],
            );
            None
        } else {
            Some(d)
        }
    }

    /// An id of lowercase letters, digits and `_`.
    pub(crate) fn id_ok(&mut self, id: &str, path: &(impl At + ?Sized)) {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            self.err(ErrorCode::Schema, path.at(), Msg::IdChars, values![id = id]);
        }
    }

    /// The index of a state or actor id, or an `unknown_reference` problem with a suggestion
    /// (or, when nothing is near, the list of known ids).
    pub(crate) fn lookup(
        &mut self,
        index: &HashMap<&str, usize>,
        kind: Kind,
        id: &str,
        path: &(impl At + ?Sized),
    ) -> Option<usize> {
        if let Some(&i) = index.get(id) {
            return Some(i);
        }
        let mut known: Vec<&str> = index.keys().copied().collect();
        known.sort_unstable();
        let code = ErrorCode::UnknownReference;
        match (suggestion(id, known.iter().copied()), kind) {
            (Some(s), Kind::State) => self.err(
                code,
                path.at(),
                Msg::UnknownState,
                values![found = id, suggestion = s],
            ),
            (Some(s), Kind::Actor) => self.err(
                code,
                path.at(),
                Msg::UnknownActor,
                values![found = id, suggestion = s],
            ),
            (None, Kind::State) => self.err(
                code,
                path.at(),
                Msg::UnknownStateList,
                values![found = id, known = known.join(", ")],
            ),
            (None, Kind::Actor) => self.err(
                code,
                path.at(),
                Msg::UnknownActorList,
                values![found = id, known = known.join(", ")],
            ),
        }
        None
    }
}
