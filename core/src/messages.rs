//! Every message a problem can carry, as a template in Swedish and English.
//!
//! A [`crate::Problem`] holds a [`Msg`] key and its values (the number found, the limit, the
//! ids involved) rather than finished text, so that each interface can say it in the reader's
//! language from the same template: the command line with `--lang`, Python with `lang=`, the
//! page through WebAssembly. A template names its values as `{found}`; the special
//! `{did_you_mean}` becomes " — did you mean 'x'?" from the value `suggestion`, or nothing.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

macro_rules! messages {
    ($( $variant:ident [$($field:ident),*] en: $en:literal, sv: $sv:literal; )*) => {
        /// The key of a problem's message (its template); serialised in snake_case.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[allow(missing_docs)]
        pub enum Msg { $($variant),* }

        impl Msg {
            /// Every message, for tests that check each template.
            pub const ALL: &'static [Msg] = &[$(Msg::$variant),*];

            /// The names of the values this message needs.
            pub fn fields(self) -> &'static [&'static str] {
                match self { $(Msg::$variant => &[$(stringify!($field)),*]),* }
            }

            /// The template in `lang`.
            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$variant, Lang::En) => $en, (Msg::$variant, Lang::Sv) => $sv,)*
                }
            }
        }
    };
}

messages! {
    // Reading the text.
    InvalidJson [detail] en: "invalid JSON: {detail}", sv: "Ogiltig JSON: {detail}";
    InvalidToml [detail] en: "invalid TOML: {detail}", sv: "Ogiltig TOML: {detail}";
    InvalidJsonValue [detail] en: "invalid JSON value: {detail}", sv: "Ogiltigt JSON-värde: {detail}";
    InputTooLarge [size, limit]
        en: "the input is {size} bytes or more; the limit is {limit} bytes (10 MiB)",
        sv: "Indata är minst {size} byte; gränsen är {limit} byte (10 MiB).";
    NotUtf8 [] en: "the input is not UTF-8 text", sv: "Indata är inte text i UTF-8.";
    MissingKey [key] en: "required key '{key}' is missing", sv: "Nyckeln '{key}' krävs men saknas.";
    UnknownKey [found, suggestion, allowed]
        en: "unknown key '{found}'{did_you_mean}; allowed here: {allowed}",
        sv: "Okänd nyckel '{found}'{did_you_mean}; tillåtna här: {allowed}.";
    UnknownValue [found, suggestion, allowed]
        en: "unknown value '{found}'{did_you_mean}; allowed: {allowed}",
        sv: "Okänt värde '{found}'{did_you_mean}; tillåtna: {allowed}.";
    WrongType [detail] en: "{detail}", sv: "Fel sorts värde: {detail}";
    NumberTooLarge [detail] en: "{detail}", sv: "Talet är för stort: {detail}";
    CannotWriteToml [detail] en: "cannot write TOML: {detail}", sv: "Kan inte skriva TOML: {detail}";
    DuplicateKey [key] en: "key '{key}' is given twice", sv: "Nyckeln '{key}' finns två gånger.";
    // Editing one value by path.
    SetPathEmpty [] en: "give the path of the value to set, e.g. 'horizon'",
        sv: "Ange sökvägen till värdet, t.ex. 'horizon'.";
    SetPathSyntax [path] en: "'{path}' is not a path like 'a.b[0].c' or 'a.b[id=x].c'",
        sv: "'{path}' är inte en sökväg som 'a.b[0].c' eller 'a.b[id=x].c'.";
    SetPathValue [at, key] en: "'{at}' is a value, not a table with '{key}'",
        sv: "'{at}' är ett värde, inte en tabell med '{key}'.";
    SetPathIndex [at, len, index] en: "'{at}' has {len} entries; there is no [{index}]",
        sv: "'{at}' har {len} poster; [{index}] finns inte.";
    SetPathNotList [at] en: "'{at}' is not a list", sv: "'{at}' är ingen lista.";
    PathNoMatch [at, selector, suggestion, available]
        en: "no entry of '{at}' has {selector}{did_you_mean}; its entries: {available}",
        sv: "Ingen post i '{at}' har {selector}{did_you_mean}; posterna är: {available}.";
    PathManyMatches [at, selector, count, entries]
        en: "{count} entries of '{at}' have {selector} ({entries}); add a key that tells them apart, or an index",
        sv: "{count} poster i '{at}' har {selector} ({entries}); lägg till en nyckel som skiljer dem åt, eller ett index.";
    PathNoKey [at, key, suggestion, allowed]
        en: "'{at}' has no '{key}'{did_you_mean}; it has: {allowed}",
        sv: "'{at}' har ingen '{key}'{did_you_mean}; där finns: {allowed}.";
    UnknownRow [found, suggestion, allowed]
        en: "there is no report row '{found}'{did_you_mean}; rows: {allowed}",
        sv: "Rapporten har ingen rad '{found}'{did_you_mean}; raderna är: {allowed}.";
    // Format and base.
    UnsupportedFormat [found, expected]
        en: "format '{found}' is not supported; this version reads '{expected}'",
        sv: "Formatet '{found}' stöds inte; den här versionen läser '{expected}'.";
    IsABase [found]
        en: "format '{found}' is a base library: use it from a model with base = \"…\"",
        sv: "Formatet '{found}' är ett basbibliotek: använd det från en modell med base = \"…\".";
    UnsupportedBaseFormat [found, expected]
        en: "base format '{found}' is not supported; expected '{expected}'",
        sv: "Basformatet '{found}' stöds inte; väntat '{expected}'.";
    BaseNotFound [name, bundled, suggestion]
        en: "no bundled base is called '{name}' (file paths work from the command line and Python); bundled bases: {bundled}{did_you_mean}",
        sv: "Inget inbyggt basbibliotek heter '{name}' (filsökvägar fungerar från kommandoraden och Python); inbyggda: {bundled}{did_you_mean}.";
    BaseUnreadable [name, file, detail, bundled, suggestion]
        en: "no bundled base is called '{name}' and the file {file} cannot be read ({detail}); bundled bases: {bundled}{did_you_mean}",
        sv: "Inget inbyggt basbibliotek heter '{name}' och filen {file} kan inte läsas ({detail}); inbyggda: {bundled}{did_you_mean}.";
    BaseOutsideFolder [name]
        en: "the base file '{name}' is outside the model's folder; only files in that folder or below may be read",
        sv: "Basfilen '{name}' ligger utanför modellens mapp; bara filer i den mappen eller under den får läsas.";
    InBaseFile [file, detail] en: "in base file {file}: {detail}", sv: "I basfilen {file}: {detail}";
    CurrencyMismatch [model, base]
        en: "the model's currency '{model}' differs from its base's '{base}'; amounts would be mixed",
        sv: "Modellens valuta '{model}' skiljer sig från basens '{base}'; beloppen skulle blandas.";
    // Numbers and ranges.
    WholeNumber [field, found] en: "{field} must be a whole number, found {found}",
        sv: "{field} måste vara ett heltal (nu {found}).";
    AtLeast [field, min, found] en: "{field} must be at least {min}, found {found}",
        sv: "{field} måste vara minst {min} (nu {found}).";
    AtMost [field, max, found] en: "{field} must be at most {max}, found {found}",
        sv: "{field} får vara högst {max} (nu {found}).";
    AtMostLimit [field, max, found] en: "{field} must be at most {max} (the limit), found {found}",
        sv: "{field} får vara högst {max}, modellens gräns (nu {found}).";
    NegativeAmount [field, found]
        en: "{field} must not be negative, found {found} (express the direction with from/to or the flow type)",
        sv: "{field} får inte vara negativt (nu {found}); riktningen anges med från/till eller flödets typ.";
    AmountTooLarge [field, found] en: "{field} must be at most 1000000000000 (10^12), found {found}",
        sv: "{field} får vara högst 1 000 000 000 000 (10^12) (nu {found}).";
    ShareRange [found] en: "a share must be between 0 and 1, found {found}",
        sv: "En andel ska ligga mellan 0 och 1 (nu {found}).";
    AttributionRange [found] en: "attribution must be between 0 and 1, found {found}",
        sv: "Andelen som tillskrivs insatsen ska ligga mellan 0 och 1 (nu {found}).";
    RateRange [found] en: "a discount rate must be at least 0 and below 1, found {found}",
        sv: "Diskonteringsräntan ska vara minst 0 och under 1 (nu {found}).";
    // Distributions.
    DistNeeds [dist, field] en: "a {dist} distribution needs '{field}'",
        sv: "En fördelning av typen {dist} behöver '{field}'.";
    DistHasNo [dist, field, takes] en: "a {dist} distribution has no '{field}'; it takes {takes}",
        sv: "En fördelning av typen {dist} har inget '{field}'; den tar {takes}.";
    MinAboveMax [min, max] en: "min {min} is above max {max}", sv: "Min {min} är större än max {max}.";
    ModeOutside [mode, min, max] en: "mode {mode} must lie between min {min} and max {max}",
        sv: "Det troligaste värdet {mode} måste ligga mellan min {min} och max {max}.";
    NegativeSd [found] en: "sd must not be negative, found {found}",
        sv: "Standardavvikelsen får inte vara negativ (nu {found}).";
    // Shares.
    SharesSum [sum] en: "the shares sum to {sum}, not 1; fix them or let one state take \"rest\"",
        sv: "Andelarna summerar till {sum}, inte 1; ändra dem eller låt ett tillstånd ta \"rest\".";
    RestNegative [sum]
        en: "the named shares sum to {sum}, more than 1, so \"rest\" would be negative",
        sv: "Andelarna summerar till {sum}, mer än 1, så \"rest\" skulle bli negativ.";
    RestTwice [] en: "only one state may take \"rest\"", sv: "Bara ett tillstånd får ta \"rest\".";
    OutflowExceedsOne [year, state, sum]
        en: "in cohort year {year} the shares leaving '{state}' sum to {sum}, more than 1",
        sv: "År {year} summerar andelarna som lämnar '{state}' till {sum}; högst 1 kan lämna.";
    // Ids and references.
    IdChars [id] en: "id '{id}' may only hold lowercase letters a-z, digits and '_'",
        sv: "Id:t '{id}' får bara innehålla små bokstäver a-z, siffror och '_'.";
    UnknownState [found, suggestion] en: "unknown state '{found}'{did_you_mean}",
        sv: "Okänt tillstånd '{found}'{did_you_mean}.";
    UnknownStateList [found, known] en: "unknown state '{found}'; known states: {known}",
        sv: "Okänt tillstånd '{found}'; kända tillstånd: {known}.";
    UnknownActor [found, suggestion] en: "unknown actor '{found}'{did_you_mean}",
        sv: "Okänd aktör '{found}'{did_you_mean}.";
    UnknownActorList [found, known] en: "unknown actor '{found}'; known actors: {known}",
        sv: "Okänd aktör '{found}'; kända aktörer: {known}.";
    DuplicateInBase [id] en: "id '{id}' is used twice in the base", sv: "Id:t '{id}' används två gånger i basen.";
    DuplicateId [id, first] en: "id '{id}' is already used by {first}", sv: "Id:t '{id}' används redan av {first}.";
    YearTwice [year] en: "year {year} is listed twice", sv: "År {year} står två gånger.";
    TrajectoryYearTwice [year, first] en: "year {year} is already given by {first}",
        sv: "År {year} anges redan av {first}.";
    OneIndividual [] en: "at most one actor may be of kind 'individual'",
        sv: "Högst en aktör får vara av typen 'individual'.";
    // Limits.
    TooManyActors [count, limit] en: "{count} actors; the limit is {limit}", sv: "{count} aktörer; gränsen är {limit}.";
    TooManyStates [count, limit] en: "{count} states; the limit is {limit}", sv: "{count} tillstånd; gränsen är {limit}.";
    TooManyCohorts [count, limit] en: "{count} cohorts; the limit is {limit}", sv: "{count} kohorter; gränsen är {limit}.";
    TooManyItems [count, limit] en: "{count} flows and cost items; the limit is {limit}",
        sv: "{count} flöden och kostnadsposter; gränsen är {limit}.";
    TooManyEntries [count, limit] en: "{count} entries; the limit is {limit}",
        sv: "{count} poster; gränsen är {limit}.";
    // Flows, costs, scenarios.
    FlowNeeds [flow, key] en: "a {flow} flow needs '{key}'", sv: "Ett flöde av typen {flow} behöver '{key}'.";
    TransferHasNo [key] en: "a transfer flow has no '{key}'; a transfer uses 'from' and 'to'",
        sv: "En transfer har inget '{key}'; den använder 'from' och 'to'.";
    ActorFlowHasNo [flow, key] en: "a {flow} flow has no '{key}'; it uses 'actor'",
        sv: "Ett flöde av typen {flow} har inget '{key}'; det använder 'actor'.";
    CostBoth [] en: "give either 'amount' (a fixed cost in listed years) or 'per_participant', not both",
        sv: "Ange antingen 'amount' (fast kostnad vissa år) eller 'per_participant', inte båda.";
    CostNeither [] en: "a cost needs 'amount' (fixed, in listed years) or 'per_participant'",
        sv: "En kostnad behöver 'amount' (fast, vissa år) eller 'per_participant'.";
    CohortYearWithFixed [] en: "'cohort_year' goes with 'per_participant'; a fixed cost uses 'years'",
        sv: "'cohort_year' hör till 'per_participant'; en fast kostnad använder 'years'.";
    YearsWithPerParticipant [] en: "'years' goes with a fixed 'amount'; a per-participant cost uses 'cohort_year'",
        sv: "'years' hör till ett fast 'amount'; en kostnad per deltagare använder 'cohort_year'.";
    FinancingNegative [found] en: "a financing weight must not be negative, found {found}",
        sv: "En finansieringsvikt får inte vara negativ (nu {found}).";
    FinancingTooLarge [found] en: "a financing weight must be at most 10^12, found {found}",
        sv: "En finansieringsvikt får vara högst 10^12 (nu {found}).";
    FinancingNone [] en: "name at least one actor with a positive weight, e.g. financing = { municipality = 1 }",
        sv: "Minst en aktör måste ha en vikt större än 0, t.ex. financing = { municipality = 1 }.";
    ScenarioBoth [] en: "a scenario has 'transitions' or 'trajectory', not both",
        sv: "Ett scenario har 'transitions' eller 'trajectory', inte båda.";
    ToBeforeFrom [to, from] en: "to_year {to} is before from_year {from}",
        sv: "Till år {to} ligger före från år {from}.";
    ScheduleEmpty [] en: "a schedule needs at least one step, from_year = 0",
        sv: "En räntetrappa behöver minst ett steg, from_year = 0.";
    ScheduleFirst [] en: "the first step must start at from_year = 0",
        sv: "Första steget måste börja på from_year = 0.";
    ScheduleOrder [year, previous] en: "steps must be in increasing from_year order; {year} follows {previous}",
        sv: "Stegen ska komma i stigande from_year; {year} kommer efter {previous}.";
    // Parameters and formulas (SPEC §8.1).
    FormulaSyntax [at, detail] en: "formula error at position {at}: {detail}",
        sv: "Fel i formeln vid position {at}: {detail}.";
    FormulaLimit [detail] en: "{detail}", sv: "Formeln är för lång eller för djup: {detail}.";
    NotAFormula [found] en: "'{found}' is neither a number nor a formula; a formula starts with '=' (\"= 6%\")",
        sv: "'{found}' är varken ett tal eller en formel; en formel börjar med '=' (\"= 6%\").";
    UnknownParameter [found, suggestion] en: "unknown parameter '{found}'{did_you_mean}",
        sv: "Okänd parameter '{found}'{did_you_mean}.";
    Cycle [cycle] en: "parameters depend on themselves: {cycle}", sv: "Parametrarna beror av sig själva: {cycle}.";
    DivisionByZero [at] en: "division by zero at character {at}", sv: "Division med noll vid tecken {at}.";
    RoundDigits [found] en: "round(x, n) needs n a whole number from 0 to 28, found {found}",
        sv: "round(x, n) behöver ett heltal n från 0 till 28 (nu {found}).";
    ParamId [id] en: "parameter id '{id}' must start with a letter a-z and hold only a-z, 0-9 and '_'",
        sv: "Parameter-id:t '{id}' måste börja med en bokstav a-z och bara innehålla a-z, 0-9 och '_'.";
    TooManyParameters [count, limit] en: "{count} parameters; the limit is {limit}",
        sv: "{count} parametrar; gränsen är {limit}.";
    ReservedId [id] en: "the id '{id}' is the report's own row for the aggregate; give the actor another id",
        sv: "Id:t '{id}' är rapportens egen summarad; ge aktören ett annat id.";
    CurrencyText [found] en: "a currency is 1 to 16 characters without control characters, found {found}",
        sv: "En valuta är 1 till 16 tecken utan styrtecken (nu {found}).";
    NotATable [] en: "a model is a JSON object (a table of keys), not a list or a single value",
        sv: "En modell är ett JSON-objekt (en tabell med nycklar), inte en lista eller ett enskilt värde.";
    // Time limits and groups (SPEC §8.2, §8.3).
    MaxYearsNeedsThen [] en: "a state with 'max_years' needs 'then': where people go after the limit",
        sv: "Ett tillstånd med 'max_years' behöver 'then': vart man går efter gränsen.";
    ThenNeedsMaxYears [] en: "'then' goes with 'max_years'", sv: "'then' hör ihop med 'max_years'.";
    ThenItself [state] en: "'then' must name another state than '{state}'",
        sv: "'then' måste ange ett annat tillstånd än '{state}'.";
    GroupsOnFixedCost [] en: "'groups' goes with a per-participant cost; a fixed cost is not per group",
        sv: "'groups' hör till en kostnad per deltagare; en fast kostnad gäller inte per grupp.";
    GroupsEmpty [] en: "'groups' names at least one group", sv: "'groups' anger minst en grupp.";
    UnknownGroup [found, suggestion] en: "unknown group '{found}'{did_you_mean}", sv: "Okänd grupp '{found}'{did_you_mean}.";
    StartNeeded [] en: "'intervention.start' is needed: a group has no 'start' of its own",
        sv: "'intervention.start' behövs: en grupp saknar egen 'start'.";
    // Observed trajectories from a follow-up table (`observe`).
    ObserveEmpty [] en: "the table has no rows of data", sv: "Tabellen har inga datarader.";
    ObserveMissingColumn [column, suggestion, found]
        en: "the table has no column '{column}'{did_you_mean}; its columns: {found}",
        sv: "Tabellen har ingen kolumn '{column}'{did_you_mean}; dess kolumner: {found}.";
    ObserveEmptyCell [column] en: "the column '{column}' is empty",
        sv: "Kolumnen '{column}' är tom.";
    ObservePeriod [found]
        en: "the period '{found}' is neither a cohort year (0, 1, 2 …) nor a month YYYY-MM",
        sv: "Perioden '{found}' är varken ett kohortår (0, 1, 2 …) eller en månad ÅÅÅÅ-MM.";
    ObservePeriodMixed [found, first]
        en: "the period '{found}' is of another kind than row {first}'s; use cohort years or months YYYY-MM throughout",
        sv: "Perioden '{found}' är av annat slag än på rad {first}; använd kohortår eller månader ÅÅÅÅ-MM i hela tabellen.";
    ObserveBeforeStart [person, found]
        en: "person '{person}' has period {found}, before their start (cohort year 0)",
        sv: "Person '{person}' har perioden {found}, före sin start (kohortår 0).";
    ObserveYearRange [found, max]
        en: "cohort year {found} must be between 0 and {max} (the longest horizon a model can have)",
        sv: "Kohortår {found} ska ligga mellan 0 och {max} (den längsta tidshorisont en modell kan ha).";
    ObserveBeforeStartPerson [person, found]
        en: "person '{person}' has period {found}, before their start (cohort year 0)",
        sv: "Person '{person}' har perioden {found}, före sin start (kohortår 0).";
    ObserveDuplicatePerson [person, period, count]
        en: "person '{person}' has period '{period}' on {count} rows; one row per person and period",
        sv: "Person '{person}' har perioden '{period}' på {count} rader; en rad per person och period.";
    ObserveDuplicate [person, period, first]
        en: "person '{person}' has period '{period}' already on row {first}",
        sv: "Person '{person}' har perioden '{period}' redan på rad {first}.";
    ObserveEmptyCells [column, count] en: "the column '{column}' is empty on {count} rows",
        sv: "Kolumnen '{column}' är tom på {count} rader.";
    ObservePeriodMixedPerson [found]
        en: "the period '{found}' is of another kind than the table's other periods; use cohort years or months YYYY-MM throughout",
        sv: "Perioden '{found}' är av annat slag än tabellens övriga perioder; använd kohortår eller månader ÅÅÅÅ-MM i hela tabellen.";
    ObserveUnmapped [label, count, suggestion]
        en: "the label '{label}' (rows: {count}) maps to no state{did_you_mean}; name it in the mapping file",
        sv: "Etiketten '{label}' (rader: {count}) motsvarar inget tillstånd{did_you_mean}; ange den i mappningsfilen.";
    ObserveScenario [found, suggestion]
        en: "the scenario '{found}' must be 'with' (participants) or 'without' (a comparison group){did_you_mean}",
        sv: "Scenariot '{found}' ska vara 'with' (deltagare) eller 'without' (en jämförelsegrupp){did_you_mean}.";
    ObserveGroup [found, suggestion, known]
        en: "the group '{found}' is not a group of the model{did_you_mean}; its groups: {known} (add it under [[groups]] first)",
        sv: "Gruppen '{found}' finns inte i modellen{did_you_mean}; dess grupper: {known} (lägg först till den under [[groups]]).";
    ObserveMappingValue [label]
        en: "the mapping of '{label}' must be a state id in quotes",
        sv: "Mappningen av '{label}' ska vara ett tillstånds id inom citattecken.";
    TableUnreadable [kind, detail] en: "cannot read the {kind} table: {detail}",
        sv: "Kan inte läsa tabellen ({kind}): {detail}.";
    TableSheet [found, suggestion, sheets]
        en: "the workbook has no sheet '{found}'{did_you_mean}; its sheets: {sheets}",
        sv: "Arbetsboken har inget blad '{found}'{did_you_mean}; dess blad: {sheets}.";
    TableFirstSheet [sheet, others]
        en: "the first sheet, '{sheet}', was read; the workbook also has: {others} (name the sheet with --sheet, in Python sheet=)",
        sv: "Det första bladet, '{sheet}', lästes; arbetsboken har också: {others} (ange bladet med --sheet, i Python sheet=).";
    ObserveFewPersons [series, year, persons]
        en: "{series}, cohort year {year}: the shares rest on {persons} persons, fewer than 5",
        sv: "{series}, kohortår {year}: andelarna bygger på {persons} personer, färre än 5.";
    ObserveStartDiffers [series, state, with, without]
        en: "{series}: the comparison group's cohort year 0 differs clearly from the participants' (in '{state}': {without} against {with})",
        sv: "{series}: jämförelsegruppens kohortår 0 skiljer sig tydligt från deltagarnas (i '{state}': {without} mot {with}).";
    ObserveGap [series, year, previous]
        en: "{series}: cohort year {year} has no observations; the shares of year {previous} hold",
        sv: "{series}: kohortår {year} saknar observationer; andelarna från år {previous} gäller.";
    ObserveReplaced [path]
        en: "{path} had transition rules; the observed trajectory replaces them",
        sv: "{path} hade övergångsregler; den observerade banan ersätter dem.";
    ObserveGroupOwn [group]
        en: "group '{group}' has its own start or scenario, which the observed top-level values do not change",
        sv: "Gruppen '{group}' har egen start eller eget scenario, som de observerade värdena på toppnivån inte ändrar.";
    ObserveGroupUnobserved [group]
        en: "group '{group}' has no rows in the table and is left as it was",
        sv: "Gruppen '{group}' har inga rader i tabellen och lämnas som den var.";
    ObserveNoStart []
        en: "the table has no participants (scenario 'with') in cohort year 0, so the model's start is left as it was",
        sv: "Tabellen har inga deltagare (scenario 'with') i kohortår 0, så modellens start lämnas som den var.";
    // Evaluation and uncertainty.
    Overflow [] en: "a result is beyond the range of exact decimals (about ±7.9·10^28); reduce amounts, participants or the horizon",
        sv: "Ett resultat hamnar utanför vad exakta decimaltal rymmer (ungefär ±7,9·10^28); minska belopp, deltagare eller tidshorisont.";
    RunsRange [max, found] en: "runs must be between 1 and {max}, found {found}",
        sv: "Antalet körningar ska vara mellan 1 och {max} (nu {found}).";
    DrawsTooMany [max, found]
        en: "keeping every run's npv is limited to {max} runs × rows values, found {found}; run without draws",
        sv: "Att spara varje körnings nettonuvärde är begränsat till {max} värden (körningar × rader), nu {found}; kör utan dragningar.";
}

