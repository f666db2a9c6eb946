// Types of the ekusia browser package (wasm/js/ekusia.js).
export interface Problem {
  code: string; path: string;
  /** In English. */
  message: string;
  /** In each language, from the core's template. */
  messages?: { sv: string; en: string };
  /** The template's key and its values (found, min, max, ids …). */
  key?: string; values?: Record<string, string>;
}
export interface ModelError extends Error { code: string; path: string; problems: Problem[] }
export type Decimal = string;
export type ActorKind = "public" | "individual" | "other";
export type RowKind = ActorKind | "aggregate";
export interface YearRow {
  year: number; discount_factor: Decimal; with: Decimal; without: Decimal; effect: Decimal;
  cost: Decimal; net: Decimal; pv_net: Decimal; cumulative_pv_net: Decimal;
}
export interface Names { sv: string; en: string }
export interface Row {
  id: string; name: string; names: Names; kind: RowKind;
  pv_effect: Decimal; pv_cost: Decimal; npv: Decimal; bcr: Decimal | null; roi: Decimal | null;
  payback_year: number | null; break_even_effect: Decimal | null; npv_per_participant: Decimal | null;
  success_value: Decimal | null; break_even_successes: Decimal | null; fair_cost_share: Decimal | null;
  /** Months until the cumulative discounted net turns non-negative for good (SPEC §8.6); null
   * where payback_year is. */
  payback_months: Decimal | null;
  /** pv_cost / participants; null without participants. */
  pv_cost_per_participant: Decimal | null;
  /** With `analysis.success`: the value if every participant were in its `to` state, and
   * pv_effect / potential (null where potential ≤ 0); both null without a success. */
  potential: Decimal | null; efficiency: Decimal | null;
  /** The sums over the first `years` years, for each of `analysis.milestones`. */
  milestones: Milestone[];
  /** pv_effect by flow type and category (SPEC §8.5), every key of the model, the same list per row. */
  breakdown: BreakdownEntry[];
  /** pv_cost by intervention cost item, in file order. */
  cost_breakdown: { name: string; pv_cost: Decimal }[];
  years: YearRow[];
}
export interface Milestone { years: number; pv_effect: Decimal; pv_cost: Decimal; npv: Decimal }
export interface BreakdownEntry { type: "transfer" | "resource" | "production"; category: string | null; pv_effect: Decimal }
/** An outcome that is not money (SPEC §8.4): sums over the horizon (undiscounted), its present
 * value at its own rate, and each row's net cost per unit (null where pv_effect is 0). */
export interface OutcomeReport {
  id: string; name: string; names: Names; unit: Names | null;
  with: Decimal; without: Decimal; effect: Decimal; pv_effect: Decimal;
  net_cost_per_unit: Record<string, Decimal | null>;
  years: { year: number; discount_factor: Decimal; with: Decimal; without: Decimal; effect: Decimal }[];
}
/** A target group's share of the result (SPEC §8.3): one entry per report row. */
export interface GroupReport {
  id: string; name: string; names: Names;
  /** Participants of its cohorts that start inside the horizon. */
  participants: number;
  rows: { id: string; pv_effect: Decimal; pv_effect_per_participant: Decimal | null }[];
}
export interface Report {
  format: "ekusia-report/1.1";
  model: {
    name: string; currency: string; price_year: number | null; horizon: number; discount_rates: Decimal[];
    participants: number; attribution: Decimal; success: { from: string; to: string; years: number } | null;
    /** Every parameter's point value after evaluation, base parameters first (SPEC §8.1). */
    parameters: { id: string; value: Decimal }[];
  };
  warnings: string[];
  rows: Row[];
  /** Per target group; `[]` for a model without groups. */
  groups: GroupReport[];
  /** The model's outcomes that are not money; `[]` when it has none. */
  outcomes: OutcomeReport[];
}
export type ModelInput = string | Record<string, unknown>;
/** `source`: the .wasm file's URL, a fetched Response, its bytes or a compiled module; by default the
 * file next to the module. */
