// <ekusia-calculator>: an embeddable socio-economic calculator for social interventions.
//
// Embed with one module script and one tag:
//   <script type="module" src="https://…/ekusia-calculator.js"></script>
//   <ekusia-calculator lang="sv" example="jobbspar-forsorjningsstod"></ekusia-calculator>
//
// Every number comes from the ekusia core (Rust compiled to WebAssembly, ./pkg/). This file
// only edits the model (kept in its JSON form, numbers as strings so nothing passes through a
// binary float), shows the report and draws the chart.
import * as ek from "./pkg/ekusia.js";

const T = {
  sv: {
    title: "Samhällsekonomisk kalkyl", example: "Modell", fromBase: "Börja från se-2024 (tom insats)",
    general: "Allmänt", name: "Namn", horizon: "Tidshorisont (år)", rate: "Diskonteringsränta (andel, t.ex. 0,035)",
    rateStep: "Ränta från år", attribution: "Andel av effekten som tillskrivs insatsen (0–1)",
    cohorts: "Deltagare och kohorter", startYear: "Startår", participants: "Antal deltagare", addCohort: "Lägg till kohort",
    costs: "Kostnader och finansiering", costName: "Kostnad", costKind: "Typ", fixed: "Fast belopp per år",
    perParticipant: "Per deltagare", amount: "Belopp (kr)", years: "År (t.ex. 0, 1, 2)", cohortYear: "Kohortår",
    financing: "Finansiering (vikter)", addCost: "Lägg till kostnad",
    start: "Utgångsläge (andel i varje tillstånd vid start)", outcomes: "Utfall",
    with: "Med insatsen", without: "Utan insatsen (kontrafaktiskt)", mode: "Beskrivs som",
    stay: "Alla stannar där de började", transitions: "Övergångar mellan tillstånd", trajectory: "Fördelning per år",
    from: "Från", to: "Till", share: "Andel", fromYear: "Från år", toYear: "Till år", year: "Från år",
    addTransition: "Lägg till övergång", addEntry: "Lägg till år", remove: "Ta bort",
    success: "Hur många behöver lyckas?", successOn: "Räkna ut antal som behöver lyckas", successYears: "Antal år i det nya tillståndet",
    results: "Resultat", society: "Samhällets nettonuvärde", publicSector: "Offentlig sektor", payback: "Återbetald år",
    actor: "Aktör", npv: "Nettonuvärde", bcr: "Nytta/\u200bkostnad", breakEven: "Antal som måste lyckas", fair: "Rättvis kost\u00adnads\u00adandel",
    pays: "Betalar nu", chart: "Ackumulerat diskonterat netto per aktör", chartNote: "En prick markerar återbetalningsåret.",
    recomputed: "Omräknat på", ms: "ms", invalid: "Modellen har fel – det senaste giltiga resultatet visas.",
    export: "Exportera modell (JSON)", import: "Importera modell", shareLink: "Kopiera delningslänk", reset: "Återställ exemplet",
    linkCopied: "Länken är kopierad.", warnings: "Varningar", year0: "år", none: "–", lang: "In English",
    loading: "Laddar beräkningsmotorn…", problems: "Fel i modellen", otherErrors: "Övriga fel",
    notPaying: "betalar inte", rest: "rest",
    uncertainty: "Osäkerhet", runSim: "Kör osäkerhetsanalys", runs: "Antal körningar", seed: "Frö",
    pPositive: "Sannolikhet att samhällets nettonuvärde > 0", simulated: "Simulerat i webbläsaren på",
    histogram: "Fördelning av samhällets nettonuvärde", tornado: "Vilka antaganden betyder mest? (samhällets nettonuvärde)",
    noDists: "Modellen har inga fördelningar: alla körningar blir lika. Känslighetsanalysen varierar varje belopp och andel ±20 %.",
    distHint: "Osäkra värden skrivs som tri(min; troligast; max), uni(min; max), pert(min; troligast; max) eller norm(medel; sd).",
    running: "Räknar…", low: "låg", high: "hög",
  },
  en: {
    title: "Socio-economic calculator", example: "Model", fromBase: "Start from se-2024 (empty intervention)",
    general: "General", name: "Name", horizon: "Horizon (years)", rate: "Discount rate (fraction, e.g. 0.035)",
    rateStep: "Rate from year", attribution: "Share of the effect attributed to the intervention (0–1)",
    cohorts: "Participants and cohorts", startYear: "Start year", participants: "Participants", addCohort: "Add cohort",
    costs: "Costs and financing", costName: "Cost", costKind: "Kind", fixed: "Fixed amount per year",
    perParticipant: "Per participant", amount: "Amount (SEK)", years: "Years (e.g. 0, 1, 2)", cohortYear: "Cohort year",
    financing: "Financing (weights)", addCost: "Add cost",
    start: "Starting point (share in each state at the start)", outcomes: "Outcomes",
    with: "With the intervention", without: "Without it (counterfactual)", mode: "Described as",
    stay: "Everyone stays where they started", transitions: "Transitions between states", trajectory: "Distribution per year",
    from: "From", to: "To", share: "Share", fromYear: "From year", toYear: "To year", year: "From year",
    addTransition: "Add transition", addEntry: "Add year", remove: "Remove",
    success: "How many must succeed?", successOn: "Compute how many must succeed", successYears: "Years in the new state",
    results: "Results", society: "Society's net present value", publicSector: "Public sector", payback: "Payback year",
    actor: "Actor", npv: "NPV", bcr: "Benefit/cost", breakEven: "Successes to break even", fair: "Fair cost share",
    pays: "Pays now", chart: "Cumulative discounted net per actor", chartNote: "A dot marks the payback year.",
    recomputed: "Recomputed in", ms: "ms", invalid: "The model has errors – the last valid result is shown.",
    export: "Export model (JSON)", import: "Import model", shareLink: "Copy share link", reset: "Reset the example",
    linkCopied: "The link is copied.", warnings: "Warnings", year0: "year", none: "–", lang: "På svenska",
    loading: "Loading the engine…", problems: "Problems in the model", otherErrors: "Other problems",
    notPaying: "pays nothing", rest: "rest",
    uncertainty: "Uncertainty", runSim: "Run the uncertainty analysis", runs: "Runs", seed: "Seed",
    pPositive: "Probability that society's net present value > 0", simulated: "Simulated in the browser in",
    histogram: "Distribution of society's net present value", tornado: "Which assumptions matter most? (society's NPV)",
    noDists: "The model has no distributions: every run is the same. The sensitivity analysis varies each amount and share by ±20 %.",
    distHint: "Write uncertain values as tri(min; mode; max), uni(min; max), pert(min; mode; max) or norm(mean; sd).",
    running: "Computing…", low: "low", high: "high",
  },
};

