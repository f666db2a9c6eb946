//! The report as tables for spreadsheets: headers in one language, cells holding the report's
//! exact decimals, and for each column the kind of number it holds (which the workbook turns into
//! a number format). The workbook and the spreadsheet CSV are both written from these, so they
//! hold the same figures under the same headers.
//!
//! Years are counted from 1 here, as every presentation counts them (year index t is "year
//! t + 1"); the report's JSON and the machine CSV keep the index.

use ekusia::assumptions::Assumptions;
use ekusia::report::{Report, Row};
use ekusia::{Decimal, Lang};

/// What a column's numbers are: the number format a spreadsheet shows them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// A whole number (years, participants).
    Whole,
    /// Money in the report's currency.
    Money,
    /// A ratio (benefit-cost ratio), two decimals shown.
    Ratio,
    /// A share shown as percent.
    Share,
    /// A discount factor or a parameter: four decimals shown.
    Factor,
    /// Any other number (months, counts of successes): one decimal shown.
    Number,
    /// A year: a whole number without grouping (2024, not 2 024).
    Year,
    /// Any number as it is (a parameter: 57300, 0.3142, 0.035), in the spreadsheet's general
    /// format.
    General,
}

/// One cell: text, an exact number, or nothing (a value the report gives as null).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text from the model or a label.
    Text(String),
    /// An exact number from the report.
    Num(Decimal),
    /// An exact number shown in its own kind, not its column's (a table of settings).
    Typed(Decimal, Kind),
    /// No value.
    Empty,
}

impl Cell {
    fn opt(d: Option<Decimal>) -> Cell {
        d.map_or(Cell::Empty, Cell::Num)
    }
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    fn whole(n: usize) -> Cell {
        Cell::Num(Decimal::from(n as u64))
    }
}

/// A column: a stable key (for programs), a header (for people) and the kind of its numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The report's field name, or a short id.
    pub key: String,
    /// The header in the table's language.
    pub label: String,
    /// How its numbers are shown.
    pub kind: Kind,
}

/// A titled table.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// A title shown above it in a workbook.
    pub title: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

fn col(key: &str, label: &str, kind: Kind) -> Column {
    Column {
        key: key.into(),
        label: label.into(),
        kind,
    }
}

/// A year index as people count it (index 0 is year 1).
fn year(t: usize) -> Cell {
    Cell::whole(t + 1)
}

fn name(r: &Row, lang: Lang) -> Cell {
    Cell::text(r.names.get(lang))
}

