// The JS package's types in use: every export called the way the page, the worker and the Node
// tests call it, and the results' fields read, so a wrong or missing type in wasm/js/ekusia.d.ts
// fails `make lint-js` (tsc --noEmit, strict). Never run; only type-checked.
import * as ek from "../../wasm/js/ekusia.js";
import type { BreakdownEntry, Decimal, Definition, Description, GroupReport, Milestone, ModelError, Names, OutcomeReport, Problem, Report, Row, Sensitivity, Simulation, SimulationRow } from "../../wasm/js/ekusia.js";

declare const wasmBytes: Uint8Array<ArrayBuffer>;
declare const toml: string;

export async function usage(): Promise<string[]> {
  const out: string[] = [];
  // load: nothing (next to the module), a URL, a fetched Response, or the bytes.
  await ek.load();
  await ek.load(new URL("./ekusia_wasm_bg.wasm", import.meta.url));
  await ek.load(await fetch("./pkg/ekusia_wasm_bg.wasm"));
  await ek.load(wasmBytes);

  // Models as TOML or JSON text, or the object form.
  const model: Record<string, unknown> = ek.toModelObject(toml);
  const report: Report = ek.evaluate(model);
  const json: string = ek.evaluateJson(toml);
  out.push(json, report.format, report.model.name, report.model.currency, String(report.model.price_year ?? "–"));
  const participants: number = report.model.participants + report.model.horizon;
  const rates: Decimal[] = report.model.discount_rates;
  const attribution: Decimal = report.model.attribution;
  out.push(String(participants), ...rates, attribution, ...report.warnings);
  const success = report.model.success;
  if (success) out.push(success.from, success.to, String(success.years + 1));
  const society: Row | undefined = report.rows.find((r) => r.id === "society");
  if (society) {
    const kind: "public" | "individual" | "other" | "aggregate" = society.kind;
    const payback: number | null = society.payback_year;
    const optional: (Decimal | null)[] = [society.bcr, society.roi, society.break_even_effect, society.npv_per_participant,
      society.success_value, society.break_even_successes, society.fair_cost_share];
    const names: Names = society.names;
    out.push(kind, society.name, names.sv, names.en, society.npv, society.pv_effect, society.pv_cost, String(payback), ...optional.map((d) => d ?? "–"));
    // Money and numbers as the core writes them, from a decimal's text or a float.
    out.push(ek.formatMoney(society.npv, report.model.currency, "sv"), ek.formatMoney(1.5e7, "EUR"));
    out.push(ek.formatNumber(society.bcr ?? "0", 2, "en"), ek.formatNumber(0.125, 1));
    for (const y of society.years) {
      const year: number = y.year;
      out.push(String(year), y.discount_factor, y.with, y.without, y.effect, y.cost, y.net, y.pv_net, y.cumulative_pv_net);
    }
    // The 1.1 figures (SPEC §8.5, §8.6).
    const extra: (Decimal | null)[] = [society.payback_months, society.pv_cost_per_participant, society.potential, society.efficiency];
    out.push(...extra.map((d) => d ?? "–"));
    for (const m of society.milestones as Milestone[]) out.push(String(m.years + 1), m.pv_effect, m.pv_cost, m.npv);
    for (const b of society.breakdown as BreakdownEntry[]) {
      const type: "transfer" | "resource" | "production" = b.type;
      out.push(type, b.category ?? "–", b.pv_effect);
    }
    for (const c of society.cost_breakdown) out.push(c.name, c.pv_cost);
  }
  // Outcomes that are not money (SPEC §8.4).
  for (const o of report.outcomes as OutcomeReport[]) {
    out.push(o.id, o.name, o.names.sv, o.unit?.en ?? "–", o.with, o.without, o.effect, o.pv_effect);
    for (const [row, cost] of Object.entries(o.net_cost_per_unit)) out.push(row, cost ?? "–");
    for (const y of o.years) out.push(String(y.year), y.discount_factor, y.with, y.without, y.effect);
  }

  // Problems, where each belongs and in the page's language.
  const check = ek.validate(model);
  const problems: Problem[] = check.problems;
  for (const p of problems) {
    out.push(p.code, p.path, p.message, ek.problemText(p, "sv"), ek.problemText(p, "en"));
    // The core's template and its values, and the message in each language.
    if (p.key && p.values) out.push(p.key, ...Object.entries(p.values).map(([k, v]) => `${k}=${v}`));
    if (p.messages) out.push(p.messages.sv, p.messages.en);
  }
  out.push(...check.warnings);
  // The worker sends an error's fields on; problemText takes them.
  out.push(ek.problemText({ code: "parse", path: "", message: "expected a value" }, "sv"));
  out.push(ek.problemText({ code: "limit", path: "runs", message: "runs …", messages: { sv: "Antalet …", en: "runs …" } }, "sv"));
  try {
    ek.evaluate("format = 1");
  } catch (e) {
    const err = e as ModelError;
    out.push(err.message, err.code, err.path, ...err.problems.map((p) => `${p.path}: ${p.message}`));
  }

  // Names of the actors and states, in every language the base gives.
  const described: Description = ek.describe(model);
  for (const a of described.actors) {
    const kind: "public" | "individual" | "other" = a.kind;
    out.push(a.id, kind, typeof a.name === "string" ? a.name : a.name.sv ?? a.id);
  }
  for (const s of described.states) {
    out.push(s.id, typeof s.name === "string" ? s.name : s.name.en ?? s.id, String(s.base), s.max_years ?? "–", s.then ?? "–");
    // A state's flows as written, to copy a base state into the model.
    for (const f of s.flows) out.push(f.type, f.from ?? f.actor ?? "", f.to ?? "", typeof f.amount === "string" ? f.amount : f.amount.dist);
  }
  // The parameters, base first: the value as evaluated, the definition as written, the metadata.
  for (const p of described.parameters) {
    const d: Definition = p.definition;
    const quality: "verified" | "derived" | "assumption" | null = p.quality;
    out.push(p.id, p.value, typeof d === "string" ? d : d.dist, String(p.base), quality ?? "–", p.source ?? "–", String(p.year ?? "–"));
    if (p.name) out.push(typeof p.name === "string" ? p.name : p.name.sv ?? p.id);
    if (p.unit) out.push(typeof p.unit === "string" ? p.unit : p.unit.en ?? "");
  }
  // The 1.1 report: parameters' values and the target groups.
  for (const p of report.model.parameters) out.push(p.id, p.value);
  for (const g of report.groups) {
    const group: GroupReport = g;
    out.push(group.id, group.name, group.names.sv, String(group.participants));
    for (const r of group.rows) out.push(r.id, r.pv_effect, r.pv_effect_per_participant ?? "–");
  }

  // The bundled bases, the schema and the examples.
  for (const b of ek.bases()) out.push(b.name, b.description);
  const schema: Record<string, unknown> = ek.schema();
  out.push(String(schema.$schema));
  for (const e of ek.examples()) {
    out.push(e.id, e.name, e.description ?? "");
    ek.evaluate(e.model);
  }

  // Uncertainty: the simulation's floats and the tornado's exact decimals.
  const sim: Simulation = ek.simulate(model, 10000, 1);
  ek.simulate(toml);
  out.push(sim.format, String(sim.runs), String(sim.seed), sim.quantiles);
  for (const p of sim.parameters) {
    out.push(p.path, p.dist.dist);
    if (p.dist.dist === "normal") out.push(p.dist.mean, p.dist.sd);
    else if (p.dist.dist === "uniform") out.push(p.dist.min, p.dist.max);
    else out.push(p.dist.min, p.dist.mode, p.dist.max);
  }
  const row: SimulationRow = sim.rows[0];
  const stats: number[] = [row.mean, row.sd, row.p5, row.p50, row.p95, row.p_positive, row.histogram.min, row.histogram.max, ...row.histogram.counts];
  const simKind: Row["kind"] = row.kind;
  out.push(row.id, row.name, row.names.sv, row.names.en, simKind, ...stats.map(String));
  const sens: Sensitivity = ek.sensitivity(model);
  out.push(sens.format, sens.method, sens.row, sens.npv);
  for (const r of sens.rows) out.push(r.path, r.label, r.names?.sv ?? r.path, r.low, r.high, r.npv_low, r.npv_high, r.swing);
  const municipal: Sensitivity = ek.sensitivity(model, { row: "municipality" });
  out.push(municipal.row);
  const path = "scenarios.with.transitions[from=social_assistance,to=employment].share";
  const edited: Record<string, unknown> = ek.setValue(model, path, "0.12");
  const value: ek.ModelValue = ek.getValue(edited, path);
  out.push(String(value));
  for (const s of sens.skipped) out.push(s.path, s.reason);

  const npv: Decimal = ek.evaluateRepeat(model, 200);
  out.push(npv, ek.version());
  await ek.loadXlsx(new URL("./ekusia_wasm_xlsx_bg.wasm", import.meta.url));
  const workbook: Uint8Array = await ek.reportXlsx(model, "sv");
  out.push(String(workbook.byteLength), String((await ek.reportXlsx(model)).length));
  return out;
}
