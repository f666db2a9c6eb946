//! Formulas (SPEC §8.1): `= wage_month * 12`, `= max(0, norm - income) * 12`, `= 32.4%`.
//!
//! A formula is parsed once into an expression tree and evaluated in exact decimals (each
//! operation one rust_decimal operation, in the written order) for the report, or in f64 for
//! the simulation. Parsing never panics on any text: a bad formula is an error with the
//! position (a character index, counting from 1 after the `=`) and what was expected.

use rust_decimal::{Decimal, RoundingStrategy};

/// The longest formula, in characters.
pub(crate) const MAX_FORMULA_CHARS: usize = 1000;
/// The deepest nesting: parentheses, function calls and unary signs each count one level.
pub(crate) const MAX_FORMULA_DEPTH: usize = 64;

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// A function of the formula language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    Min,
    Max,
    Round,
    Floor,
    Ceil,
}

impl Func {
    fn named(name: &str) -> Option<Func> {
        Some(match name {
            "min" => Func::Min,
            "max" => Func::Max,
            "round" => Func::Round,
            "floor" => Func::Floor,
            "ceil" => Func::Ceil,
            _ => return None,
        })
    }

    fn arity_ok(self, n: usize) -> bool {
        match self {
            Func::Min | Func::Max => n >= 2,
            Func::Round => n == 2,
            Func::Floor | Func::Ceil => n == 1,
        }
    }

    fn arity(self) -> &'static str {
        match self {
            Func::Min | Func::Max => "two or more arguments",
            Func::Round => "two arguments (a value and a number of decimals 0–28)",
            Func::Floor | Func::Ceil => "one argument",
        }
    }
}

/// An expression tree.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr {
    /// A number, and where it starts.
    Num(Decimal, usize),
    /// A parameter, and where its name starts.
    Ref(String, usize),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    /// A function, its arguments, and where its name starts.
    Call(Func, Vec<Expr>, usize),
}

/// Why a formula could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ParseError {
    /// Too long or too deep: the `limit` code.
    Limit(String),
    /// Anything else: the `formula` code, with the 1-based position.
    Syntax { at: usize, what: String },
}

/// Why a formula could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum EvalError {
    DivisionByZero {
        at: usize,
    },
    UnknownName(String),
    /// `round`'s n not a whole number 0–28.
    RoundDigits {
        at: usize,
        found: Decimal,
    },
    Overflow,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

/// Parses a formula as written (`"= wage * 12"`): positions in errors count characters of the
/// written text from 1, the `=` included.
pub(crate) fn parse_written(text: &str) -> Result<Expr, ParseError> {
    // The `=` becomes a space: the grammar ignores it, and every position stays the written one.
    parse(&text.replacen('=', " ", 1))
}

/// Parses a formula's text without its `=` (the limit on length counts every character).
pub(crate) fn parse(src: &str) -> Result<Expr, ParseError> {
    let n = src.chars().count();
    if n > MAX_FORMULA_CHARS {
        return Err(ParseError::Limit(format!(
            "a formula may hold at most {MAX_FORMULA_CHARS} characters, this one has {n}"
        )));
    }
    let mut p = Parser {
        chars: src.chars().collect(),
        pos: 0,
        depth: 0,
    };
    let e = p.expr()?;
    p.skip_space();
    if p.pos < p.chars.len() {
        return Err(p.error(format!("unexpected '{}'", p.chars[p.pos])));
    }
    Ok(e)
}

impl Parser {
    fn error(&self, what: String) -> ParseError {
        ParseError::Syntax {
            at: self.pos + 1,
            what,
        }
    }