const COLORS = ["#1b6ca8", "#d1495b", "#c98a00", "#00798c", "#6a4c93", "#7a7a7a", "#2e4057", "#3c9d3c"];

const STYLE = `
:host { position: relative; display: block; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2733; --accent: #1b6ca8; --bad: #b3261e; }
* { box-sizing: border-box; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; } h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.bar { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
.bar label { display: flex; flex-direction: column; font-size: .85rem; }
button, select, input { font: inherit; }
button { border: 1px solid #9aa7b4; background: #f4f6f8; border-radius: 6px; padding: .35rem .7rem; cursor: pointer; }
button:hover { background: #e6ebf0; } button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f2b705; outline-offset: 1px; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.15fr); gap: 1.5rem; }
.results { position: sticky; top: .5rem; align-self: start; max-height: calc(100vh - 1rem); overflow-y: auto; }
@media (max-width: 820px) { .grid { grid-template-columns: minmax(0, 1fr); } .results { order: -1; position: static; max-height: none; } }
.bar label { max-width: 100%; } .bar select { max-width: 100%; }
fieldset { border: 1px solid #d5dbe1; border-radius: 8px; margin: 0 0 1rem; padding: .6rem .8rem .8rem; min-width: 0; }
legend { font-weight: 600; padding: 0 .3rem; }
.field { display: flex; flex-direction: column; margin: .35rem 0; font-size: .9rem; }
.field input, .field select { padding: .3rem .4rem; border: 1px solid #9aa7b4; border-radius: 5px; max-width: 100%; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
.row .field { flex: 1 1 7rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { padding: .3rem .4rem; border-bottom: 1px solid #e1e6eb; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { white-space: normal; vertical-align: bottom; font-size: .82rem; hyphens: manual; }
td input { width: 6.5rem; padding: .2rem .3rem; border: 1px solid #9aa7b4; border-radius: 4px; }
td select { max-width: 11rem; }
tr.agg td { font-weight: 600; background: #f4f7fa; }
.err { color: var(--bad); font-size: .82rem; margin-top: .15rem; white-space: normal; }
[aria-invalid="true"] { border-color: var(--bad) !important; background: #fff4f3; }
fieldset.invalid { border-color: var(--bad); }
.banner { background: #fff4f3; border: 1px solid var(--bad); color: var(--bad); padding: .5rem .7rem; border-radius: 6px; margin-bottom: .6rem; }
.stale .figures, .sim-out.stale { opacity: .55; }
.headline { display: flex; flex-wrap: wrap; gap: 1rem; margin-bottom: .6rem; }
.card { background: #f4f7fa; border-radius: 8px; padding: .5rem .8rem; min-width: 9rem; }
.card .label { font-size: .8rem; color: #4a5663; } .card .value { font-size: 1.35rem; font-weight: 650; }
.neg { color: var(--bad); }
.muted { color: #5b6773; font-size: .82rem; }
.vh { position: absolute !important; left: 0; top: 0; width: 1px !important; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
svg text { font-size: 11px; fill: #333; }
.link { width: 100%; font-size: .8rem; margin-top: .3rem; }
`;

// ---- helpers -------------------------------------------------------------------------
function parsePath(path) {
  const out = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}