export function load(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export function evaluate(model: ModelInput): Report;
export function evaluateJson(model: ModelInput): string;
export function validate(model: ModelInput): { problems: Problem[]; warnings: string[] };
/** A name or unit: one text, or one per language. */
export type LocalName = string | Record<string, string>;
/** A number as a model writes it: a decimal's text, a formula ("= wage_month * 12"), or a distribution. */
export type Definition = Decimal | Distribution;
/** A yearly flow of a state, as written (amounts as text, formulas or distributions). */
export interface Flow {
  type: "transfer" | "resource" | "production";
  from?: string; to?: string; actor?: string; amount: Definition; label?: string; category?: string;
}
export interface DescribedState {
  id: string; name: LocalName; flows: Flow[];
  /** The time limit (SPEC §8.2), or null. */
  max_years: Decimal | null; then: string | null;
  /** Whether the model's base has a state with this id (the model's own one replaces it). */
  base: boolean;
}
export interface DescribedParameter {
  id: string;
  /** Its point value as the report states it (`model.parameters`). */
  value: Decimal;
  /** As written: a number's text, a formula "= …" or a distribution. */
  definition: Definition;
  name: LocalName | null; unit: LocalName | null; source: string | null; year: number | null;
  quality: "verified" | "derived" | "assumption" | null;
  /** Whether the model's base has a parameter with this id (the model's own one replaces it). */
  base: boolean;
}
/** What a valid model resolves to, its base merged: for editors. */
export interface Description {
  actors: { id: string; name: LocalName; kind: ActorKind }[];
  states: DescribedState[];
  parameters: DescribedParameter[];
}
export function describe(model: ModelInput): Description;
export function toModelObject(model: ModelInput): Record<string, unknown>;
export function bases(): { name: string; description: string }[];
export function schema(): Record<string, unknown>;
export function examples(): { id: string; name: string; description: string | null; model: Record<string, unknown> }[];
/** An uncertain number of a model, as written in it (SPEC §6). */
export type Distribution =
  | { dist: "triangular" | "pert"; min: Decimal; mode: Decimal; max: Decimal }
  | { dist: "uniform"; min: Decimal; max: Decimal }
  | { dist: "normal"; mean: Decimal; sd: Decimal };
export interface SimulationRow {
  id: string; name: string; names: Names; kind: RowKind; mean: number; sd: number; p5: number; p50: number; p95: number;
  p_positive: number; histogram: { min: number; max: number; counts: number[] };
}
export interface Simulation {
  format: "ekusia-simulation/1"; runs: number; seed: number; quantiles: "exact" | "histogram";
  parameters: { path: string; dist: Distribution }[]; rows: SimulationRow[];
}
export interface Sensitivity {
  format: "ekusia-sensitivity/1"; method: "distributions" | "plus_minus_20_percent";
  /** The report row whose npv is varied, and its npv with every value as it is. */
  row: string; npv: Decimal;
  /** `names`: a parameter's name (SPEC §8.1) when the bar is one that has a name, else null;
   * `label`: the path with entries named by what tells them apart, which `setValue` takes. */
  rows: { path: string; label: string; names: Names | null; low: Decimal; high: Decimal; npv_low: Decimal; npv_high: Decimal; swing: Decimal }[];
  skipped: { path: string; reason: string }[];
}
export function simulate(model: ModelInput, runs?: number, seed?: number): Simulation;
export function sensitivity(model: ModelInput, options?: { row?: string }): Sensitivity;
/** A model value: a number as text, a formula, a table or list of them. */
export type ModelValue = Decimal | number | bigint | boolean | null | ModelValue[] | { [key: string]: ModelValue };
/** A copy of the model (its JSON form) with the value at `path` replaced; paths by selector
 * (`scenarios.with.transitions[from=a,to=b].share`) or by position. */
export function setValue(model: ModelInput, path: string, value: ModelValue): Record<string, unknown>;
/** The value at `path`: numbers as strings, tables as objects. */
export function getValue(model: ModelInput, path: string): ModelValue;
export function evaluateRepeat(model: ModelInput, n: number): Decimal;
export function version(): string;
/** The report of a model as an Excel workbook (`.xlsx` bytes), the same bytes as
 * `ekusia run --format xlsx --lang <lang>`; `lang` is "sv" (default) or "en". The Excel writer
 * is a second module, loaded on the first call. */
export function reportXlsx(modelText: ModelInput, lang?: string): Promise<Uint8Array>;
/** Loads the Excel module (a URL, a Response or the bytes); `reportXlsx` does it when needed. */
export function loadXlsx(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<unknown>;
/** A problem's message in `lang`, as the core words it (or its own message when it has none). */
export function problemText(problem: { code?: string; path?: string; message: string; messages?: { sv: string; en: string } }, lang: string): string;
/** Money in whole units of `currency` (`1 234 567 kr`), rounded half away from zero by the core. */
export function formatMoney(value: Decimal | number, currency: string, lang?: string): string;
/** A number rounded half away from zero to `decimals` places, written for `lang` by the core. */
export function formatNumber(value: Decimal | number, decimals: number, lang?: string): string;