/// The summary: one line per report row in reading order, every figure of SPEC §3.9 and §8.6.
pub fn summary(report: &Report, lang: Lang) -> Table {
    let t = |sv, en| lang.pick(sv, en);
    let success = report.model.success.is_some();
    let mut columns = vec![
        col("name", t("Aktör", "Actor"), Kind::Text),
        col("id", "Id", Kind::Text),
        col("pv_effect", t("Nuvärde effekt", "PV effect"), Kind::Money),
        col("pv_cost", t("Nuvärde kostnad", "PV cost"), Kind::Money),
        col("npv", t("Nettonuvärde", "NPV"), Kind::Money),
        col("bcr", t("Nytta/kostnad", "BCR"), Kind::Ratio),
        col("roi", t("Avkastning (ROI)", "ROI"), Kind::Share),
        col(
            "payback_year",
            t("Återbetald år", "Payback year"),
            Kind::Year,
        ),
        col(
            "payback_months",
            t("Återbetalningstid, månader", "Payback, months"),
            Kind::Number,
        ),
        col(
            "break_even_effect",
            t("Effekt som krävs", "Break-even effect"),
            Kind::Share,
        ),
        col(
            "npv_per_participant",
            t("Netto per deltagare", "NPV per participant"),
            Kind::Money,
        ),
        col(
            "pv_cost_per_participant",
            t("Kostnad per deltagare", "PV cost per participant"),
            Kind::Money,
        ),
    ];
    if success {
        columns.extend([
            col(
                "success_value",
                t("Värdet av en som lyckas", "Value of one success"),
                Kind::Money,
            ),
            col(
                "break_even_successes",
                t("Antal som måste lyckas", "Successes to break even"),
                Kind::Number,
            ),
            col("potential", t("Möjlig vinst", "Potential"), Kind::Money),
            col("efficiency", t("Uppnådd andel", "Efficiency"), Kind::Share),
        ]);
    }
    columns.push(col(
        "fair_cost_share",
        t("Rättvis kostnadsandel", "Fair cost share"),
        Kind::Share,
    ));
    let milestones: Vec<usize> = report
        .rows
        .first()
        .map(|r| r.milestones.iter().map(|m| m.years).collect())
        .unwrap_or_default();
    for m in &milestones {
        columns.push(Column {
            key: format!("npv_after_{m}"),
            label: format!("{} {m}", t("Nettonuvärde efter år", "NPV after year")),
            kind: Kind::Money,
        });
    }
    let rows = report
        .reading_order()
        .into_iter()
        .map(|r| {
            let mut c = vec![
                name(r, lang),
                Cell::text(&r.id),
                Cell::Num(r.pv_effect),
                Cell::Num(r.pv_cost),
                Cell::Num(r.npv),
                Cell::opt(r.bcr),
                Cell::opt(r.roi),
                r.payback_year.map_or(Cell::Empty, year),
                Cell::opt(r.payback_months),
                Cell::opt(r.break_even_effect),
                Cell::opt(r.npv_per_participant),
                Cell::opt(r.pv_cost_per_participant),
            ];
            if success {
                c.extend([
                    Cell::opt(r.success_value),
                    Cell::opt(r.break_even_successes),
                    Cell::opt(r.potential),
                    Cell::opt(r.efficiency),
                ]);
            }
            c.push(Cell::opt(r.fair_cost_share));
            c.extend(r.milestones.iter().map(|m| Cell::Num(m.npv)));
            c
        })
        .collect();
    Table {
        title: report.model.name.clone(),
        columns,
        rows,
    }
}

/// The yearly table: one line per report row and year (rows in reading order, each row's years
/// together), every yearly figure of the report.
pub fn years(report: &Report, lang: Lang) -> Table {
    let t = |sv, en| lang.pick(sv, en);
    let columns = vec![
        col("name", t("Aktör", "Actor"), Kind::Text),
        col("id", "Id", Kind::Text),
        col("year", t("År", "Year"), Kind::Year),
        col(
            "discount_factor",
            t("Diskonteringsfaktor", "Discount factor"),
            Kind::Factor,
        ),
        col("with", t("Med insatsen", "With"), Kind::Money),
        col("without", t("Utan insatsen", "Without"), Kind::Money),
        col("effect", t("Effekt", "Effect"), Kind::Money),
        col("cost", t("Kostnad", "Cost"), Kind::Money),
        col("net", t("Netto", "Net"), Kind::Money),
        col("pv_net", t("Nuvärde netto", "PV net"), Kind::Money),
        col(
            "cumulative_pv_net",
            t("Ackumulerat nuvärde netto", "Cumulative PV net"),
            Kind::Money,
        ),
    ];
    let rows = report
        .reading_order()
        .into_iter()
        .flat_map(|r| {
            r.years.iter().map(move |y| {
                vec![
                    name(r, lang),
                    Cell::text(&r.id),
                    year(y.year),
                    Cell::Num(y.discount_factor),
                    Cell::Num(y.with),
                    Cell::Num(y.without),
                    Cell::Num(y.effect),
                    Cell::Num(y.cost),
                    Cell::Num(y.net),
                    Cell::Num(y.pv_net),
                    Cell::Num(y.cumulative_pv_net),
                ]
            })
        })
        .collect();
    Table {
        title: t(
            "År för år per aktör (år 1 = insatsens första år)",
            "Year by year per actor (year 1 = the intervention's first year)",
        )
        .into(),
        columns,
        rows,
    }
}