function getAt(obj, path) {
  let node = obj;
  for (const k of parsePath(path)) { if (node == null) return undefined; node = node[k]; }
  return node;
}
function setAt(obj, path, value) {
  const keys = parsePath(path);
  let node = obj;
  keys.slice(0, -1).forEach((k, i) => {
    if (node[k] == null) node[k] = typeof keys[i + 1] === "number" ? [] : {};
    node = node[k];
  });
  const last = keys.at(-1);
  if (value === undefined) { if (Array.isArray(node)) node.splice(last, 1); else delete node[last]; }
  else node[last] = value;
}
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
// Numbers typed with a Swedish decimal comma are stored with a point, as text (exact).
const cleanNumber = (s) => s.trim().replace(/\s/g, "").replace(",", ".");
// Uncertain values: "tri(0.03; 0.06; 0.1)" in a field ⇄ { dist: "triangular", min, mode, max }.
const DISTS = { tri: ["triangular", ["min", "mode", "max"]], uni: ["uniform", ["min", "max"]], pert: ["pert", ["min", "mode", "max"]], norm: ["normal", ["mean", "sd"]] };
const SHORT = { triangular: "tri", uniform: "uni", pert: "pert", normal: "norm" };
function parseParam(text) {
  const m = /^\s*(tri|triangular|uni|uniform|pert|norm|normal)\s*\((.*)\)\s*$/i.exec(text);
  if (!m) return cleanNumber(text);
  const key = m[1].toLowerCase().slice(0, m[1].toLowerCase().startsWith("pert") ? 4 : m[1].toLowerCase().startsWith("norm") ? 4 : 3);
  const [dist, fields] = DISTS[key];
  const parts = (m[2].includes(";") ? m[2].split(";") : m[2].split(",")).map(cleanNumber);
  const out = { dist };
  fields.forEach((f, i) => { if (parts[i] !== undefined && parts[i] !== "") out[f] = parts[i]; });
  return out;
}
function fmtParam(v) {
  if (v && typeof v === "object" && v.dist) {
    const fields = DISTS[SHORT[v.dist]]?.[1] ?? [];
    return `${SHORT[v.dist] ?? v.dist}(${fields.map((f) => v[f] ?? "").join("; ")})`;
  }
  return v;
}
const nameOf = (name, lang) => (typeof name === "string" ? name : name?.[lang] ?? name?.sv ?? name?.en ?? Object.values(name ?? {})[0] ?? "");
function b64encode(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = ""; bytes.forEach((b) => (bin += String.fromCharCode(b)));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function b64decode(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

const BLANK = {
  format: "ekusia-model/1", name: "Ny insats", base: "se-2024", horizon: "10", discount_rate: "0.035",
  intervention: {
    start: { social_assistance: "1" },
    cohorts: [{ start_year: "0", participants: "20" }],
    costs: [{ name: "Insatsens kostnad", amount: "1000000", years: ["0"], financing: { municipality: "1" } }],
  },
  scenarios: {
    with: { trajectory: [{ year: "1", shares: { employment: "0.25", social_assistance: "rest" } }] },
    without: { trajectory: [{ year: "1", shares: { employment: "0.1", social_assistance: "rest" } }] },
  },
};

let uid = 0;

class EkusiaCalculator extends HTMLElement {
  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    this.lang = "sv";
    this.model = null;
    this.report = null;
    this.describe = null;
    this.problems = [];
    this.examples = [];
    this.exampleId = "";
    this.timing = null;
    this.id_ = `ek${++uid}`;
  }

  get storageKey() { return this.getAttribute("storage-key") || "ekusia.calculator.v1"; }
  t(k) { return T[this.lang][k] ?? k; }

  async connectedCallback() {
    this.lang = this.getAttribute("lang") === "en" ? "en" : "sv";
    this.root.innerHTML = `<style>${STYLE}</style><p>${this.t("loading")}</p>`;
    await ek.load(this.getAttribute("wasm") || undefined);
    this.examples = ek.examples();
    this.restore();
    this.renderAll();
  }

  // ---- state ---------------------------------------------------------------------------
  restore() {
    const hash = new URLSearchParams(location.hash.slice(1)).get("model");
    if (hash) {
      try { this.model = JSON.parse(b64decode(hash)); this.exampleId = ""; return; } catch { /* fall through */ }
    }
    try {
      const saved = JSON.parse(localStorage.getItem(this.storageKey) || "null");
      if (saved?.model) { this.model = saved.model; this.exampleId = saved.example ?? ""; if (saved.lang) this.lang = saved.lang; return; }
    } catch { /* ignore a corrupt store */ }
    this.loadExample(this.getAttribute("example") || this.examples[0]?.id);
  }
  loadExample(id) {
    const ex = this.examples.find((e) => e.id === id);
    this.exampleId = ex ? ex.id : "";
    this.model = structuredClone(ex ? ex.model : BLANK);
  }
  save() {
    try { localStorage.setItem(this.storageKey, JSON.stringify({ model: this.model, example: this.exampleId, lang: this.lang })); } catch { /* private mode */ }
  }

  // ---- computing ---------------------------------------------------------------------------
  compute() {
    const t0 = performance.now();
    const check = ek.validate(this.model);
    this.problems = check.problems;
    if (!this.problems.length) {
      try {
        this.report = ek.evaluate(this.model);
        this.describe = ek.describe(this.model);
      } catch (e) {
        this.problems = e.problems ?? [{ code: e.code ?? "error", path: e.path ?? "", message: e.message }];
      }
    } else if (!this.describe) {
      // Labels for the editor even when the very first model is invalid.
      try { this.describe = ek.describe({ format: "ekusia-model/1", name: "-", base: "se-2024", intervention: { start: { social_assistance: 1 } } }); } catch { /* none */ }
    }
    this.renderResults();
    this.renderProblems();
    this.timing = performance.now() - t0;
    const tm = this.root.querySelector("[data-testid=timing]");
    if (tm) tm.textContent = `${this.t("recomputed")} ${this.fmtNum(this.timing, 1)} ${this.t("ms")}`;
    this.dispatchEvent(new CustomEvent("ekusia-computed", { detail: { ms: this.timing, valid: !this.problems.length } }));
    this.save();
  }

  // ---- formatting --------------------------------------------------------------------------
  fmtNum(x, dp = 0) { return new Intl.NumberFormat(this.lang === "sv" ? "sv-SE" : "en-GB", { minimumFractionDigits: dp, maximumFractionDigits: dp }).format(x); }
  money(d) {
    if (d == null) return this.t("none");
    const n = this.fmtNum(Number(d));
    return this.lang === "sv" ? `${n} kr` : `SEK ${n}`;
  }
  ratio(d, dp = 2) { return d == null ? this.t("none") : this.fmtNum(Number(d), dp); }
  pct(d) { return d == null ? this.t("none") : `${this.fmtNum(Number(d) * 100)} %`; }

  // ---- rendering: frame ----------------------------------------------------------------------
  renderAll() {
    const L = (k) => this.t(k);
    const opts = this.examples.map((e) => `<option value="${esc(e.id)}" ${e.id === this.exampleId ? "selected" : ""}>${esc(e.name)}</option>`).join("");
    this.root.innerHTML = `<style>${STYLE}</style>
      <div class="bar" role="toolbar" aria-label="${esc(L("title"))}">
        <label>${L("example")}<select data-testid="example">${opts}<option value="" ${this.exampleId ? "" : "selected"}>${L("fromBase")}</option></select></label>
        <button type="button" data-action="lang" lang="${this.lang === "sv" ? "en" : "sv"}">${L("lang")}</button>
        <button type="button" data-action="export">${L("export")}</button>
        <label class="vh" for="${this.id_}-import">${L("import")}</label>
        <input class="vh" id="${this.id_}-import" type="file" accept=".json,application/json" data-testid="import-file">
        <button type="button" data-action="import">${L("import")}</button>
        <button type="button" data-action="share">${L("shareLink")}</button>
        <button type="button" data-action="reset">${L("reset")}</button>
      </div>
      <input class="link vh" data-testid="share-link" readonly aria-label="${esc(L("shareLink"))}">
      <div class="grid">
        <form class="editor" novalidate aria-label="${esc(L("general"))}"></form>
        <section class="results" aria-label="${esc(L("results"))}"><div class="results-main" aria-live="polite"></div>
          <section class="uncertainty" aria-label="${esc(L("uncertainty"))}">
            <h3>${L("uncertainty")}</h3>
            <div class="row"><div class="field"><label for="${this.id_}-runs">${L("runs")}</label><input id="${this.id_}-runs" data-testid="runs" inputmode="numeric" value="10000"></div>
            <div class="field"><label for="${this.id_}-seed">${L("seed")}</label><input id="${this.id_}-seed" data-testid="seed" inputmode="numeric" value="1"></div>
            <div class="field"><button type="button" data-action="simulate" data-testid="run-sim">${L("runSim")}</button></div></div>
            <p class="muted">${L("distHint")}</p>
            <div class="sim-out" data-testid="sim-out" aria-live="polite"></div>
          </section></section>
      </div>`;
    this.root.querySelector("[data-testid=example]").addEventListener("change", (e) => { this.loadExample(e.target.value); this.renderEditor(); this.compute(); });
    this.root.querySelector(".bar").addEventListener("click", (e) => this.onAction(e.target.closest("button")?.dataset.action));
    this.root.querySelector("[data-testid=run-sim]").addEventListener("click", () => this.runSimulation());
    this.root.querySelector("[data-testid=import-file]").addEventListener("change", (e) => this.importFile(e.target.files?.[0]));
    const form = this.root.querySelector(".editor");
    form.addEventListener("input", (e) => this.onInput(e));
    form.addEventListener("change", (e) => this.onChange(e));
    form.addEventListener("click", (e) => this.onEditorClick(e));
    form.addEventListener("submit", (e) => e.preventDefault());
    // Structure (labels of states and actors) comes from the model; compute first.
    this.compute();
    this.renderEditor();
    this.renderProblems();
    this.renderSimulation();
  }

  onAction(action) {
    if (!action) return;
    if (action === "lang") { this.lang = this.lang === "sv" ? "en" : "sv"; this.renderAll(); }
    if (action === "export") this.exportModel();
    if (action === "import") this.root.querySelector("[data-testid=import-file]").click();
    if (action === "share") this.shareLink();
    if (action === "reset") { this.loadExample(this.exampleId || this.getAttribute("example") || this.examples[0]?.id); this.renderAll(); }
  }

  exportModel() {
    const blob = new Blob([JSON.stringify(this.model, null, 2) + "\n"], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${(this.model.name || "modell").toLowerCase().replace(/[^a-z0-9åäö]+/g, "-")}.json`;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
  async importFile(file) {
    if (!file) return;
    const text = await file.text();
    try {
      this.model = ek.toModelObject(text);
      this.exampleId = "";
    } catch (e) {
      this.model = (() => { try { return JSON.parse(text); } catch { return this.model; } })();
    }
    this.renderAll();
  }
  shareLink() {
    const url = `${location.href.split("#")[0]}#model=${b64encode(JSON.stringify(this.model))}`;
    const box = this.root.querySelector("[data-testid=share-link]");
    box.value = url; box.classList.remove("vh");
    navigator.clipboard?.writeText(url).catch(() => {});
    box.select?.();
  }

  // ---- rendering: editor ----------------------------------------------------------------------
  field(path, label, value, { type = "text", inputmode = "decimal", cls = "field" } = {}) {
    const id = `${this.id_}-${path.replace(/[^a-zA-Z0-9]/g, "_")}`;
    return `<div class="${cls}"><label for="${id}">${esc(label)}</label>
      <input id="${id}" type="${type}" inputmode="${inputmode}" data-path="${esc(path)}" value="${esc(fmtParam(value) ?? "")}" aria-describedby="${id}-err"><div class="err" id="${id}-err" data-err-for="${esc(path)}"></div></div>`;
  }
  cell(path, label, value) {
    const id = `${this.id_}-${path.replace(/[^a-zA-Z0-9]/g, "_")}`;
    return `<td><input id="${id}" inputmode="decimal" data-path="${esc(path)}" value="${esc(fmtParam(value) ?? "")}" aria-label="${esc(label)}" aria-describedby="${id}-err"><div class="err" id="${id}-err" data-err-for="${esc(path)}"></div></td>`;
  }
  select(path, label, value, options, attrs = "") {
    const id = `${this.id_}-${path.replace(/[^a-zA-Z0-9]/g, "_")}`;
    const opts = options.map(([v, l]) => `<option value="${esc(v)}" ${v === value ? "selected" : ""}>${esc(l)}</option>`).join("");
    return `<select id="${id}" data-path="${esc(path)}" aria-label="${esc(label)}" ${attrs}>${opts}</select>`;
  }

  states() { return this.describe?.states ?? []; }
  payers() { return (this.describe?.actors ?? []).filter((a) => a.kind !== "individual"); }

  renderEditor() {
    const L = (k) => this.t(k);
    const m = this.model;
    const states = this.states();
    const stateOpts = states.map((s) => [s.id, nameOf(s.name, this.lang)]);
    let h = "";
    // General
    h += `<fieldset data-fieldset="general"><legend>${L("general")}</legend>`;
    h += this.field("name", L("name"), m.name, { inputmode: "text" });
    h += `<div class="row">${this.field("horizon", L("horizon"), m.horizon, { inputmode: "numeric" })}`;
    if (Array.isArray(m.discount_rate)) {
      m.discount_rate.forEach((s, i) => { h += this.field(`discount_rate[${i}].rate`, `${L("rateStep")} ${s.from_year}`, s.rate); });
    } else {
      h += this.field("discount_rate", L("rate"), m.discount_rate ?? "0.035");
    }
    h += `</div>${this.field("analysis.attribution", L("attribution"), m.analysis?.attribution ?? "1")}</fieldset>`;
    // Cohorts
    const cohorts = m.intervention?.cohorts ?? [];
    h += `<fieldset data-fieldset="cohorts" data-path="intervention.cohorts"><legend>${L("cohorts")}</legend><div class="scroll"><table>
      <thead><tr><th>#</th><th>${L("startYear")}</th><th>${L("participants")}</th><th></th></tr></thead><tbody>`;
    cohorts.forEach((c, i) => {
      h += `<tr><td>${i + 1}</td>${this.cell(`intervention.cohorts[${i}].start_year`, `${L("startYear")} ${i + 1}`, c.start_year ?? "0")}${this.cell(`intervention.cohorts[${i}].participants`, `${L("participants")} ${i + 1}`, c.participants)}
        <td><button type="button" data-remove="intervention.cohorts[${i}]" aria-label="${L("remove")} ${i + 1}">✕</button></td></tr>`;
    });
    h += `</tbody></table></div><div class="err" data-err-for="intervention.cohorts"></div><button type="button" data-add="cohort">${L("addCohort")}</button></fieldset>`;
    // Costs
    const costs = m.intervention?.costs ?? [];
    h += `<fieldset data-fieldset="costs"><legend>${L("costs")}</legend>`;
    costs.forEach((c, i) => {
      const p = `intervention.costs[${i}]`;
      const per = c.per_participant !== undefined;
      h += `<div class="cost" data-path="${p}"><div class="row">${this.field(`${p}.name`, L("costName"), c.name, { inputmode: "text" })}
        <div class="field"><label for="${this.id_}-kind${i}">${L("costKind")}</label>${this.select(`${p}.__kind`, L("costKind"), per ? "per" : "fixed", [["fixed", L("fixed")], ["per", L("perParticipant")]], `id="${this.id_}-kind${i}"`)}</div>
        ${per ? this.field(`${p}.per_participant`, L("amount"), c.per_participant) : this.field(`${p}.amount`, L("amount"), c.amount)}
        ${per ? this.field(`${p}.cohort_year`, L("cohortYear"), c.cohort_year ?? "0", { inputmode: "numeric" }) : this.field(`${p}.years`, L("years"), (c.years ?? ["0"]).join(", "), { inputmode: "text" })}
        </div><div class="muted">${L("financing")}</div><div class="row" data-path="${p}.financing">`;
      for (const a of this.payers()) h += this.field(`${p}.financing.${a.id}`, nameOf(a.name, this.lang), c.financing?.[a.id]);
      h += `</div><div class="err" data-err-for="${p}.financing"></div><div class="err" data-err-for="${p}"></div>
        <button type="button" data-remove="${p}">${L("remove")}: ${esc(c.name)}</button><hr></div>`;
    });
    h += `<button type="button" data-add="cost">${L("addCost")}</button></fieldset>`;
    // Start
    h += `<fieldset data-fieldset="start" data-path="intervention.start"><legend>${L("start")}</legend><div class="row">`;
    for (const s of states) h += this.field(`intervention.start.${s.id}`, nameOf(s.name, this.lang), m.intervention?.start?.[s.id]);
    h += `</div><div class="err" data-err-for="intervention.start"></div><p class="muted">0–1, "${L("rest")}" = 1 − ${this.lang === "sv" ? "övriga" : "the others"}</p></fieldset>`;
    // Scenarios
    h += `<fieldset data-fieldset="outcomes"><legend>${L("outcomes")}</legend>`;
    for (const sc of ["with", "without"]) {
      const s = m.scenarios?.[sc] ?? {};
      const mode = s.trajectory ? "trajectory" : s.transitions ? "transitions" : "stay";
      const base = `scenarios.${sc}`;
      h += `<h3>${L(sc)}</h3><div class="field"><label for="${this.id_}-mode-${sc}">${L("mode")}</label>${this.select(`${base}.__mode`, L("mode"), mode, [["stay", L("stay")], ["transitions", L("transitions")], ["trajectory", L("trajectory")]], `id="${this.id_}-mode-${sc}"`)}</div><div class="err" data-err-for="${base}"></div>`;
      if (mode === "transitions") {
        h += `<div class="scroll"><table><thead><tr><th>${L("from")}</th><th>${L("to")}</th><th>${L("share")}</th><th>${L("fromYear")}</th><th>${L("toYear")}</th><th></th></tr></thead><tbody>`;
        s.transitions.forEach((t, i) => {
          const p = `${base}.transitions[${i}]`;
          h += `<tr><td>${this.select(`${p}.from`, `${L("from")} ${i + 1}`, t.from, stateOpts)}<div class="err" data-err-for="${p}.from"></div></td>
            <td>${this.select(`${p}.to`, `${L("to")} ${i + 1}`, t.to, stateOpts)}<div class="err" data-err-for="${p}.to"></div></td>
            ${this.cell(`${p}.share`, `${L("share")} ${i + 1}`, t.share)}${this.cell(`${p}.from_year`, `${L("fromYear")} ${i + 1}`, t.from_year ?? "1")}${this.cell(`${p}.to_year`, `${L("toYear")} ${i + 1}`, t.to_year ?? "")}
            <td><button type="button" data-remove="${p}" aria-label="${L("remove")} ${i + 1}">✕</button></td></tr>`;
        });
        h += `</tbody></table></div><button type="button" data-add="transition" data-scenario="${sc}">${L("addTransition")}</button>`;
      } else if (mode === "trajectory") {
        h += `<div class="scroll"><table><thead><tr><th>${L("year")}</th>${states.map((st) => `<th>${esc(nameOf(st.name, this.lang))}</th>`).join("")}<th></th></tr></thead><tbody>`;
        s.trajectory.forEach((e, i) => {
          const p = `${base}.trajectory[${i}]`;
          h += `<tr data-path="${p}.shares">${this.cell(`${p}.year`, `${L("year")} (${i + 1})`, e.year)}`;
          for (const st of states) h += this.cell(`${p}.shares.${st.id}`, `${nameOf(st.name, this.lang)}, ${L("year0")} ${e.year}`, e.shares?.[st.id]);
          h += `<td><button type="button" data-remove="${p}" aria-label="${L("remove")} ${i + 1}">✕</button><div class="err" data-err-for="${p}.shares"></div></td></tr>`;
        });
        h += `</tbody></table></div><button type="button" data-add="entry" data-scenario="${sc}">${L("addEntry")}</button>`;
      }
    }
    h += `</fieldset>`;
    // Success
    const succ = m.analysis?.success;
    h += `<fieldset data-fieldset="success"><legend>${L("success")}</legend>
      <div class="field"><label><input type="checkbox" data-toggle="success" ${succ ? "checked" : ""}> ${L("successOn")}</label></div>`;
    if (succ) {
      h += `<div class="row"><div class="field"><label for="${this.id_}-sf">${L("from")}</label>${this.select("analysis.success.from", L("from"), succ.from, stateOpts, `id="${this.id_}-sf"`)}</div>
        <div class="field"><label for="${this.id_}-st">${L("to")}</label>${this.select("analysis.success.to", L("to"), succ.to, stateOpts, `id="${this.id_}-st"`)}</div>
        ${this.field("analysis.success.years", L("successYears"), succ.years, { inputmode: "numeric" })}</div>`;
    }
    h += `</fieldset>`;
    this.root.querySelector(".editor").innerHTML = h;
    this.renderProblems();
  }

  // ---- editing ---------------------------------------------------------------------------
  onInput(e) {
    const el = e.target;
    const path = el.dataset.path;
    if (!path || el.tagName === "SELECT" || path.includes("__")) return;
    let v = el.value;
    if (path === "name" || path.endsWith(".name")) setAt(this.model, path, v);
    else if (/\.years$/.test(path)) setAt(this.model, path, v.split(/[;,\s]+/).map(cleanNumber).filter(Boolean));
    else if (/(\.start\.|\.shares\.|\.financing\.)/.test(path) || path.endsWith("to_year") || path === "analysis.attribution") {
      v = /\.financing\.|to_year$/.test(path) ? cleanNumber(v) : parseParam(v);
      setAt(this.model, path, v === "" ? undefined : v);
      if (path === "analysis.attribution" && v === "" && this.model.analysis && !Object.keys(this.model.analysis).length) delete this.model.analysis;
    } else setAt(this.model, path, parseParam(v));
    this.compute();
  }

  onChange(e) {
    const el = e.target;
    if (el.dataset.toggle === "success") {
      if (el.checked) {
        this.model.analysis = { ...(this.model.analysis ?? {}), success: { from: "social_assistance", to: "employment", years: "5" } };
      } else if (this.model.analysis) {
        delete this.model.analysis.success;
      }
      this.renderEditor(); this.compute(); return;
    }
    const path = el.dataset.path;
    if (!path || el.tagName !== "SELECT") return;
    if (path.endsWith(".__kind")) {
      const p = path.replace(/\.__kind$/, "");
      const c = getAt(this.model, p);
      if (el.value === "per") { c.per_participant = c.amount ?? "0"; delete c.amount; delete c.years; c.cohort_year = "0"; }
      else { c.amount = c.per_participant ?? "0"; delete c.per_participant; delete c.cohort_year; c.years = ["0"]; }
      this.renderEditor();
    } else if (path.endsWith(".__mode")) {
      const sc = path.split(".")[1];
      this.model.scenarios ??= {};
      const first = this.states()[0]?.id ?? "social_assistance";
      const second = this.states()[1]?.id ?? first;
      this.model.scenarios[sc] = el.value === "stay" ? {} : el.value === "transitions"
        ? { transitions: [{ from: first, to: second, share: "0.1" }] }
        : { trajectory: [{ year: "1", shares: { [second]: "0.1", [first]: "rest" } }] };
      this.renderEditor();
    } else {
      setAt(this.model, path, el.value);
    }
    this.compute();
  }

  onEditorClick(e) {
    const b = e.target.closest("button");
    if (!b) return;
    const m = this.model;
    if (b.dataset.remove) { setAt(m, b.dataset.remove, undefined); }
    else if (b.dataset.add === "cohort") {
      const list = (m.intervention.cohorts ??= []);
      const last = list.at(-1);
      list.push({ start_year: String(last ? Number(last.start_year ?? 0) + 1 : 0), participants: last?.participants ?? "10" });
    } else if (b.dataset.add === "cost") {
      (m.intervention.costs ??= []).push({ name: this.lang === "sv" ? "Ny kostnad" : "New cost", amount: "100000", years: ["0"], financing: { [this.payers()[0]?.id ?? "municipality"]: "1" } });
    } else if (b.dataset.add === "transition") {
      const s = this.states();
      m.scenarios[b.dataset.scenario].transitions.push({ from: s[0]?.id, to: s[1]?.id ?? s[0]?.id, share: "0.05" });
    } else if (b.dataset.add === "entry") {
      const list = m.scenarios[b.dataset.scenario].trajectory;
      const last = list.at(-1);
      list.push({ year: String(last ? Number(last.year) + 1 : 1), shares: structuredClone(last?.shares ?? {}) });
    } else return;
    this.renderEditor();
    this.compute();
  }

  // ---- problems next to their fields ------------------------------------------------------------
  renderProblems() {
    const root = this.root;
    root.querySelectorAll("[data-err-for]").forEach((e) => (e.textContent = ""));
    root.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
    root.querySelectorAll("fieldset.invalid").forEach((e) => e.classList.remove("invalid"));
    const other = [];
    for (const p of this.problems) {
      let path = p.path;
      let slot = null;
      // The field itself, else the nearest enclosing part of the model that has a slot.
      while (path !== null) {
        slot = root.querySelector(`[data-err-for="${CSS.escape(path)}"]`);
        if (slot) break;
        const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
        path = cut > 0 ? path.slice(0, cut) : null;
      }
      if (slot) {
        const text = ek.problemText(p, this.lang);
        slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
        root.querySelector(`[data-path="${CSS.escape(path)}"]`)?.setAttribute("aria-invalid", "true");
        slot.closest("fieldset")?.classList.add("invalid");
      } else other.push(p);
    }
    const box = root.querySelector("[data-testid=other-errors]");
    if (box) box.hidden = !other.length;
    if (box) box.innerHTML = other.length ? `<strong>${this.t("otherErrors")}:</strong><ul>${other.map((p) => `<li>${esc(p.path ? `${p.path}: ` : "")}${esc(ek.problemText(p, this.lang))}</li>`).join("")}</ul>` : "";
  }

  // ---- results ------------------------------------------------------------------------
  // ---- uncertainty (in a worker) ----------------------------------------------------------
  runSimulation() {
    const out = this.root.querySelector("[data-testid=sim-out]");
    if (this.problems.length) { out.innerHTML = `<p class="err">${esc(this.t("invalid"))}</p>`; return; }
    const runs = Number(this.root.querySelector("[data-testid=runs]").value || 10000);
    const seed = Number(this.root.querySelector("[data-testid=seed]").value || 1);
    this.worker ??= new Worker(new URL("./ekusia-worker.js", import.meta.url), { type: "module" });
    const id = (this.simId = (this.simId ?? 0) + 1);
    out.innerHTML = `<p class="muted">${this.t("running")}</p>`;
    this.worker.onmessage = (e) => {
      if (e.data.id !== this.simId) return;
      if (e.data.error) { out.innerHTML = `<p class="err">${esc(ek.problemText(e.data.error, this.lang))}</p>`; return; }
      this.sim = { ...e.data, model: JSON.stringify(this.model) };
      this.renderSimulation();
      this.dispatchEvent(new CustomEvent("ekusia-simulated", { detail: { ms: e.data.simMs, runs } }));
    };
    this.worker.postMessage({ id, model: JSON.parse(JSON.stringify(this.model)), runs, seed });
  }

  renderSimulation() {
    const out = this.root.querySelector("[data-testid=sim-out]");
    if (!out || !this.sim) return;
    const { sim, sens, simMs } = this.sim;
    const L = (k) => this.t(k);
    const soc = sim.rows.find((r) => r.id === "society");
    const label = (r) => (r.kind === "aggregate" ? (r.id === "society" ? (this.lang === "sv" ? "Samhället" : "Society") : L("publicSector")) : nameOf(this.describe?.actors.find((a) => a.id === r.id)?.name ?? r.name, this.lang));
    let h = sim.parameters.length ? "" : `<p class="muted">${L("noDists")}</p>`;
    h += `<div class="headline"><div class="card"><div class="label">${L("pPositive")}</div><div class="value" data-testid="p-positive" data-value="${soc.p_positive}">${this.fmtNum(soc.p_positive * 100, 1)} %</div></div></div>`;
    h += `<div class="scroll"><table data-testid="sim-table"><thead><tr><th>${L("actor")}</th><th>P5</th><th>P50</th><th>P95</th><th>P(${L("npv")} &gt; 0)</th></tr></thead><tbody>`;
    for (const r of sim.rows) {
      h += `<tr class="${r.kind === "aggregate" ? "agg" : ""}"><td>${esc(label(r))}</td><td>${this.money(r.p5)}</td><td>${this.money(r.p50)}</td><td>${this.money(r.p95)}</td><td>${this.fmtNum(r.p_positive * 100, 1)} %</td></tr>`;
    }
    h += `</tbody></table></div><h3>${L("histogram")}</h3>${this.histogram(soc)}`;
    h += `<h3>${L("tornado")}</h3>${this.tornado(sens)}`;
    h += `<p class="muted" data-testid="sim-timing">${L("simulated")} ${this.fmtNum(simMs, 0)} ${L("ms")} (${this.fmtNum(sim.runs)} × ${sim.parameters.length}).</p>`;
    out.innerHTML = h;
  }

  histogram(row) {
    const { min, max, counts } = row.histogram;
    const W = 640, H = 170, left = 10, bottom = 24, top = 8;
    const n = counts.length, top_ = Math.max(...counts, 1);
    const bw = (W - 2 * left) / n;
    const width = max > min ? (max - min) / n : 1;
    let s = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(this.t("histogram"))}" data-testid="histogram" style="width:100%;height:auto">`;
    counts.forEach((c, i) => {
      const h = ((H - top - bottom) * c) / top_;
      const neg = min + (i + 1) * width <= 0;
      s += `<rect x="${left + i * bw + 0.5}" y="${H - bottom - h}" width="${bw - 1}" height="${h}" fill="${neg ? "#d1495b" : "#1b6ca8"}"><title>${this.money(min + i * width)} – ${this.money(min + (i + 1) * width)}: ${c}</title></rect>`;
    });
    s += `<text x="${left}" y="${H - 6}">${this.money(min)}</text><text x="${W - left}" y="${H - 6}" text-anchor="end">${this.money(max)}</text></svg>`;
    return s;
  }

  tornado(sens) {
    const rows = sens.rows.slice(0, 10);
    if (!rows.length) return "";
    const W = 640, rowH = 24, left = 250, right = 12;
    const H = rowH * rows.length + 26;
    const base = Number(sens.npv);
    const vals = rows.flatMap((r) => [Number(r.npv_low), Number(r.npv_high)]).concat(base);
    const lo = Math.min(...vals), hi = Math.max(...vals);
    const x = (v) => left + ((W - left - right) * (v - lo)) / (hi - lo || 1);
    let s = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(this.t("tornado"))}" data-testid="tornado" style="width:100%;height:auto">`;
    rows.forEach((r, i) => {
      const y = 4 + i * rowH;
      const a = Number(r.npv_low), b = Number(r.npv_high);
      s += `<text x="${left - 6}" y="${y + 15}" text-anchor="end">${esc(r.path.length > 38 ? "…" + r.path.slice(-37) : r.path)}</text>`;
      s += `<rect x="${Math.min(x(a), x(base))}" y="${y + 3}" width="${Math.abs(x(a) - x(base))}" height="${rowH - 8}" fill="#d1495b"><title>${this.t("low")} ${esc(r.low)}: ${this.money(r.npv_low)}</title></rect>`;
      s += `<rect x="${Math.min(x(b), x(base))}" y="${y + 3}" width="${Math.abs(x(b) - x(base))}" height="${rowH - 8}" fill="#1b6ca8"><title>${this.t("high")} ${esc(r.high)}: ${this.money(r.npv_high)}</title></rect>`;
    });
    s += `<line x1="${x(base)}" x2="${x(base)}" y1="0" y2="${H - 20}" stroke="#333"/><text x="${x(base)}" y="${H - 6}" text-anchor="middle">${this.money(base)}</text></svg>`;
    return s;
  }

  renderResults() {
    const sec = this.root.querySelector(".results-main");
    if (!sec) return;
    const L = (k) => this.t(k);
    const r = this.report;
    const stale = this.problems.length > 0;
    sec.classList.toggle("stale", stale);
    // A simulation of an earlier model is kept but dimmed until it is run again.
    this.root.querySelector("[data-testid=sim-out]")?.classList.toggle("stale", Boolean(this.sim && this.sim.model !== JSON.stringify(this.model)));
    let h = `<h2>${L("results")}</h2>`;
    h += stale ? `<div class="banner" role="alert" data-testid="invalid-banner">${L("invalid")}</div>` : "";
    h += `<div class="banner" data-testid="other-errors" ${stale ? "" : "hidden"}></div>`;
    if (!r) { sec.innerHTML = h; return; }
    const row = (id) => r.rows.find((x) => x.id === id);
    const soc = row("society");
    const pub = row("public_sector");
    const label = (x) => (x.kind === "aggregate" ? (x.id === "society" ? (this.lang === "sv" ? "Samhället" : "Society") : L("publicSector")) : nameOf(this.describe?.actors.find((a) => a.id === x.id)?.name ?? x.name, this.lang));
    const neg = (d) => (Number(d) < 0 ? ' class="neg"' : "");
    h += `<div class="figures"><div class="headline">
      <div class="card"><div class="label">${L("society")}</div><div class="value" data-testid="society-npv" data-value="${esc(soc.npv)}"${neg(soc.npv)}>${this.money(soc.npv)}</div></div>
      <div class="card"><div class="label">${L("publicSector")}</div><div class="value" data-testid="public-npv" data-value="${esc(pub.npv)}"${neg(pub.npv)}>${this.money(pub.npv)}</div></div>
      <div class="card"><div class="label">${L("bcr")}</div><div class="value" data-testid="society-bcr">${this.ratio(soc.bcr)}</div></div>
      <div class="card"><div class="label">${L("payback")}</div><div class="value" data-testid="society-payback">${soc.payback_year ?? L("none")}</div></div></div>`;
    const hasSuccess = r.rows.some((x) => x.success_value != null);
    const order = [...r.rows.filter((x) => x.kind === "public" || x.kind === "other"), pub, soc, ...r.rows.filter((x) => x.kind === "individual")];
    const totalCost = Number(soc.pv_cost);
    h += `<div class="scroll"><table data-testid="summary"><thead><tr><th>${L("actor")}</th><th>${L("npv")}</th><th>${L("bcr")}</th><th>${L("payback")}</th>${hasSuccess ? `<th>${L("breakEven")}</th>` : ""}<th>${L("pays")}</th><th>${L("fair")}</th></tr></thead><tbody>`;
    for (const x of order) {
      const pays = x.kind === "aggregate" || x.kind === "individual" ? L("none") : totalCost > 0 ? this.pct(Number(x.pv_cost) / totalCost) : L("none");
      h += `<tr class="${x.kind === "aggregate" ? "agg" : ""}" data-row="${esc(x.id)}"><td>${esc(label(x))}</td><td${neg(x.npv)} data-value="${esc(x.npv)}">${this.money(x.npv)}</td><td>${this.ratio(x.bcr)}</td><td>${x.payback_year ?? L("none")}</td>${hasSuccess ? `<td>${this.ratio(x.break_even_successes, 1)}</td>` : ""}<td>${pays}</td><td>${this.pct(x.fair_cost_share)}</td></tr>`;
    }
    h += `</tbody></table></div>`;
    h += `<h3>${L("chart")}</h3>${this.chart(order, label)}<p class="muted">${L("chartNote")} <span data-testid="timing"></span></p>`;
    if (r.warnings.length) h += `<h3>${L("warnings")}</h3><ul>${r.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>`;
    h += `</div>`;
    sec.innerHTML = h;
  }

  // Hand-drawn SVG: a handful of polylines needs no chart library, keeps the embed one file,
  // and scales to any width.
  chart(rows, label) {
    const W = 640, H = 300, left = 78, right = 10, top = 12, bottom = 30;
    const pw = W - left - right, ph = H - top - bottom;
    const horizon = this.report.model.horizon;
    const vals = rows.flatMap((r) => r.years.map((y) => Number(y.cumulative_pv_net)));
    let lo = Math.min(0, ...vals), hi = Math.max(0, ...vals);
    if (hi - lo < 1) { hi += 1; lo -= 1; }
    const x = (t) => left + (horizon > 1 ? (pw * t) / (horizon - 1) : pw / 2);
    const y = (v) => top + (ph * (hi - v)) / (hi - lo);
    let s = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(this.t("chart"))}" data-testid="chart" style="width:100%;height:auto">`;
    for (let i = 0; i <= 4; i++) {
      const v = lo + ((hi - lo) * i) / 4;
      s += `<line x1="${left}" x2="${left + pw}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e7eb"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${this.fmtNum(v / 1e6, 1)} M</text>`;
    }
    s += `<line x1="${left}" x2="${left + pw}" y1="${y(0)}" y2="${y(0)}" stroke="#444"/>`;
    const step = Math.max(1, Math.ceil(horizon / 12));
    for (let t = 0; t < horizon; t += step) s += `<text x="${x(t)}" y="${H - 10}" text-anchor="middle">${t}</text>`;
    let legend = "";
    rows.forEach((r, i) => {
      const c = COLORS[i % COLORS.length];
      const pts = r.years.map((yr) => `${x(yr.year).toFixed(1)},${y(Number(yr.cumulative_pv_net)).toFixed(1)}`).join(" ");
      s += `<polyline fill="none" stroke="${c}" stroke-width="${r.kind === "aggregate" ? 3 : 1.6}" points="${pts}"><title>${esc(label(r))}</title></polyline>`;
      if (r.payback_year != null) {
        const v = Number(r.years[r.payback_year].cumulative_pv_net);
        s += `<circle cx="${x(r.payback_year)}" cy="${y(v)}" r="4.5" fill="${c}" data-payback="${esc(r.id)}"><title>${esc(label(r))}: ${this.t("payback")} ${r.payback_year}</title></circle>`;
      }
      legend += `<span style="display:inline-flex;align-items:center;gap:.3rem;margin-right:.8rem"><span style="width:14px;height:4px;background:${c};display:inline-block"></span>${esc(label(r))}</span>`;
    });
    return `${s}</svg><div class="muted">${legend}</div>`;
  }
}

customElements.define("ekusia-calculator", EkusiaCalculator);
export { EkusiaCalculator };
