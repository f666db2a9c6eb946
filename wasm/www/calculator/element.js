// The <ekusia-calculator> element: keeps the model (in its JSON form, numbers as text), asks the
// engine for problems and the report on every edit, and puts the parts the other modules draw
// into its shadow DOM. Every number comes from the engine (../pkg/, the core as WebAssembly).
import * as ek from "../pkg/ekusia.js";
import { TEXTS } from "./texts.js";
import { STYLE } from "./style.js";
import { esc } from "./html.js";
import { getAt, setAt, parentPath } from "./paths.js";
import { cleanNumber, parseParam, parseYears } from "./values.js";
import { formatter } from "./format.js";
import { editorHtml } from "./editor.js";
import { reportHtml, simulationHtml } from "./results.js";
import { b64encode, b64decode } from "./share.js";
import { BLANK } from "./blank.js";

let uid = 0;

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
    } catch {
      // Not a model the engine can read: keep it as JSON if it is, so its problems show.
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
  states() { return this.describe?.states ?? []; }
  payers() { return (this.describe?.actors ?? []).filter((a) => a.kind !== "individual"); }

  renderEditor() {
    const view = {
      model: this.model, states: this.states(), payers: this.payers(), lang: this.lang, t: (k) => this.t(k), id: this.id_, fmt: this.fmt,
      // What the engine used where the model leaves the value out, as this model's report states it.
      attribution: this.reportOf === this.model ? this.report?.model.attribution : undefined,
    };
    this.root.querySelector(".editor").innerHTML = editorHtml(view);
    this.renderProblems();
  }

  // ---- editing ---------------------------------------------------------------------------
  onInput(e) {
    const el = e.target;
    const path = el.dataset.path;
    if (!path || el.tagName === "SELECT" || path.includes("__")) return;
    let v = el.value;
    if (path === "name" || path.endsWith(".name")) setAt(this.model, path, v);
    else if (/\.years$/.test(path)) setAt(this.model, path, parseYears(v));
    else if (/(\.start\.|\.shares\.|\.financing\.)/.test(path) || path.endsWith("to_year") || path === "analysis.attribution") {
      // Optional values: an emptied field removes the value, so the engine's default applies.
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
      (m.intervention.costs ??= []).push({ name: this.t("newCost"), amount: "100000", years: ["0"], financing: { [this.payers()[0]?.id ?? "municipality"]: "1" } });
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
    return { report: this.report, lang: this.lang, t: (k) => this.t(k), fmt: this.fmt };
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
