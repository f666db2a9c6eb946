// The <ekusia-calculator> element: keeps the model (in its JSON form, numbers as text), asks the
// engine for problems and the report on every edit, and puts the parts the other modules draw
// into its shadow DOM. Every number comes from the engine (../pkg/, the core as WebAssembly).
import * as ek from "../pkg/ekusia.js";
import { TEXTS } from "./texts.js";
import { STYLE } from "./style.js";
import { esc } from "./html.js";
import { getAt, setAt, parentPath } from "./paths.js";
import { cleanNumber, parseParam, parseValue, parseYears } from "./values.js";
import { formatter } from "./format.js";
import { editorHtml } from "./editor.js";
import { isTable, parameterList, valueText } from "./parameters.js";
import { ownState, stateOverride } from "./states.js";
import { reportHtml, simulationHtml, breakdownBody } from "./results.js";
import { b64encode, b64decode } from "./share.js";
import { BLANK } from "./blank.js";

let uid = 0;

/** What a program that writes a model writes (SPEC §8): the page's exports and links. */
const WRITTEN_FORMAT = "ekusia-model/1.1";

/** A control's identity across a redraw of the form, so the focus stays where it was. */
function focusKey(el) {
  const d = el.dataset;
  if (d.key) return d.key;
  if (d.path) return `path:${d.path}`;
  if (d.add) return `add:${d.add}:${d.list ?? d.scenario ?? ""}`;
  if (d.toggle) return `toggle:${d.toggle}:${d.group ?? ""}:${d.part ?? ""}`;
  if (d.new) return `new:${d.new}`;
  return null;
}