/// A flow category in words: the bundled base's categories translated, others as written.
pub fn category_label(c: &str, lang: Lang) -> String {
    let t = |sv: &str, en: &str| lang.pick(sv, en).to_string();
    match c {
        "tax" | "taxes" => t("skatter", "taxes"),
        "benefits" => t("ersättningar", "benefits"),
        "production" => t("produktion", "production"),
        "care" | "health_care" => t("vård", "care"),
        "case_work" => t("handläggning", "case work"),
        "programmes" => t("arbetsmarknadsprogram", "labour-market programmes"),
        "education" => t("utbildning", "education"),
        "subsidies" => t("subventioner", "subsidies"),
        other => other.replace('_', " "),
    }
}

/// A kind of flow in words.
pub fn kind_label(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "production" => lang.pick("produktion", "production"),
        "resource" => lang.pick("resurser", "resources"),
        _ => lang.pick("transfereringar", "transfers"),
    }
}

/// Where each row's value comes from (SPEC §8.5): its pv_effect by kind of flow and category,
/// then its pv_cost by cost item; and the milestones (§8.6) when the model asks for them.
pub fn breakdowns(report: &Report, lang: Lang) -> Vec<Table> {
    let t = |sv, en| lang.pick(sv, en);
    let order = report.reading_order();
    let effect = Table {
        title: t(
            "Var värdet kommer ifrån: nuvärdet av effekten per slag av flöde",
            "Where the value comes from: the present value of the effect by kind of flow",
        )
        .into(),
        columns: vec![
            col("name", t("Aktör", "Actor"), Kind::Text),
            col("id", "Id", Kind::Text),
            col("type", t("Slag", "Kind"), Kind::Text),
            col("category", t("Kategori", "Category"), Kind::Text),
            col("pv_effect", t("Nuvärde effekt", "PV effect"), Kind::Money),
        ],
        rows: order
            .iter()
            .flat_map(|r| {
                r.breakdown.iter().map(move |b| {
                    vec![
                        name(r, lang),
                        Cell::text(&r.id),
                        Cell::text(kind_label(&b.kind, lang)),
                        b.category
                            .as_deref()
                            .map_or(Cell::Empty, |c| Cell::text(category_label(c, lang))),
                        Cell::Num(b.pv_effect),
                    ]
                })
            })
            .collect(),
    };
    let cost = Table {
        title: t(
            "Nuvärdet av kostnaden per kostnadspost",
            "The present value of the cost by cost item",
        )
        .into(),
        columns: vec![
            col("name", t("Aktör", "Actor"), Kind::Text),
            col("id", "Id", Kind::Text),
            col("cost_item", t("Kostnadspost", "Cost item"), Kind::Text),
            col("pv_cost", t("Nuvärde kostnad", "PV cost"), Kind::Money),
        ],
        rows: order
            .iter()
            .flat_map(|r| {
                r.cost_breakdown.iter().map(move |c| {
                    vec![
                        name(r, lang),
                        Cell::text(&r.id),
                        Cell::text(&c.name),
                        Cell::Num(c.pv_cost),
                    ]
                })
            })
            .collect(),
    };
    let mut out = vec![effect, cost];
    if report.rows.iter().any(|r| !r.milestones.is_empty()) {
        out.push(Table {
            title: t(
                "Kort och medellång sikt: summorna över de första åren",
                "Short and medium term: the sums over the first years",
            )
            .into(),
            columns: vec![
                col("name", t("Aktör", "Actor"), Kind::Text),
                col("id", "Id", Kind::Text),
                col("years", t("Antal år", "Years"), Kind::Whole),
                col("pv_effect", t("Nuvärde effekt", "PV effect"), Kind::Money),
                col("pv_cost", t("Nuvärde kostnad", "PV cost"), Kind::Money),
                col("npv", t("Nettonuvärde", "NPV"), Kind::Money),
            ],
            rows: order
                .iter()
                .flat_map(|r| {
                    r.milestones.iter().map(move |m| {
                        vec![
                            name(r, lang),
                            Cell::text(&r.id),
                            Cell::whole(m.years),
                            Cell::Num(m.pv_effect),
                            Cell::Num(m.pv_cost),
                            Cell::Num(m.npv),
                        ]
                    })
                })
                .collect(),
        });
    }
    out
}