/// Renders a template with its values; `{did_you_mean}` comes from the value `suggestion`.
pub fn render(msg: Msg, values: &[(String, String)], lang: Lang) -> String {
    let t = msg.template(lang);
    let mut out = String::with_capacity(t.len() + 32);
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        let value = |n: &str| values.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        if name == "did_you_mean" {
            if let Some(s) = value("suggestion").filter(|s| !s.is_empty()) {
                out.push_str(&lang.pick(
                    format!(" – menade du '{s}'?"),
                    format!(" — did you mean '{s}'?"),
                ));
            }
        } else if let Some(v) = value(name) {
            out.push_str(v);
        } else {
            // Not one of our placeholders (a literal brace in the text): keep it.
            out.push('{');
            out.push_str(name);
            out.push('}');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    // "… menade du 'x'?." reads badly: a question ends the sentence.
    out.replace("?.", "?")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every template in both languages: each declared value appears in it (or, for
    /// `suggestion`, `{did_you_mean}`), and no placeholder is left unfilled.
    #[test]
    fn every_template_names_its_values_in_both_languages() {
        for &m in Msg::ALL {
            let values: Vec<(String, String)> = m
                .fields()
                .iter()
                .map(|f| (f.to_string(), format!("<{f}>")))
                .collect();
            for lang in [Lang::Sv, Lang::En] {
                let t = m.template(lang);
                for f in m.fields() {
                    let slot = if *f == "suggestion" {
                        "{did_you_mean}".to_string()
                    } else {
                        format!("{{{f}}}")
                    };
                    assert!(t.contains(&slot), "{m:?} {lang:?} lacks {slot}: {t}");
                }
                let text = render(m, &values, lang);
                for f in m.fields() {
                    if *f != "suggestion" {
                        assert!(text.contains(&format!("<{f}>")), "{m:?} {lang:?}: {text}");
                    }
                }
                let leftover = text.replace("{ municipality = 1 }", "");
                assert!(!leftover.contains('{'), "{m:?} {lang:?}: {text}");
            }
            assert_ne!(m.template(Lang::Sv), m.template(Lang::En), "{m:?}");
        }
    }

    #[test]
    fn suggestions_are_said_in_each_language() {
        let v = vec![
            ("found".to_string(), "municipalty".to_string()),
            ("suggestion".to_string(), "municipality".to_string()),
        ];
        assert_eq!(
            render(Msg::UnknownActor, &v, Lang::En),
            "unknown actor 'municipalty' — did you mean 'municipality'?"
        );
        assert_eq!(
            render(Msg::UnknownActor, &v, Lang::Sv),
            "Okänd aktör 'municipalty' – menade du 'municipality'?"
        );
    }
}