export class EkusiaCalculator extends HTMLElement {
  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    // No default for `this.lang` here: it is HTMLElement's own property, reflecting the `lang`
    // attribute, so setting it would overwrite the embedder's lang="en" before
    // connectedCallback reads it.
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
  t(k) { return TEXTS[this.lang][k] ?? k; }
  /** Numbers and money in the page's language and the (last valid) report's currency. */
  get fmt() { return formatter(this.lang, this.report?.model.currency ?? "SEK"); }

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
        // Which model the report is of: edits change this object, another example or an
        // import replaces it (and the last valid report then belongs to another model).
        this.reportOf = this.model;
        this.describe = ek.describe(this.model);
        this.updateParameterValues();
      } catch (e) {
        this.problems = e.problems ?? [{ code: e.code ?? "error", path: e.path ?? "", message: e.message }];
      }
    } else if (!this.describe) {
      // Labels for the editor even when the very first model is invalid.
      try { this.describe = ek.describe({ format: "ekusia-model/1", name: "-", base: "se-2024", intervention: { start: { social_assistance: 1 } } }); } catch { /* none */ }
    }
    this.renderResults();
    this.renderProblems();
    // The parameters' values beside their fields are the last valid result's too.
    this.root.querySelector(".editor")?.classList.toggle("stale", this.problems.length > 0);
    this.timing = performance.now() - t0;
    const tm = this.root.querySelector("[data-testid=timing]");
    if (tm) tm.textContent = `${this.t("recomputed")} ${this.fmt.number(this.timing, 1)} ${this.t("ms")}`;
    this.dispatchEvent(new CustomEvent("ekusia-computed", { detail: { ms: this.timing, valid: !this.problems.length } }));
    this.save();
  }

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
    this.root.querySelector("[data-testid=example]").addEventListener("change", (e) => { this.loadExample(e.target.value); this.compute(); this.renderEditor(); });
    this.root.querySelector(".bar").addEventListener("click", (e) => this.onAction(e.target.closest("button")?.dataset.action));
    this.root.querySelector("[data-testid=run-sim]").addEventListener("click", () => this.runSimulation());
    // The row whose breakdown is shown: only that part is redrawn, so the selector keeps the focus.
    this.root.querySelector(".results-main").addEventListener("change", (e) => {
      if (e.target.dataset.testid !== "breakdown-row") return;
      this.breakdownRow = e.target.value;
      const body = this.root.querySelector(".bd-body");
      if (body && this.report) body.innerHTML = breakdownBody(this.resultsView());
    });
    this.root.querySelector("[data-testid=import-file]").addEventListener("change", (e) => this.importFile(e.target.files?.[0]));
    const form = this.root.querySelector(".editor");
    form.addEventListener("input", (e) => this.onInput(e));
    form.addEventListener("change", (e) => this.onChange(e));
    form.addEventListener("click", (e) => this.onEditorClick(e));
    form.addEventListener("submit", (e) => e.preventDefault());
    // Enter in an add form's field adds, as its button does.
    form.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" || !e.target.dataset?.new) return;
      e.preventDefault();
      e.target.closest(".row")?.querySelector("button[data-add]")?.click();
    });
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

  /** The model as the page writes it (export, share link): format 1.1, every key kept. */
  written() {
    return this.model.format === "ekusia-model/1" ? { ...this.model, format: WRITTEN_FORMAT } : this.model;
  }
  exportModel() {
    const blob = new Blob([JSON.stringify(this.written(), null, 2) + "\n"], { type: "application/json" });
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
    } catch {
      // Not a model the engine can read: keep it as JSON if it is, so its problems show.
      this.model = (() => { try { return JSON.parse(text); } catch { return this.model; } })();
    }
    this.renderAll();
  }
  shareLink() {
    const url = `${location.href.split("#")[0]}#model=${b64encode(JSON.stringify(this.written()))}`;
    const box = this.root.querySelector("[data-testid=share-link]");
    box.value = url; box.classList.remove("vh");
    navigator.clipboard?.writeText(url).catch(() => {});
    box.select?.();
  }

  // ---- rendering: editor ----------------------------------------------------------------------
  states() { return this.describe?.states ?? []; }
  payers() { return (this.describe?.actors ?? []).filter((a) => a.kind !== "individual"); }

  /** What the editor's modules read (see fields.js). */
  editorView() {
    return {
      model: this.model, states: this.states(), payers: this.payers(), parameters: this.describe?.parameters ?? [],
      lang: this.lang, t: (k) => this.t(k), id: this.id_, fmt: this.fmt,
      // What the engine used where the model leaves the value out, as this model's report states it.
      attribution: this.reportOf === this.model ? this.report?.model.attribution : undefined,
    };
  }

  /** Draws the form anew; the focused control (and its caret) stays focused. */
  renderEditor() {
    const form = this.root.querySelector(".editor");
    const active = this.root.activeElement;
    const key = active && form.contains(active) ? focusKey(active) : null;
    const caret = key && typeof active.selectionStart === "number" ? [active.selectionStart, active.selectionEnd] : null;
    // A folded section the visitor opened stays open across the redraw.
    const open = new Set([...form.querySelectorAll("details[data-keep]")].filter((d) => d.open).map((d) => d.dataset.keep));
    form.innerHTML = editorHtml(this.editorView());
    for (const d of form.querySelectorAll("details[data-keep]")) d.open = open.has(d.dataset.keep);
    if (key) {
      const el = [...form.querySelectorAll("input, select, button")].find((x) => focusKey(x) === key);
      el?.focus();
      if (caret && typeof el?.setSelectionRange === "function") {
        try { el.setSelectionRange(...caret); } catch { /* a field without a caret */ }
      }
    }
    this.renderProblems();
  }

  /** The evaluated values beside the parameters' fields, after each computation. */
  updateParameterValues() {
    const v = this.editorView();
    const list = parameterList(this.model, v.parameters);
    for (const el of this.root.querySelectorAll("[data-param-value]")) {
      const p = list.find((x) => x.id === el.dataset.paramValue);
      el.textContent = p ? valueText(v, p) : "";
    }
  }

  // ---- editing ---------------------------------------------------------------------------
  onInput(e) {
    const el = e.target;
    // Selects and checkboxes are handled on change; the add forms' fields on their button.
    if (el.tagName === "SELECT" || el.type === "checkbox" || el.dataset.new) return;
    if (el.dataset.param) { this.editParameter(el.dataset.param, el.value); return; }
    if (el.dataset.state) { this.editState(el.dataset.state, el.dataset.stateField, el.value); return; }
    const path = el.dataset.path;
    if (!path || path.includes("__")) return;
    let v = el.value;
    // Names and ids as typed (a name given per language ends in its language code).
    if (path === "name" || /\.name(\.[a-z]{2})?$/.test(path) || /\.id$/.test(path)) setAt(this.model, path, v);
    // A fixed cost's list of years (analysis.success.years is one number).
    else if (/\.costs\[\d+\]\.years$/.test(path)) setAt(this.model, path, parseYears(v));
    else if (/(\.start\.|\.shares\.|\.financing\.)/.test(path) || path.endsWith("to_year") || path === "analysis.attribution") {
      // Optional values: an emptied field removes the value, so the engine's default applies.
      v = /\.financing\./.test(path) ? parseValue(v) : /to_year$/.test(path) ? cleanNumber(v) : parseParam(v);
      setAt(this.model, path, v === "" ? undefined : v);
      if (path === "analysis.attribution" && v === "" && this.model.analysis && !Object.keys(this.model.analysis).length) delete this.model.analysis;
    } else setAt(this.model, path, parseParam(v));
    this.compute();
  }

  /** A parameter's value typed in its field: the model's own parameter changes (inside its
   * table when it has one); a base parameter gets the model's own, which replaces it. */
  editParameter(id, text) {
    const m = this.model;
    const value = parseParam(text);
    const own = m.parameters?.[id];
    if (own !== undefined) {
      if (isTable(own)) own.value = value;
      else m.parameters[id] = value;
      this.compute();
      return;
    }
    // Its name and unit say what it is and stay; the source, year and quality were the base's
    // figure's, not the visitor's.
    const d = this.describe?.parameters?.find((p) => p.id === id);
    const keep = Object.fromEntries(["name", "unit"].filter((k) => d?.[k] != null).map((k) => [k, structuredClone(d[k])]));
    (m.parameters ??= {})[id] = Object.keys(keep).length ? { value, ...keep } : value;
    this.compute();
    this.renderEditor();
  }

  /** A state's time limit (`max_years`, or `then`): written on the model's own state; a base
   * state is first copied into the model (name and flows as describe() gives them). An emptied
   * limit removes `max_years` and `then`. */
  editState(id, key, text) {
    const m = this.model;
    let own = ownState(m, id);
    if (!own) {
      const d = this.states().find((s) => s.id === id);
      if (!d) return;
      (m.states ??= []).push(stateOverride(d));
      own = ownState(m, id);
    }
    const s = own.state;
    if (key === "then") s.then = text;
    else {
      const years = cleanNumber(text);
      if (years === "") { delete s.max_years; delete s.then; }
      else { s.max_years = years; s.then ??= this.defaultThen(id); }
    }
    this.compute();
    this.renderEditor();
  }

  /** Where people go after a time limit unless told: social assistance, else the first other state. */
  defaultThen(id) {
    const others = this.states().filter((s) => s.id !== id);
    return (others.find((s) => s.id === "social_assistance") ?? others[0])?.id;
  }

  onChange(e) {
    const el = e.target;
    if (el.dataset.toggle === "group-part") { this.toggleGroupPart(Number(el.dataset.group), el.dataset.part, el.checked); return; }
    if (el.dataset.state && el.tagName === "SELECT") { this.editState(el.dataset.state, "then", el.value); return; }
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
      // The scenario's path: "scenarios.with", or a group's "groups[0].scenarios.with".
      setAt(this.model, path.replace(/\.__mode$/, ""), this.newScenario(el.value));
      this.renderEditor();
    } else {
      setAt(this.model, path, el.value);
    }
    this.compute();
  }

  /** A scenario of a mode ("stay", "transitions", "trajectory") to start editing from. */
  newScenario(mode) {
    const first = this.states()[0]?.id ?? "social_assistance";
    const second = this.states()[1]?.id ?? first;
    return mode === "stay" ? {} : mode === "transitions"
      ? { transitions: [{ from: first, to: second, share: "0.1" }] }
      : { trajectory: [{ year: "1", shares: { [second]: "0.1", [first]: "rest" } }] };
  }

  onEditorClick(e) {
    const b = e.target.closest("button");
    if (!b) return;
    const m = this.model;
    if (b.dataset.removeParam !== undefined) {
      delete m.parameters?.[b.dataset.removeParam];
      if (m.parameters && !Object.keys(m.parameters).length) delete m.parameters;
    } else if (b.dataset.remove) {
      setAt(m, b.dataset.remove, undefined);
      if (Array.isArray(m.groups) && !m.groups.length) delete m.groups;
    } else if (b.dataset.add === "cohort") {
      const path = b.dataset.list ?? "intervention.cohorts";
      if (!Array.isArray(getAt(m, path))) setAt(m, path, []);
      const list = getAt(m, path);
      const last = list.at(-1);
      list.push({ start_year: String(last ? Number(last.start_year ?? 0) + 1 : 0), participants: last?.participants ?? "10" });
    } else if (b.dataset.add === "cost") {
      (m.intervention.costs ??= []).push({ name: this.t("newCost"), amount: "100000", years: ["0"], financing: { [this.payers()[0]?.id ?? "municipality"]: "1" } });
    } else if (b.dataset.add === "transition") {
      const s = this.states();
      getAt(m, b.dataset.scenario).transitions.push({ from: s[0]?.id, to: s[1]?.id ?? s[0]?.id, share: "0.05" });
    } else if (b.dataset.add === "entry") {
      const list = getAt(m, b.dataset.scenario).trajectory;
      const last = list.at(-1);
      list.push({ year: String(last ? Number(last.year) + 1 : 1), shares: structuredClone(last?.shares ?? {}) });
    } else if (b.dataset.add === "parameter") {
      if (!this.addParameter()) return;
    } else if (b.dataset.add === "group") {
      this.addGroup();
    } else return;
    // Computed first: the form lists what the engine resolves (states, parameters).
    this.compute();
    this.renderEditor();
  }

  /** The add form's parameter (id and value); false, with a word beside the form, when there
   * is no id or the model already has a parameter with it. A base parameter's id gives the
   * model's own, which replaces it. */
  addParameter() {
    const form = this.root.querySelector(".editor");
    const idEl = form.querySelector('[data-new="param-id"]');
    const text = form.querySelector('[data-new="param-value"]').value;
    const note = form.querySelector('[data-new-err="param"]');
    const id = idEl.value.trim();
    const known = parameterList(this.model, this.describe?.parameters).find((p) => p.id === id);
    if (!id || known?.own) {
      note.textContent = this.t(id ? "paramExists" : "paramIdNeeded");
      idEl.focus();
      return false;
    }
    const value = text.trim() === "" ? "0" : text;
    if (known) { this.editParameter(id, value); return true; }
    (this.model.parameters ??= {})[id] = parseParam(value);
    return true;
  }

  /** The add form's group (id and name; both have defaults), inheriting everything. */
  addGroup() {
    const form = this.root.querySelector(".editor");
    const groups = (this.model.groups ??= []);
    let id = form.querySelector('[data-new="group-id"]').value.trim();
    // A typed id is the visitor's (the engine says if it is taken); none gets a free one.
    for (let n = groups.length + 1; !id; n++) {
      if (!groups.some((g) => g.id === `${this.t("groupIdPrefix")}_${n}`)) id = `${this.t("groupIdPrefix")}_${n}`;
    }
    const name = form.querySelector('[data-new="group-name"]').value.trim() || this.t("newGroup");
    groups.push({ id, name });
  }

  /** A group's own start, cohorts or scenario, on (starting from what it inherited) or off
   * (it inherits again). */
  toggleGroupPart(i, part, on) {
    const m = this.model;
    const g = m.groups?.[i];
    if (!g) return;
    if (part === "start") {
      if (on) g.start = Object.keys(m.intervention?.start ?? {}).length ? structuredClone(m.intervention.start) : { [this.states()[0]?.id ?? "social_assistance"]: "1" };
      else delete g.start;
    } else if (part === "cohorts") {
      if (on) g.cohorts = m.intervention?.cohorts?.length ? structuredClone(m.intervention.cohorts) : [{ start_year: "0", participants: "10" }];
      else delete g.cohorts;
    } else if (on) {
      const top = m.scenarios?.[part];
      (g.scenarios ??= {})[part] = top && (top.transitions || top.trajectory) ? structuredClone(top) : this.newScenario("transitions");
    } else {
      delete g.scenarios?.[part];
      if (g.scenarios && !Object.keys(g.scenarios).length) delete g.scenarios;
    }
    this.compute();
    this.renderEditor();
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
        path = parentPath(path);
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
  /** What results.js reads: the report, the language and the formatter. */
  resultsView() {
    return { report: this.report, lang: this.lang, t: (k) => this.t(k), fmt: this.fmt, breakdownRow: this.breakdownRow };
  }

  renderResults() {
    const sec = this.root.querySelector(".results-main");
    if (!sec) return;
    const L = (k) => this.t(k);
    const stale = this.problems.length > 0;
    sec.classList.toggle("stale", stale);
    // A simulation of an earlier model is kept but dimmed until it is run again.
    this.root.querySelector("[data-testid=sim-out]")?.classList.toggle("stale", Boolean(this.sim && this.sim.model !== JSON.stringify(this.model)));
    let h = `<h2>${L("results")}</h2>`;
    h += stale ? `<div class="banner" role="alert" data-testid="invalid-banner">${L("invalid")}</div>` : "";
    h += `<div class="banner" data-testid="other-errors" ${stale ? "" : "hidden"}></div>`;
    if (this.report) h += reportHtml(this.resultsView());
    sec.innerHTML = h;
  }

  // ---- uncertainty (in a worker) ----------------------------------------------------------
  runSimulation() {
    const out = this.root.querySelector("[data-testid=sim-out]");
    if (this.problems.length) { out.innerHTML = `<p class="err">${esc(this.t("invalid"))}</p>`; return; }
    const runs = Number(this.root.querySelector("[data-testid=runs]").value || 10000);
    const seed = Number(this.root.querySelector("[data-testid=seed]").value || 1);
    this.worker ??= new Worker(new URL("../ekusia-worker.js", import.meta.url), { type: "module" });
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
    out.innerHTML = simulationHtml(this.resultsView(), this.sim);
  }
}