/// Outcomes that are not money (SPEC §8.4): their totals, each row's net cost per unit, and
/// their years. Empty for a model without outcomes.
pub fn outcomes(report: &Report, lang: Lang) -> Vec<Table> {
    if report.outcomes.is_empty() {
        return Vec::new();
    }
    let t = |sv, en| lang.pick(sv, en);
    let unit = |o: &ekusia::report::OutcomeReport| {
        o.unit
            .as_ref()
            .map_or(Cell::Empty, |u| Cell::text(u.get(lang)))
    };
    let totals = Table {
        title: t(
            "Utfall som inte är pengar (summor över hela tiden)",
            "Outcomes that are not money (sums over the horizon)",
        )
        .into(),
        columns: vec![
            col("name", t("Utfall", "Outcome"), Kind::Text),
            col("id", "Id", Kind::Text),
            col("unit", t("Enhet", "Unit"), Kind::Text),
            col("with", t("Med insatsen", "With"), Kind::Number),
            col("without", t("Utan insatsen", "Without"), Kind::Number),
            col("effect", t("Effekt", "Effect"), Kind::Number),
            col("pv_effect", t("Nuvärde effekt", "PV effect"), Kind::Number),
        ],
        rows: report
            .outcomes
            .iter()
            .map(|o| {
                vec![
                    Cell::text(o.names.get(lang)),
                    Cell::text(&o.id),
                    unit(o),
                    Cell::Num(o.with),
                    Cell::Num(o.without),
                    Cell::Num(o.effect),
                    Cell::Num(o.pv_effect),
                ]
            })
            .collect(),
    };
    let order = report.reading_order();
    let per_unit = Table {
        title: t(
            "Nettokostnad per enhet av utfallet, per aktör",
            "Net cost per unit of outcome, per actor",
        )
        .into(),
        columns: vec![
            col("outcome", t("Utfall", "Outcome"), Kind::Text),
            col("outcome_id", t("Utfallets id", "Outcome id"), Kind::Text),
            col("name", t("Aktör", "Actor"), Kind::Text),
            col("id", "Id", Kind::Text),
            col(
                "net_cost_per_unit",
                t("Nettokostnad per enhet", "Net cost per unit"),
                Kind::Money,
            ),
        ],
        rows: report
            .outcomes
            .iter()
            .flat_map(|o| {
                order.iter().map(move |r| {
                    vec![
                        Cell::text(o.names.get(lang)),
                        Cell::text(&o.id),
                        name(r, lang),
                        Cell::text(&r.id),
                        Cell::opt(o.net_cost_per_unit.get(&r.id).and_then(|v| v.0)),
                    ]
                })
            })
            .collect(),
    };
    let years = Table {
        title: t("Utfallen år för år", "The outcomes year by year").into(),
        columns: vec![
            col("name", t("Utfall", "Outcome"), Kind::Text),
            col("id", "Id", Kind::Text),
            col("year", t("År", "Year"), Kind::Year),
            col(
                "discount_factor",
                t("Diskonteringsfaktor", "Discount factor"),
                Kind::Factor,
            ),
            col("with", t("Med insatsen", "With"), Kind::Number),
            col("without", t("Utan insatsen", "Without"), Kind::Number),
            col("effect", t("Effekt", "Effect"), Kind::Number),
        ],
        rows: report
            .outcomes
            .iter()
            .flat_map(|o| {
                o.years.iter().map(move |y| {
                    vec![
                        Cell::text(o.names.get(lang)),
                        Cell::text(&o.id),
                        year(y.year),
                        Cell::Num(y.discount_factor),
                        Cell::Num(y.with),
                        Cell::Num(y.without),
                        Cell::Num(y.effect),
                    ]
                })
            })
            .collect(),
    };
    vec![totals, per_unit, years]
}