    fn skip_space(&mut self) {
        while self.pos < self.chars.len() && self.chars[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.chars.get(self.pos).copied()
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_FORMULA_DEPTH {
            return Err(ParseError::Limit(format!(
                "a formula may nest at most {MAX_FORMULA_DEPTH} levels (parentheses, functions, signs)"
            )));
        }
        Ok(())
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.term()?;
        while let Some(c @ ('+' | '-')) = self.peek() {
            self.pos += 1;
            let right = self.term()?;
            let op = if c == '+' { Op::Add } else { Op::Sub };
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        while let Some(c @ ('*' | '/')) = self.peek() {
            self.pos += 1;
            let right = self.unary()?;
            let op = if c == '*' { Op::Mul } else { Op::Div };
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        match self.peek() {
            Some(c @ ('+' | '-')) => {
                self.pos += 1;
                self.enter()?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(if c == '-' {
                    Expr::Neg(Box::new(inner))
                } else {
                    inner
                })
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        match self.peek() {
            None => Err(self.error("expected a number, a name or '(' at the end".into())),
            Some('(') => {
                self.pos += 1;
                self.enter()?;
                let e = self.expr()?;
                self.depth -= 1;
                if self.peek() != Some(')') {
                    return Err(self.error("expected ')'".into()));
                }
                self.pos += 1;
                Ok(e)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => self.number(),
            Some(c) if c.is_ascii_lowercase() => self.name(),
            Some(c) => Err(self.error(format!("unexpected '{c}'"))),
        }
    }

    fn number(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos;
        while self.pos < self.chars.len() && self.chars[self.pos].is_ascii_digit() {
            self.pos += 1;
        }
        if self.pos < self.chars.len() && self.chars[self.pos] == '.' {
            self.pos += 1;
            let frac = self.pos;
            while self.pos < self.chars.len() && self.chars[self.pos].is_ascii_digit() {
                self.pos += 1;
            }
            if self.pos == frac {
                return Err(self.error("expected digits after '.'".into()));
            }
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        if text.starts_with('.') {
            self.pos = start;
            return Err(self.error("a number starts with a digit".into()));
        }
        let out_of_range = || ParseError::Syntax {
            at: start + 1,
            what: format!("the number {text} is beyond the range of exact decimals (28 digits)"),
        };
        let mut d = Decimal::from_str_exact(&text).map_err(|_| out_of_range())?;
        // Spaces are free, before a `%` too.
        if self.peek() == Some('%') {
            self.pos += 1;
            let scale = d.scale() + 2;
            if scale > 28 {
                return Err(out_of_range());
            }
            d.set_scale(scale).map_err(|_| out_of_range())?;
        }
        Ok(Expr::Num(d, start + 1))
    }

    fn name(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos;
        while self.pos < self.chars.len()
            && (self.chars[self.pos].is_ascii_lowercase()
                || self.chars[self.pos].is_ascii_digit()
                || self.chars[self.pos] == '_')
        {
            self.pos += 1;
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        if self.peek() != Some('(') {
            return Ok(Expr::Ref(name, start + 1));
        }
        let Some(func) = Func::named(&name) else {
            self.pos = start;
            return Err(self.error(format!(
                "unknown function '{name}'; the functions are min, max, round, floor and ceil"
            )));
        };
        self.pos += 1;
        self.enter()?;
        let mut args = vec![self.expr()?];
        while self.peek() == Some(',') {
            self.pos += 1;
            args.push(self.expr()?);
        }
        if self.peek() != Some(')') {
            return Err(self.error("expected ',' or ')'".into()));
        }
        self.pos += 1;
        self.depth -= 1;
        if !func.arity_ok(args.len()) {
            return Err(ParseError::Syntax {
                at: start + 1,
                what: format!("{name} takes {}, given {}", func.arity(), args.len()),
            });
        }
        Ok(Expr::Call(func, args, start + 1))
    }
}

impl Expr {
    /// The parameters the expression names, in the order written (with repeats).
    pub(crate) fn refs<'e>(&'e self, out: &mut Vec<(&'e str, usize)>) {
        match self {
            Expr::Num(..) => {}
            Expr::Ref(n, at) => out.push((n, *at)),
            Expr::Neg(e) => e.refs(out),
            Expr::Bin(_, a, b) => {
                a.refs(out);
                b.refs(out);
            }
            Expr::Call(_, args, _) => args.iter().for_each(|a| a.refs(out)),
        }
    }

    /// The exact value: each operation one rust_decimal operation, in the written order.
    pub(crate) fn eval(
        &self,
        value: &dyn Fn(&str) -> Option<Decimal>,
    ) -> Result<Decimal, EvalError> {
        match self {
            Expr::Num(d, _) => Ok(*d),
            Expr::Ref(n, _) => value(n).ok_or_else(|| EvalError::UnknownName(n.clone())),
            Expr::Neg(e) => Ok(-e.eval(value)?),
            Expr::Bin(op, a, b) => {
                let (x, y) = (a.eval(value)?, b.eval(value)?);
                let r = match op {
                    Op::Add => x.checked_add(y),
                    Op::Sub => x.checked_sub(y),
                    Op::Mul => x.checked_mul(y),
                    Op::Div => {
                        if y.is_zero() {
                            return Err(EvalError::DivisionByZero { at: b.start() });
                        }
                        x.checked_div(y)
                    }
                };
                r.ok_or(EvalError::Overflow)
            }
            Expr::Call(f, args, at) => {
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(a.eval(value)?);
                }
                call(*f, &vals, *at)
            }
        }
    }

    /// Where the expression starts (for an error about a divisor).
    fn start(&self) -> usize {
        match self {
            Expr::Ref(_, at) | Expr::Call(_, _, at) | Expr::Num(_, at) => *at,
            Expr::Neg(e) => e.start().saturating_sub(1),
            Expr::Bin(_, a, _) => a.start(),
        }
    }

    /// The value in f64, for the simulation: the same operations, IEEE-exact on every platform
    /// (`round`, `floor` and `ceil` from the pure-Rust libm). A division by zero gives an
    /// infinity or NaN, which the simulation's clamps and statistics carry.
    pub(crate) fn eval_f64(&self, value: &dyn Fn(&str) -> f64) -> f64 {
        match self {
            Expr::Num(d, _) => crate::num::to_f64(*d),
            Expr::Ref(n, _) => value(n),
            Expr::Neg(e) => -e.eval_f64(value),
            Expr::Bin(op, a, b) => {
                let (x, y) = (a.eval_f64(value), b.eval_f64(value));
                match op {
                    Op::Add => x + y,
                    Op::Sub => x - y,
                    Op::Mul => x * y,
                    Op::Div => x / y,
                }
            }
            Expr::Call(f, args, _) => {
                let v: Vec<f64> = args.iter().map(|a| a.eval_f64(value)).collect();
                match f {
                    Func::Min => v
                        .iter()
                        .copied()
                        .fold(v[0], |m, x| if x < m { x } else { m }),
                    Func::Max => v
                        .iter()
                        .copied()
                        .fold(v[0], |m, x| if x > m { x } else { m }),
                    Func::Round => {
                        let p = libm::pow(10.0, v[1]);
                        libm::round(v[0] * p) / p
                    }
                    Func::Floor => libm::floor(v[0]),
                    Func::Ceil => libm::ceil(v[0]),
                }
            }
        }
    }
}

fn call(f: Func, v: &[Decimal], at: usize) -> Result<Decimal, EvalError> {
    Ok(match f {
        // The first of equal values, so a tie gives the same decimal digits either way.
        Func::Min => v
            .iter()
            .copied()
            .fold(v[0], |m, x| if x < m { x } else { m }),
        Func::Max => v
            .iter()
            .copied()
            .fold(v[0], |m, x| if x > m { x } else { m }),
        Func::Round => {
            let n = v[1];
            if !n.fract().is_zero() || n < Decimal::ZERO || n > Decimal::from(28) {
                return Err(EvalError::RoundDigits { at, found: n });
            }
            let digits = u32::try_from(n.mantissa() / 10i128.pow(n.scale())).unwrap_or(0);
            v[0].round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero)
        }
        Func::Floor => v[0].floor(),
        Func::Ceil => v[0].ceil(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn val(src: &str) -> Result<Decimal, EvalError> {
        let vars = |n: &str| match n {
            "wage" => Some(d("27000")),
            "tax" => Some(d("0.3241")),
            "zero" => Some(Decimal::ZERO),
            _ => None,
        };
        parse(src).unwrap().eval(&vars)
    }

    #[test]
    fn grammar_and_exact_values() {
        assert_eq!(val("wage * 12").unwrap(), d("324000"));
        assert_eq!(val(" 5% ").unwrap(), d("0.05"));
        assert_eq!(val("32.41%").unwrap(), d("0.3241"));
        assert_eq!(val("1 - 2 - 3").unwrap(), d("-4"));
        assert_eq!(val("2 * 3 + 4 * 5").unwrap(), d("26"));
        assert_eq!(val("-(1 + 2) * -2").unwrap(), d("6"));
        assert_eq!(val("min(3, 1, 2)").unwrap(), d("1"));
        assert_eq!(val("max(wage * tax, 8000)").unwrap(), d("8750.7"));
        assert_eq!(val("round(2.5, 0)").unwrap(), d("3"));
        assert_eq!(val("round(-2.5, 0)").unwrap(), d("-3"));
        assert_eq!(val("round(1/3, 4)").unwrap(), d("0.3333"));
        assert_eq!(val("floor(1/3*3)").unwrap(), d("0"));
        assert_eq!(val("floor(1*3/3)").unwrap(), d("1"));
        assert_eq!(val("ceil(-1.5)").unwrap(), d("-1"));
        assert_eq!(val("1/3").unwrap(), d("0.3333333333333333333333333333"));
    }

    #[test]
    fn errors_say_where() {
        let syntax = |s: &str| match parse(s) {
            Err(ParseError::Syntax { at, .. }) => at,
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(syntax("1 +"), 4);
        assert_eq!(syntax("(1"), 3);
        assert_eq!(syntax("sqrt(4)"), 1);
        assert_eq!(syntax("round(1)"), 1);
        assert_eq!(syntax("1 $ 2"), 3);
        assert_eq!(syntax("6%%"), 3);
        assert_eq!(val("6 %").unwrap(), d("0.06"));
        assert_eq!(syntax(""), 1);
        assert_eq!(syntax("1e5"), 2);
        assert!(matches!(
            parse(&"1+".repeat(600)),
            Err(ParseError::Limit(_))
        ));
        assert!(matches!(
            parse(&format!("{}1{}", "(".repeat(65), ")".repeat(65))),
            Err(ParseError::Limit(_))
        ));
        assert!(parse(&format!("{}1{}", "(".repeat(64), ")".repeat(64))).is_ok());
        assert!(matches!(parse(&"-".repeat(65)), Err(ParseError::Limit(_))));
        assert_eq!(val("wage / zero"), Err(EvalError::DivisionByZero { at: 8 }));
        assert_eq!(val("nope + 1"), Err(EvalError::UnknownName("nope".into())));
        assert!(matches!(
            val("round(1, 29)"),
            Err(EvalError::RoundDigits { .. })
        ));
        assert!(matches!(
            val("round(1, 0.5)"),
            Err(EvalError::RoundDigits { .. })
        ));
        assert_eq!(
            val("79228162514264337593543950335 * 2"),
            Err(EvalError::Overflow)
        );
    }

    proptest! {
        /// Any text parses to an expression or an error, never a panic; what parses evaluates
        /// to a value or an error, never a panic.
        #[test]
        fn any_text_is_a_formula_or_an_error(s in "[ -~]{0,200}") {
            if let Ok(e) = parse(&s) {
                let _ = e.eval(&|_| Some(Decimal::ONE));
                let _ = e.eval_f64(&|_| 1.0);
            }
        }

        #[test]
        fn formula_like_text_never_panics(s in "[0-9a-z_.,%()+*/ -]{0,300}") {
            if let Ok(e) = parse(&s) {
                let _ = e.eval(&|_| Some(Decimal::new(7, 1)));
            }
        }
    }

    #[test]
    fn huge_and_deep_inputs_are_quick_errors() {
        assert!(matches!(
            parse_written("= (1"),
            Err(ParseError::Syntax { at: 5, .. })
        ));
        let long = "1+".repeat(50_000);
        assert!(matches!(parse(&long), Err(ParseError::Limit(_))));
        let digits = "9".repeat(500);
        assert!(matches!(parse(&digits), Err(ParseError::Syntax { .. })));
    }
}
