//! The simulation and the tornado as terminal tables.

use super::table::{right, terminal_table};
use super::{plain, Labels};
use crate::format::{money, number};
use crate::lang::Lang;
use crate::sensitivity::{Method, Sensitivity};
use crate::sim::{Quantiles, Simulation};
use comfy_table::Cell;
use rust_decimal::Decimal;

/// The simulation summary as a terminal table: per row the mean, spread, percentiles and the
/// probability that npv > 0.
pub fn simulation_table(sim: &Simulation, currency: &str, lang: Lang) -> String {
    let l = Labels::new(lang);
    let mut t = terminal_table(vec![
        l.t("Aktör", "Actor"),
        l.t("Medelvärde NNV", "Mean NPV"),
        l.t("Std.avvikelse", "Std. dev."),
        "P5",
        "P50",
        "P95",
        l.t("P(NNV > 0)", "P(NPV > 0)"),
    ]);
    let cur = currency;
    let dec = |x: f64| Decimal::from_f64_retain(x).unwrap_or_default();
    for r in &sim.rows {
        let row = vec![
            Cell::new(plain(r.names.get(lang))),
            right(money(dec(r.mean), cur, lang)),
            right(money(dec(r.sd), cur, lang)),
            right(money(dec(r.p5), cur, lang)),
            right(money(dec(r.p50), cur, lang)),
            right(money(dec(r.p95), cur, lang)),
            right(format!("{} %", number(dec(r.p_positive * 100.0), 1, lang))),
        ];
        t.add_row(row);
    }
    let head = match lang {
        Lang::Sv => format!(
            "Monte Carlo: {} körningar, frö {}, {} osäkra parametrar (kvantiler: {})",
            number(Decimal::from(sim.runs), 0, lang),
            sim.seed,
            sim.parameters.len(),
            match sim.quantiles {
                Quantiles::Exact => "exakta",
                Quantiles::Histogram => "histogram",
            }
        ),
        Lang::En => format!(
            "Monte Carlo: {} runs, seed {}, {} uncertain parameters (quantiles: {})",
            number(Decimal::from(sim.runs), 0, lang),
            sim.seed,
            sim.parameters.len(),
            match sim.quantiles {
                Quantiles::Exact => "exact",
                Quantiles::Histogram => "histogram",
            }
        ),
    };
    format!("{head}\n{t}\n")
}

/// The tornado as a terminal table, largest swing first.
pub fn sensitivity_table(s: &Sensitivity, currency: &str, lang: Lang) -> String {
    let l = Labels::new(lang);
    let (npv_low, npv_high) = if s.row == crate::report::SOCIETY {
        (
            l.t("Samhällets NNV, låg", "Society NPV, low").to_string(),
            l.t("Samhällets NNV, hög", "Society NPV, high").to_string(),
        )
    } else {
        let r = &s.row;
        (
            lang.pick(format!("NNV {r}, låg"), format!("NPV {r}, low")),
            lang.pick(format!("NNV {r}, hög"), format!("NPV {r}, high")),
        )
    };
    let mut t = terminal_table(vec![
        l.t("Parameter", "Parameter"),
        l.t("Låg", "Low"),
        l.t("Hög", "High"),
        &npv_low,
        &npv_high,
        l.t("Utslag", "Swing"),
    ]);
    for r in &s.rows {
        t.add_row(vec![
            Cell::new(plain(&match &r.names {
                Some(n) => format!(
                    "{} ({})",
                    n.get(lang),
                    r.path.trim_start_matches("parameters.")
                ),
                None if r.label.is_empty() => r.path.clone(),
                None => r.label.clone(),
            })),
            right(
                number(r.low, 4, lang)
                    .trim_end_matches('0')
                    .trim_end_matches([',', '.']),
            ),
            right(
                number(r.high, 4, lang)
                    .trim_end_matches('0')
                    .trim_end_matches([',', '.']),
            ),
            right(money(r.npv_low, currency, lang)),
            right(money(r.npv_high, currency, lang)),
            right(money(r.swing, currency, lang)),
        ]);
    }
    let method = match (lang, s.method) {
        (Lang::Sv, Method::Distributions) => "varje osäker parameter vid sitt låga och höga värde",
        (Lang::Sv, Method::PlusMinus20Percent) => "varje belopp och andel ±20 %",
        (Lang::En, Method::Distributions) => "each uncertain parameter at its low and high value",
        (Lang::En, Method::PlusMinus20Percent) => "each amount and share ±20 %",
    };
    let mut out = format!(
        "{}: {method}; {} {}\n{t}\n",
        l.t("Känslighetsanalys", "Sensitivity analysis"),
        if s.row == crate::report::SOCIETY {
            l.t("samhällets nettonuvärde", "society's NPV").to_string()
        } else {
            lang.pick(
                format!("nettonuvärde för {}", s.row),
                format!("NPV of {}", s.row),
            )
        },
        money(s.npv, currency, lang)
    );
    for sk in &s.skipped {
        out.push_str(&format!(
            "{}: {} ({})\n",
            l.t("Ej varierad", "Not varied"),
            plain(&sk.path),
            plain(&sk.reason)
        ));
    }
    out
}