/// The target groups (SPEC §8.3): each group's participants and every row's present value of
/// the effect of the group's cohorts. `None` for a model without groups.
pub fn groups(report: &Report, lang: Lang) -> Option<Table> {
    if report.groups.is_empty() {
        return None;
    }
    let t = |sv, en| lang.pick(sv, en);
    let names = |id: &str| {
        report
            .row(id)
            .map_or(Cell::text(id), |r| Cell::text(r.names.get(lang)))
    };
    Some(Table {
        title: t(
            "Målgrupper: nuvärdet av effekten från varje grupps kohorter",
            "Target groups: the present value of the effect of each group's cohorts",
        )
        .into(),
        columns: vec![
            col("group", t("Målgrupp", "Target group"), Kind::Text),
            col("group_id", t("Gruppens id", "Group id"), Kind::Text),
            col("participants", t("Deltagare", "Participants"), Kind::Whole),
            col("name", t("Aktör", "Actor"), Kind::Text),
            col("id", "Id", Kind::Text),
            col("pv_effect", t("Nuvärde effekt", "PV effect"), Kind::Money),
            col(
                "pv_effect_per_participant",
                t("Per deltagare", "Per participant"),
                Kind::Money,
            ),
        ],
        rows: report
            .groups
            .iter()
            .flat_map(|g| {
                g.rows.iter().map(move |r| {
                    vec![
                        Cell::text(g.names.get(lang)),
                        Cell::text(&g.id),
                        Cell::Num(Decimal::from(g.participants)),
                        names(&r.id),
                        Cell::text(&r.id),
                        Cell::Num(r.pv_effect),
                        Cell::opt(r.pv_effect_per_participant),
                    ]
                })
            })
            .collect(),
    })
}

