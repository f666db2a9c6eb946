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
  years: YearRow[];
}
export interface Report {
  format: "ekusia-report/1";
  model: {
    name: string; currency: string; price_year: number | null; horizon: number; discount_rates: Decimal[];
    participants: number; attribution: Decimal; success: { from: string; to: string; years: number } | null;
  };
  warnings: string[];
  rows: Row[];
}
export type ModelInput = string | Record<string, unknown>;
/** `source`: the .wasm file's URL, a fetched Response, its bytes or a compiled module; by default the
 * file next to the module. */
export function load(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export function evaluate(model: ModelInput): Report;
export function evaluateJson(model: ModelInput): string;
export function validate(model: ModelInput): { problems: Problem[]; warnings: string[] };
export function describe(model: ModelInput): {
  actors: { id: string; name: string | Record<string, string>; kind: ActorKind }[];
  states: { id: string; name: string | Record<string, string> }[];
};
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
  format: "ekusia-sensitivity/1"; method: "distributions" | "plus_minus_20_percent"; npv: Decimal;
  rows: { path: string; low: Decimal; high: Decimal; npv_low: Decimal; npv_high: Decimal; swing: Decimal }[];
  skipped: { path: string; reason: string }[];
}
export function simulate(model: ModelInput, runs?: number, seed?: number): Simulation;
export function sensitivity(model: ModelInput): Sensitivity;
export function evaluateRepeat(model: ModelInput, n: number): Decimal;
export function version(): string;
/** A problem's message in `lang`, as the core words it (or its own message when it has none). */
export function problemText(problem: { code?: string; path?: string; message: string; messages?: { sv: string; en: string } }, lang: string): string;
/** Money in whole units of `currency` (`1 234 567 kr`), rounded half away from zero by the core. */
export function formatMoney(value: Decimal | number, currency: string, lang?: string): string;
/** A number rounded half away from zero to `decimals` places, written for `lang` by the core. */
export function formatNumber(value: Decimal | number, decimals: number, lang?: string): string;
