//! What every validation step shares: the list of problems and warnings, and the checks of
//! single values (whole numbers in a range, amounts, distributions, ids, references).

use crate::error::{ErrorCode, Problem};
use crate::messages::Msg;
use crate::num::{DistKind, Distribution, Num, Param};
use crate::suggest::suggestion;
use crate::values;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The largest money amount a model may hold (SPEC §2).
pub(crate) const MAX_AMOUNT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// Problems and warnings found so far.
#[derive(Default)]
pub(crate) struct Ctx {
    pub(crate) problems: Vec<Problem>,
    pub(crate) warnings: Vec<String>,
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
        path: &str,
        field: &str,
        min: i64,
        max: i64,
        over: ErrorCode,
    ) -> Option<i64> {
        let d = n.value();
        if d.fract() != Decimal::ZERO {
            self.err(
                ErrorCode::InvalidRange,
                path,
                Msg::WholeNumber,
                values![field = field, found = n],
            );
            return None;
        }
        if d < Decimal::from(min) {
            self.err(
                ErrorCode::InvalidRange,
                path,
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
                path,
                key,
                values![field = field, max = max, found = n],
            );
            return None;
        }
        d.to_i64()
    }

    /// A year or count field: a whole number from `min`, without a useful upper bound.
    pub(crate) fn year(&mut self, n: Num, path: &str, field: &str, min: i64) -> Option<i64> {
        self.whole(n, path, field, min, i64::MAX / 2, ErrorCode::InvalidRange)
    }

    /// Checks a distribution's fields for its kind; returns the point value of the parameter.
    pub(crate) fn param(&mut self, p: &Param, path: &str) -> Decimal {
        if let Param::Dist(d) = p {
            self.dist(d, path);
        }
        p.point()
    }

    fn dist(&mut self, d: &Distribution, path: &str) {
        let fields: [(&str, Option<Num>); 5] = [
            ("min", d.min),
            ("mode", d.mode),
            ("max", d.max),
            ("mean", d.mean),
            ("sd", d.sd),
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
                (true, None) => {
                    complete = false;
                    self.err(
                        ErrorCode::Schema,
                        format!("{path}.{name}"),
                        Msg::DistNeeds,
                        values![dist = kind, field = name],
                    );
                }
                (false, Some(_)) => self.err(
                    ErrorCode::Schema,
                    format!("{path}.{name}"),
                    Msg::DistHasNo,
                    values![dist = kind, field = name, takes = needed.join(", ")],
                ),
                _ => {}
            }
        }
        if complete {
            self.dist_order(d, path);
        }
    }

    /// min ≤ mode ≤ max, and sd ≥ 0.
    fn dist_order(&mut self, d: &Distribution, path: &str) {
        let g = |n: Option<Num>| n.map(Num::value).unwrap_or_default();
        let (min, mode, max) = (g(d.min), g(d.mode), g(d.max));
        let has_mode = matches!(d.dist, DistKind::Triangular | DistKind::Pert);
        match d.dist {
            DistKind::Triangular | DistKind::Pert | DistKind::Uniform => {
                if min > max {
                    self.err(
                        ErrorCode::InvalidRange,
                        format!("{path}.min"),
                        Msg::MinAboveMax,
                        values![min = min, max = max],
                    );
                } else if has_mode && (mode < min || mode > max) {
                    self.err(
                        ErrorCode::InvalidRange,
                        format!("{path}.mode"),
                        Msg::ModeOutside,
                        values![mode = mode, min = min, max = max],
                    );
                }
            }
            DistKind::Normal => {
                if g(d.sd) < Decimal::ZERO {
                    self.err(
                        ErrorCode::InvalidRange,
                        format!("{path}.sd"),
                        Msg::NegativeSd,
                        values![found = g(d.sd)],
                    );
                }
            }
        }
    }

    /// A money amount: non-negative and at most 10^12 (its point value, for a distribution).
    /// `None` when it breaks either rule, so that nothing sums an amount already reported.
    pub(crate) fn amount(&mut self, p: &Param, path: &str, field: &str) -> Option<Decimal> {
        let d = self.param(p, path);
        if d < Decimal::ZERO {
            self.err(
                ErrorCode::NegativeAmount,
                path,
                Msg::NegativeAmount,
                values![field = field, found = Num(d)],
            );
            None
        } else if d > MAX_AMOUNT {
            self.err(
                ErrorCode::Limit,
                path,
                Msg::AmountTooLarge,
                values![field = field, found = Num(d)],
            );
            None
        } else {
            Some(d)
        }
    }

    /// A share in [0, 1].
    pub(crate) fn share(&mut self, p: &Param, path: &str) -> Option<Decimal> {
        let d = self.param(p, path);
        if d < Decimal::ZERO || d > Decimal::ONE {
            self.err(
                ErrorCode::InvalidShare,
                path,
                Msg::ShareRange,
                values![found = p],
            );
            None
        } else {
            Some(d)
        }
    }

    /// An id of lowercase letters, digits and `_`.
    pub(crate) fn id_ok(&mut self, id: &str, path: &str) {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            self.err(ErrorCode::Schema, path, Msg::IdChars, values![id = id]);
        }
    }

    /// The index of a state or actor id, or an `unknown_reference` problem with a suggestion
    /// (or, when nothing is near, the list of known ids).
    pub(crate) fn lookup(
        &mut self,
        index: &HashMap<&str, usize>,
        kind: Kind,
        id: &str,
        path: &str,
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
                path,
                Msg::UnknownState,
                values![found = id, suggestion = s],
            ),
            (Some(s), Kind::Actor) => self.err(
                code,
                path,
                Msg::UnknownActor,
                values![found = id, suggestion = s],
            ),
            (None, Kind::State) => self.err(
                code,
                path,
                Msg::UnknownStateList,
                values![found = id, known = known.join(", ")],
            ),
            (None, Kind::Actor) => self.err(
                code,
                path,
                Msg::UnknownActorList,
                values![found = id, known = known.join(", ")],
            ),
        }
        None
    }
}