/// What the report rests on: its settings (from the report) and, when the model is at hand,
/// every actor, state and flow, cost item and parameter with its source.
pub fn assumptions(report: &Report, a: Option<&Assumptions>, lang: Lang) -> Vec<Table> {
    let t = |sv, en| lang.pick(sv, en);
    let m = &report.model;
    let setting = |label: &str, value: Cell| vec![Cell::text(label), value];
    let typed = |d: Decimal, k: Kind| Cell::Typed(d, k);
    let mut rows = vec![
        setting(t("Modell", "Model"), Cell::text(&m.name)),
        setting(
            t("Grund", "Base"),
            a.and_then(|a| a.base.as_deref())
                .map_or(Cell::Empty, Cell::text),
        ),
        setting(t("Valuta", "Currency"), Cell::text(&m.currency)),
        setting(
            t("Prisnivå (år)", "Price year"),
            m.price_year
                .map_or(Cell::Empty, |y| typed(Decimal::from(y), Kind::Year)),
        ),
        setting(
            t("Tidshorisont (år)", "Horizon (years)"),
            typed(Decimal::from(m.horizon as u64), Kind::Whole),
        ),
        setting(
            t("Deltagare", "Participants"),
            typed(Decimal::from(m.participants), Kind::Whole),
        ),
        setting(
            t(
                "Tillskriven andel av effekten",
                "Share of the effect attributed",
            ),
            typed(m.attribution, Kind::Share),
        ),
    ];
    if let Some(s) = &m.success {
        rows.push(setting(
            t("Att lyckas", "Success"),
            Cell::Text(format!(
                "{} → {}, {} {}",
                s.from,
                s.to,
                s.years,
                t("år", "years")
            )),
        ));
    }
    let settings = Table {
        title: t("Antaganden", "Assumptions").into(),
        columns: vec![
            col("setting", t("Inställning", "Setting"), Kind::Text),
            col("value", t("Värde", "Value"), Kind::General),
        ],
        rows,
    };
    let rates = Table {
        title: t(
            "Diskonteringsränta per år",
            "Discount rate in force each year",
        )
        .into(),
        columns: vec![
            col("year", t("År", "Year"), Kind::Year),
            col(
                "rate",
                t("Diskonteringsränta", "Discount rate"),
                Kind::Share,
            ),
        ],
        rows: m
            .discount_rates
            .iter()
            .enumerate()
            .map(|(i, r)| vec![year(i), Cell::Num(*r)])
            .collect(),
    };
    let mut out = vec![settings, rates];
    let Some(a) = a else {
        return out;
    };
    let actor_name = |id: &Option<String>| {
        id.as_deref().map_or(Cell::Empty, |id| {
            a.actors
                .iter()
                .find(|x| x.id == id)
                .map_or(Cell::text(id), |x| Cell::text(x.names.get(lang)))
        })
    };
    out.push(Table {
        title: t("Aktörer", "Actors").into(),
        columns: vec![
            col("name", t("Aktör", "Actor"), Kind::Text),
            col("id", "Id", Kind::Text),
            col("kind", t("Slag", "Kind"), Kind::Text),
        ],
        rows: a
            .actors
            .iter()
            .map(|x| {
                let kind = match x.kind {
                    ekusia::model::ActorKind::Public => t("offentlig", "public"),
                    ekusia::model::ActorKind::Individual => t("individen", "individual"),
                    ekusia::model::ActorKind::Other => t("övrig", "other"),
                };
                vec![
                    Cell::text(x.names.get(lang)),
                    Cell::text(&x.id),
                    Cell::text(kind),
                ]
            })
            .collect(),
    });
    let mut flows = Vec::new();
    for s in &a.states {
        let limit = |then: bool| match (s.max_years, &s.then) {
            (Some(y), _) if !then => Cell::whole(y),
            (Some(_), Some(to)) if then => Cell::text(to),
            _ => Cell::Empty,
        };
        let head = |f: Option<&ekusia::assumptions::FlowInfo>| {
            let (kind, payer, receiver, amount, category, label) = match f {
                Some(f) => {
                    let k = match f.kind {
                        ekusia::model::FlowType::Transfer => "transfer",
                        ekusia::model::FlowType::Resource => "resource",
                        ekusia::model::FlowType::Production => "production",
                    };
                    let (payer, receiver) = match f.kind {
                        ekusia::model::FlowType::Transfer => {
                            (actor_name(&f.from), actor_name(&f.to))
                        }
                        ekusia::model::FlowType::Resource => (actor_name(&f.actor), Cell::Empty),
                        ekusia::model::FlowType::Production => (Cell::Empty, actor_name(&f.actor)),
                    };
                    (
                        Cell::text(kind_label(k, lang)),
                        payer,
                        receiver,
                        Cell::Num(f.amount),
                        f.category
                            .as_deref()
                            .map_or(Cell::Empty, |c| Cell::text(category_label(c, lang))),
                        f.label.as_deref().map_or(Cell::Empty, Cell::text),
                    )
                }
                None => (
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ),
            };
            vec![
                Cell::text(s.names.get(lang)),
                Cell::text(&s.id),
                limit(false),
                limit(true),
                kind,
                payer,
                receiver,
                amount,
                category,
                label,
            ]
        };
        if s.flows.is_empty() {
            flows.push(head(None));
        }
        for f in &s.flows {
            flows.push(head(Some(f)));
        }
    }
    out.push(Table {
        title: t(
            "Tillstånd och deras årliga flöden för en person ett helt år",
            "States and their yearly flows for one person-year",
        )
        .into(),
        columns: vec![
            col("state", t("Tillstånd", "State"), Kind::Text),
            col("state_id", t("Tillståndets id", "State id"), Kind::Text),
            col("max_years", t("Högst år", "At most years"), Kind::Whole),
            col("then", t("Sedan", "Then"), Kind::Text),
            col("type", t("Flöde", "Flow"), Kind::Text),
            col("payer", t("Betalare", "Payer"), Kind::Text),
            col("receiver", t("Mottagare", "Receiver"), Kind::Text),
            col("amount", t("Belopp per år", "Yearly amount"), Kind::Money),
            col("category", t("Kategori", "Category"), Kind::Text),
            col("label", t("Beskrivning", "Label"), Kind::Text),
        ],
        rows: flows,
    });
    out.push(Table {
        title: t("Insatsens kostnader", "The intervention's costs").into(),
        columns: vec![
            col("name", t("Kostnadspost", "Cost item"), Kind::Text),
            col("amount", t("Belopp", "Amount"), Kind::Money),
            col("per", t("Per", "Per"), Kind::Text),
            col("when", t("När", "When"), Kind::Text),
            col("financing", t("Finansiering", "Financing"), Kind::Text),
        ],
        rows: a
            .costs
            .iter()
            .map(|c| {
                let (per, when) = if c.per_participant {
                    (
                        t("deltagare", "participant").to_string(),
                        format!(
                            "{} {}",
                            t("kohortår", "cohort year"),
                            c.cohort_year.unwrap_or(0) + 1
                        ),
                    )
                } else {
                    let years: Vec<String> = c.years.iter().map(|y| (y + 1).to_string()).collect();
                    (
                        t("år", "year").to_string(),
                        format!("{} {}", t("år", "year"), years.join(", ")),
                    )
                };
                let financing: Vec<String> = c
                    .financing
                    .iter()
                    .map(|(id, share)| {
                        let who = a
                            .actors
                            .iter()
                            .find(|x| &x.id == id)
                            .map_or(id.as_str(), |x| x.names.get(lang));
                        format!("{who} {}", ekusia::format::percent(Some(*share), lang))
                    })
                    .collect();
                vec![
                    Cell::text(&c.name),
                    Cell::Num(c.amount),
                    Cell::Text(per),
                    Cell::Text(when),
                    Cell::Text(financing.join(", ")),
                ]
            })
            .collect(),
    });
    out.push(Table {
        title: t("Parametrar och källor", "Parameters and sources").into(),
        columns: vec![
            col("name", t("Parameter", "Parameter"), Kind::Text),
            col("id", "Id", Kind::Text),
            col("value", t("Värde", "Value"), Kind::General),
            col("unit", t("Enhet", "Unit"), Kind::Text),
            col("source", t("Källa", "Source"), Kind::Text),
            col("year", t("År", "Year"), Kind::Year),
            col("quality", t("Kvalitet", "Quality"), Kind::Text),
            col("origin", t("Från", "From"), Kind::Text),
        ],
        rows: a
            .parameters
            .iter()
            .map(|p| {
                let quality = match p.quality {
                    Some(ekusia::model::Quality::Verified) => t("verifierad", "verified"),
                    Some(ekusia::model::Quality::Derived) => t("härledd", "derived"),
                    Some(ekusia::model::Quality::Assumption) => t("antagande", "assumption"),
                    None => "",
                };
                let origin = if p.origin == "base" {
                    t("grunden", "the base")
                } else {
                    t("modellen", "the model")
                };
                vec![
                    p.names
                        .as_ref()
                        .map_or(Cell::text(&p.id), |n| Cell::text(n.get(lang))),
                    Cell::text(&p.id),
                    Cell::Num(p.value),
                    p.unit
                        .as_ref()
                        .map_or(Cell::Empty, |u| Cell::text(u.get(lang))),
                    p.source.as_deref().map_or(Cell::Empty, Cell::text),
                    p.year.map_or(Cell::Empty, |y| Cell::Num(Decimal::from(y))),
                    Cell::text(quality),
                    Cell::text(origin),
                ]
            })
            .collect(),
    });
    out
}
