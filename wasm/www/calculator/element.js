// The <ekusia-calculator> element: keeps the model (in its JSON form, numbers as text), asks the
// engine for problems and the report on every edit, and puts the parts the other modules draw
// into its shadow DOM. Every number comes from the engine (../pkg/, the core as WebAssembly).
import * as ek from "../pkg/ekusia.js";
import { TEXTS } from "./texts.js";
import { STYLE } from "./style.js";
import { esc } from "./html.js";
import { getAt, setAt, parentPath } from "./paths.js";
import { cleanNumber, parseField, parseParam, parseValue, parseYears, subtractDecimals } from "./values.js";
import { formatter, localName, rowName } from "./format.js";
import { placeOf, problemList, problemSentence } from "./problems.js";
import { editorHtml } from "./editor.js";
import { isTable, parameterList, valueText } from "./parameters.js";
import { ownState, stateOverride } from "./states.js";
import { reportHtml, simulationHtml, breakdownBody } from "./results.js";
import { b64encode, b64decode } from "./share.js";
import { BLANK } from "./blank.js";
import { scenarioMode } from "./scenario.js";
import { localTableHtml, parametersOf, probeModel } from "./local.js";

let uid = 0;

/** What a program that writes a model writes (SPEC §8): the page's exports and links. */
const WRITTEN_FORMAT = "ekusia-model/1.1";

/** A control's identity across a redraw of the form, so the focus stays where it was. */
function focusKey(el) {
  const d = el.dataset;
  if (d.key) return d.key;
  if (d.path) return `path:${d.path}`;
  if (d.add) return `add:${d.add}:${d.list ?? d.scenario ?? ""}`;
  if (d.toggle) return `toggle:${d.toggle}:${d.group ?? ""}:${d.part ?? ""}:${d.cost ?? ""}`;
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
    /** Earlier states of the model, newest last, for "Ångra" (undo) after a delete, a reset,
     * an import or another example: { model, exampleId, stash }. */
    this.history = [];
    /** A scenario's other description, kept when its mode is switched: `${path}:${mode}` → scenario. */
    this.stash = {};
    /** The first calendar year of the analysis ("" = years only), a choice of the page. */
    this.calendar = "";
    /** A shared link's model waiting for the visitor's answer: { saved } (their saved model). */
    this.pendingShared = null;
  }

  get storageKey() { return this.getAttribute("storage-key") || "ekusia.calculator.v1"; }
  /** Where a shared model and its edits are kept until the visitor says whether it replaces theirs. */
  get sharedKey() { return `${this.storageKey}.shared`; }
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
    // The simulation's worker starts (and warms up) while the visitor reads, so that the first
    // simulation they ask for runs at full speed (see ekusia-worker.js).
    const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 300));
    idle(() => this.simWorker(), { timeout: 2000 });
  }

  // ---- state ---------------------------------------------------------------------------
  readStore(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch { return null; }
  }
  /** The page's state from a stored entry (model, example, language, kept scenarios, calendar). */
  adopt(saved) {
    this.model = saved.model;
    this.exampleId = saved.example ?? "";
    if (saved.lang === "sv" || saved.lang === "en") this.lang = saved.lang;
    this.stash = saved.stash ?? {};
    this.calendar = saved.calendar ?? "";
  }
  /** A shared link (#model=…) opens as the visitor's copy: the address is cleaned at once (a
   * reload then keeps later edits), and when the visitor has a saved model of their own the page
   * asks before the shared one replaces it; until then the shared copy and its edits are kept
   * under a key of their own. */
  restore() {
    const hash = new URLSearchParams(location.hash.slice(1)).get("model");
    let shared = null;
    if (hash) {
      try { shared = JSON.parse(b64decode(hash)); } catch { /* a broken link: ignored */ }
      try { history.replaceState(history.state, "", location.href.split("#")[0]); } catch { /* sandboxed */ }
    }
    const saved = this.readStore(this.storageKey);
    if (shared) {
      const same = saved?.model && JSON.stringify(saved.model) === JSON.stringify(shared);
      this.model = shared; this.exampleId = ""; this.stash = {};
      if (saved?.lang) this.lang = saved.lang;
      this.pendingShared = saved?.model && !same ? { saved } : null;
      this.sharedOpened = true;
      return;
    }
    const waiting = this.readStore(this.sharedKey);
    if (waiting?.model && saved?.model) {
      this.adopt(waiting);
      this.pendingShared = { saved };
      this.sharedOpened = true;
      return;
    }
    if (saved?.model) { this.adopt(saved); return; }
    this.loadExample(this.getAttribute("example") || this.examples[0]?.id);
  }
  loadExample(id) {
    const ex = this.examples.find((e) => e.id === id);
    this.exampleId = ex ? ex.id : "";
    this.model = structuredClone(ex ? ex.model : BLANK);
    this.stash = {};
  }
  save() {
    const entry = { model: this.model, example: this.exampleId, lang: this.lang, stash: this.stash, calendar: this.calendar };
    try { localStorage.setItem(this.pendingShared ? this.sharedKey : this.storageKey, JSON.stringify(entry)); } catch { /* private mode */ }
  }

  /** The shared model replaces the visitor's saved one (which "Ångra" brings back). */
  keepShared() {
    const { saved } = this.pendingShared;
    this.pendingShared = null;
    try { localStorage.removeItem(this.sharedKey); } catch { /* private mode */ }
    this.history.push({ model: saved.model, exampleId: saved.example ?? "", stash: saved.stash ?? {} });
    this.save();
    this.renderAll();
    this.notify(this.t("sharedKept"), { undo: true });
  }
  /** The visitor keeps their own model; the shared one can still be had back with "Ångra". */
  keepMine() {
    const { saved } = this.pendingShared;
    this.pendingShared = null;
    try { localStorage.removeItem(this.sharedKey); } catch { /* private mode */ }
    this.history.push({ model: this.model, exampleId: this.exampleId, stash: this.stash });
    this.adopt(saved);
    this.save();
    this.renderAll();
    this.notify(this.t("mineKept"), { undo: true });
  }

  // ---- undo ------------------------------------------------------------------------------
  /** Keeps the model as it is before a change that loses work, and says what changed with an
   * "Ångra" button beside it. */
  checkpoint(message) {
    this.history.push({ model: structuredClone(this.model), exampleId: this.exampleId, stash: structuredClone(this.stash) });
    if (this.history.length > 30) this.history.shift();
    this.undoMessage = message;
  }
  undo() {
    const prev = this.history.pop();
    if (!prev) return;
    this.model = prev.model; this.exampleId = prev.exampleId; this.stash = prev.stash ?? {};
    this.renderAll();
    this.notify(this.t("undone"), { undo: this.history.length > 0 });
  }
  /** A short message under the toolbar (role=status), with "Ångra" when `undo`, or with the
   * buttons of a question (`actions`: [action, label] pairs). */
  notify(text, { undo = false, actions = [], kind = "info" } = {}) {
    const box = this.root.querySelector("[data-testid=notice]");
    if (!box) return;
    this.lastNotice = { text, undo, actions, kind };
    const buttons = [...(undo ? [["undo", this.t("undo")]] : []), ...actions];
    box.hidden = !text;
    box.className = `notice ${kind}`;
    box.innerHTML = text ? `<p>${esc(text)}</p>${buttons.map(([a, l]) => `<button type="button" data-action="${a}" data-testid="notice-${a}">${esc(l)}</button>`).join(" ")}` : "";
  }

  // ---- computing ---------------------------------------------------------------------------
  compute() {
    const t0 = performance.now();
    const check = ek.validate(this.model);
    this.problems = check.problems;
    if (!this.problems.length) {
      try {
        const report = ek.evaluate(this.model);
        // The figures before this edit, for "change since the last edit" (when they moved).
        const npvs = (r) => r?.rows.filter((x) => x.kind === "aggregate").map((x) => x.npv).join("|");
        // Another model (an example, an import, a shared link, an undo) has no "since the last
        // edit": the difference to the model before would not be a change the visitor made.
        if (this.reportOf !== this.model) this.previous = null;
        else if (this.report && npvs(this.report) !== npvs(report)) this.previous = this.report;
        this.report = report;
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
    this.renderSticky();
    this.renderLocalValues();
    this.markScrollables();
    this.announceLater();
    // The parameters' values beside their fields are the last valid result's too.
    this.root.querySelector(".editor")?.classList.toggle("stale", this.problems.length > 0);
    this.timing = performance.now() - t0;
    const tm = this.root.querySelector("[data-testid=timing]");
    if (tm) tm.textContent = `${this.t("recomputed")} ${this.fmt.number(this.timing, 1)} ${this.t("ms")}`;
    this.dispatchEvent(new CustomEvent("ekusia-computed", { detail: { ms: this.timing, valid: !this.problems.length } }));
    this.save();
  }

  /** The local values table, when its section is open: each state's amounts per actor from the
   * core (a one-person, one-year evaluation per state), kept until the states or parameters change. */
  renderLocalValues() {
    const body = this.root.querySelector("[data-testid=local-values-body]");
    if (!body || !body.closest("details")?.open) return;
    if (this.problems.length && this.localCache) { body.classList.add("stale"); return; }
    const probe = probeModel(this.model, "_");
    const key = JSON.stringify({ ...probe, intervention: null });
    if (this.localCache?.key !== key) {
      const parameters = this.describe?.parameters ?? [];
      const rows = [];
      for (const state of this.states()) {
        try { rows.push({ state, report: ek.evaluate(probeModel(this.model, state.id)), params: parametersOf(state, parameters) }); } catch { /* a state the engine cannot evaluate alone */ }
      }
      this.localCache = { key, rows };
    }
    body.classList.remove("stale");
    body.innerHTML = localTableHtml(this.editorView(), this.localCache);
    this.markScrollables();
  }

  /** A table wider than its box scrolls sideways; such a box is a focus stop (with its table's
   * name) so a keyboard can scroll it too, and only such a box: no hidden focus stops. */
  markScrollables() {
    // After the frame's layout, once per frame however many redraws asked (reading sizes right
    // after a redraw would force a layout per keystroke).
    if (this.scrollablesQueued) return;
    this.scrollablesQueued = true;
    requestAnimationFrame(() => { this.scrollablesQueued = false; this.markScrollablesNow(); });
  }
  markScrollablesNow() {
    for (const box of this.root.querySelectorAll(".scroll")) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        const table = box.querySelector("table");
        const label = table?.querySelector("caption")?.textContent || box.closest("section, fieldset, details")?.querySelector("h3, h4, legend, summary")?.textContent || this.t("results");
        box.setAttribute("aria-label", label.trim());
      } else if (box.hasAttribute("tabindex")) {
        box.removeAttribute("tabindex"); box.removeAttribute("role"); box.removeAttribute("aria-label");
      }
    }
  }

  /** Society's and the public sector's npv with the change since the last edit that moved them. */
  headlineRows(report = this.report) {
    return ["society", "public_sector"].map((id) => report?.rows.find((x) => x.id === id)).filter(Boolean);
  }
  renderSticky() {
    const bar = this.root.querySelector("[data-testid=sticky-bar]");
    if (!bar || !this.report) return;
    const fmt = this.fmt;
    const stale = this.problems.length > 0;
    bar.innerHTML = this.headlineRows().map((r) => {
      const before = this.previous?.rows.find((x) => x.id === r.id);
      const diff = before ? subtractDecimals(r.npv, before.npv) : null;
      const change = diff && Number(diff) !== 0
        ? `<span class="delta${Number(diff) < 0 ? " neg" : ""}" data-testid="delta-${r.id}" data-value="${esc(diff)}">${Number(diff) > 0 ? "+" : "−"}${esc(fmt.money(diff.replace(/^-/, "")))}</span>` : "";
      return `<div class="sb-item"><span class="sb-label">${esc(r.id === "society" ? this.t("societyShort") : rowName(r, this.lang))}</span> <strong data-testid="sticky-${r.id}" data-value="${esc(r.npv)}"${Number(r.npv) < 0 ? ' class="neg"' : ""}>${esc(fmt.money(r.npv))}</strong>${change}</div>`;
    }).join("") + (stale ? `<div class="sb-item sb-err">${esc(this.t("staleShort"))}</div>` : "")
      + (this.previous ? `<div class="sb-note">${esc(this.t("sinceEdit"))}</div>` : "");
  }

  /** The short summary a screen reader hears after the visitor stops typing (not every
   * keystroke, and not the whole results panel). */
  announceLater() {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const live = this.root.querySelector("[data-testid=live]");
      if (!live) return;
      const n = this.problems.length;
      const figures = this.headlineRows().map((r) => `${r.id === "society" ? this.t("society") : rowName(r, this.lang)}: ${this.fmt.money(r.npv)}`).join(". ");
      live.textContent = n ? `${this.t(n === 1 ? "oneProblem" : "manyProblems").replace("{n}", n)} ${this.t("invalid")}` : `${figures}.`;
    }, 900);
  }

  // ---- rendering: frame ----------------------------------------------------------------------
  /** The model picker's options: the examples, the visitor's own model (after an import, a
   * shared link or a blank start) by its name, and a blank start. */
  exampleOptions() {
    const own = !this.examples.some((e) => e.id === this.exampleId);
    const opts = this.examples.map((e) => `<option value="${esc(e.id)}" ${e.id === this.exampleId ? "selected" : ""}>${esc(e.name)}</option>`);
    if (own) opts.push(`<option value="__own" selected>${esc(this.t("ownModel"))}: ${esc(localName(this.model?.name, this.lang) || "–")}</option>`);
    opts.push(`<option value="__blank">${this.t("fromBase")}</option>`);
    return opts.join("");
  }

  renderAll() {
    const L = (k) => this.t(k);
    const xlsx = typeof ek.reportXlsx === "function";
    this.root.innerHTML = `<style>${STYLE}</style>
      <a class="skip" href="#${this.id_}-results" data-action="skip">${L("skip")}</a>
      <div class="bar" role="toolbar" aria-label="${esc(L("title"))}">
        <label class="pick">${L("example")}<select data-testid="example">${this.exampleOptions()}</select></label>
        <button type="button" class="primary" data-action="share">${L("shareLink")}</button>
        <details class="menu" data-testid="menu"><summary>${L("more")}</summary><div class="menu-list">
          <button type="button" data-action="export">${L("export")}</button>
          <button type="button" data-action="import">${L("import")}</button>
          ${xlsx ? `<button type="button" data-action="xlsx" data-testid="xlsx">${L("xlsx")}</button>` : ""}
          <button type="button" data-action="reset">${L("reset")}</button>
        </div></details>
        <button type="button" data-action="lang" lang="${this.lang === "sv" ? "en" : "sv"}">${L("lang")}</button>
        <input type="file" accept=".json,.toml,application/json" data-testid="import-file" hidden>
      </div>
      <div class="notice" data-testid="notice" role="status" hidden></div>
      <div class="share-box" hidden><label>${L("shareLinkLabel")} <input class="link" data-testid="share-link" readonly></label></div>
      <div class="sticky" data-testid="sticky-bar" aria-hidden="true"></div>
      <div class="error-summary" data-testid="error-summary" tabindex="-1" hidden></div>
      <div class="vh" aria-live="polite" data-testid="live"></div>
      <div class="grid">
        <form class="editor" novalidate aria-label="${esc(L("editorLabel"))}"></form>
        <section class="results" id="${this.id_}-results" tabindex="-1" aria-labelledby="${this.id_}-results-h"><div class="results-main"></div>
          <section class="uncertainty" aria-labelledby="${this.id_}-unc-h">
            <h3 id="${this.id_}-unc-h">${L("uncertainty")}</h3>
            <div class="row"><div class="field"><label for="${this.id_}-runs">${L("runs")}</label><input id="${this.id_}-runs" data-testid="runs" inputmode="numeric" value="10000"></div>
            <div class="field"><label for="${this.id_}-seed">${L("seed")}</label><input id="${this.id_}-seed" data-testid="seed" inputmode="numeric" value="1"></div>
            <div class="field"><button type="button" data-action="simulate" data-testid="run-sim">${L("runSim")}</button></div></div>
            <p class="muted">${L("distHint")}</p>
            <div class="sim-out" data-testid="sim-out" aria-live="polite"></div>
          </section></section>
      </div>`;
    this.root.querySelector("[data-testid=example]").addEventListener("change", (e) => this.pickModel(e.target.value));
    // Every button with an action: the toolbar and its menu, the notices, the error summary.
    this.root.addEventListener("click", this.onClick ??= (e) => {
      const a = e.target.closest?.("[data-action]");
      if (!a || a.closest(".editor")) return;
      if (a.dataset.action === "skip" || a.dataset.action === "goto") e.preventDefault();
      this.onAction(a.dataset.action, a);
    });
    // The row whose breakdown is shown: only that part is redrawn, so the selector keeps the focus.
    this.root.querySelector(".results-main").addEventListener("change", (e) => {
      if (e.target.dataset.testid !== "breakdown-row") return;
      this.breakdownRow = e.target.value;
      const body = this.root.querySelector(".bd-body");
      if (body && this.report) body.innerHTML = breakdownBody(this.resultsView());
      this.markScrollables();
    });
    this.root.querySelector("[data-testid=import-file]").addEventListener("change", (e) => this.importFile(e.target.files?.[0]));
    // A folded table opened, or the element resized: which tables scroll may have changed.
    this.root.addEventListener("toggle", this.onToggle ??= (e) => { if (e.target.dataset?.keep === "local-table") this.renderLocalValues(); this.markScrollables(); }, true);
    this.resizer ??= new ResizeObserver(() => {
      // The charts are drawn for a narrow or a wide column: redrawn when the column crosses over.
      this.measureNarrow();
      if (this.drawnNarrow !== undefined && this.drawnNarrow !== this.narrow()) { this.renderResults(); this.renderSimulation(); }
      this.markScrollables();
    });
    this.resizer.observe(this);
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
    this.measureNarrow();
    this.compute();
    this.renderEditor();
    this.renderProblems();
    this.renderSimulation();
    if (this.pendingShared) {
      const name = localName(this.pendingShared.saved.model?.name, this.lang) || "–";
      this.notify(this.t("sharedAsk").replace("{name}", name), { actions: [["keep-shared", this.t("useShared")], ["keep-mine", this.t("keepMine")]], kind: "ask" });
    } else if (this.sharedOpened) {
      this.notify(this.t("sharedCopy"));
    } else if (this.lastNotice) this.notify(this.lastNotice.text, this.lastNotice);
    this.sharedOpened = false;
    // The host page may follow the element's language (its heading and introduction).
    this.dispatchEvent(new CustomEvent("ekusia-lang", { detail: { lang: this.lang }, bubbles: true, composed: true }));
  }

  /** Another example, a blank start or the visitor's own model, from the model picker. */
  pickModel(value) {
    if (value === "__own") return;
    const name = (id) => this.examples.find((e) => e.id === id)?.name ?? this.t("fromBase");
    this.checkpoint();
    this.loadExample(value === "__blank" ? "" : value);
    this.renderAll();
    this.notify(this.t("switched").replace("{name}", value === "__blank" ? this.t("blankName") : name(value)), { undo: true });
    this.root.querySelector("[data-testid=example]")?.focus();
  }

  onAction(action, el) {
    if (!action) return;
    if (action !== "lang" && action !== "skip") this.root.querySelector("details.menu")?.removeAttribute("open");
    if (action === "lang") { this.lang = this.lang === "sv" ? "en" : "sv"; this.renderAll(); this.root.querySelector('[data-action="lang"]')?.focus(); }
    if (action === "export") this.exportModel();
    if (action === "xlsx") this.exportXlsx();
    if (action === "import") this.root.querySelector("[data-testid=import-file]").click();
    if (action === "share") this.shareLink();
    if (action === "undo") this.undo();
    if (action === "simulate") this.runSimulation();
    if (action === "keep-shared") this.keepShared();
    if (action === "keep-mine") this.keepMine();
    if (action === "import-anyway") { const m = this.pendingImport; this.pendingImport = null; if (m) this.adoptImport(m); }
    if (action === "import-cancel") { this.pendingImport = null; this.notify(this.t("importCancelled")); }
    if (action === "skip") { const r = this.root.querySelector(".results"); r?.focus(); r?.scrollIntoView?.(); }
    if (action === "goto") this.focusField(el.dataset.path);
    if (action === "reset") {
      this.checkpoint();
      const id = this.examples.some((e) => e.id === this.exampleId) ? this.exampleId : this.getAttribute("example") || this.examples[0]?.id;
      this.loadExample(id);
      this.renderAll();
      this.notify(this.t("resetDone"), { undo: true });
    }
  }

  /** The model as the page writes it (export, share link): format 1.1, every key kept. */
  written() {
    return this.model.format === "ekusia-model/1" ? { ...this.model, format: WRITTEN_FORMAT } : this.model;
  }
  download(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
  exportModel() {
    const blob = new Blob([JSON.stringify(this.written(), null, 2) + "\n"], { type: "application/json" });
    this.download(blob, `${(localName(this.model.name, this.lang) || "modell").toLowerCase().replace(/[^a-z0-9åäö]+/g, "-")}.json`);
  }
  /** The report as an Excel workbook, written by the core (when the binding has `reportXlsx`). */
  async exportXlsx() {
    if (typeof ek.reportXlsx !== "function") return;
    // A model with problems has no report to write: say so, and take the visitor to the list.
    if (this.problems.length) {
      this.notify(this.t("xlsxInvalid"), { kind: "error" });
      this.root.querySelector("[data-testid=error-summary]")?.focus();
      return;
    }
    try {
      // The Excel writer is a second module, fetched on the first download (it can take a moment).
      this.notify(this.t("xlsxPreparing"));
      const bytes = await ek.reportXlsx(JSON.stringify(this.written()), this.lang);
      this.download(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), "ekusia-rapport.xlsx");
      this.notify(this.t("xlsxDone"));
    } catch (e) {
      const p = e.problems?.[0] ?? { message: e.message, code: e.code, path: e.path };
      this.notify(`${this.t("xlsxFailed")}: ${this.problemSentence(p)}`, { kind: "error" });
    }
  }
  /** An imported file is read and checked before anything is replaced: a file that is not a
   * model changes nothing; a model with problems is imported only when the visitor says so;
   * either way "Ångra" brings the model before back. */
  async importFile(file) {
    if (!file) return;
    const text = await file.text();
    const input = this.root.querySelector("[data-testid=import-file]");
    if (input) input.value = "";
    let model;
    try {
      model = ek.toModelObject(text);
    } catch (e) {
      const p = e.problems?.[0] ?? { message: e.message, code: e.code, path: e.path };
      this.notify(this.t("importRefused").replace("{file}", file.name).replace("{why}", this.problemSentence(p)), { kind: "error" });
      return;
    }
    const problems = ek.validate(model).problems;
    if (problems.length) {
      this.pendingImport = model;
      const first = this.problemSentence(problems[0]);
      this.notify(this.t("importHasProblems").replace("{file}", file.name).replace("{n}", problems.length).replace("{first}", first),
        { actions: [["import-anyway", this.t("importAnyway")], ["import-cancel", this.t("cancel")]], kind: "ask" });
      return;
    }
    this.adoptImport(model);
  }
  adoptImport(model) {
    this.checkpoint();
    this.model = model;
    this.exampleId = "";
    this.stash = {};
    this.renderAll();
    this.notify(this.t("imported").replace("{name}", localName(model.name, this.lang) || "–"), { undo: true });
  }
  shareLink() {
    const url = `${location.href.split("#")[0]}#model=${b64encode(JSON.stringify(this.written()))}`;
    const box = this.root.querySelector(".share-box");
    const input = this.root.querySelector("[data-testid=share-link]");
    input.value = url; box.hidden = false;
    navigator.clipboard?.writeText(url).then(() => this.notify(this.t("linkCopied")), () => this.notify(this.t("linkSelect")));
    input.focus(); input.select?.();
  }

  /** Focuses the field of a problem (opening any folded section around it). */
  focusField(path) {
    const el = this.fieldFor(path);
    if (!el) return;
    for (let d = el.closest("details"); d; d = d.parentElement?.closest("details")) d.open = true;
    el.scrollIntoView?.({ block: "center" });
    el.focus();
  }
  /** The input or select for `path`, else the nearest enclosing part's first one. */
  fieldFor(path) {
    for (let p = path; p !== null; p = parentPath(p)) {
      const exact = this.root.querySelector(`.editor input[data-path="${CSS.escape(p)}"], .editor select[data-path="${CSS.escape(p)}"]`);
      if (exact) return exact;
      const part = this.root.querySelector(`.editor [data-path="${CSS.escape(p)}"]`);
      const inside = part?.querySelector("input, select");
      if (inside) return inside;
    }
    return null;
  }
  problemSentence(p) {
    return problemSentence(p, this.problemContext());
  }
  problemContext() {
    return { lang: this.lang, t: (k) => this.t(k), text: (p) => ek.problemText(p, this.lang), states: this.states(), actors: this.describe?.actors ?? [], model: this.model };
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
      stash: this.stash, calendar: this.calendar, priceYear: this.report?.model.price_year ?? null,
      place: (path) => placeOf(path, this.problemContext()), actors: this.describe?.actors ?? [],
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
    this.markScrollables();
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
    if (el.dataset.key === "calendar") { this.calendar = el.value.trim(); this.compute(); return; }
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
      v = /\.financing\./.test(path) ? parseValue(v) : /to_year$/.test(path) ? cleanNumber(v) : parseField(v, path);
      setAt(this.model, path, v === "" ? undefined : v);
      if (path === "analysis.attribution" && v === "" && this.model.analysis && !Object.keys(this.model.analysis).length) delete this.model.analysis;
    } else setAt(this.model, path, parseField(v, path));
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
    if (el.dataset.toggle === "cost-group") { this.toggleCostGroup(Number(el.dataset.cost), el.dataset.group, el.checked); return; }
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
      // The scenario's path: "scenarios.with", or a group's "groups[0].scenarios.with". The
      // description it had is kept, so switching back brings it back unchanged.
      const p = path.replace(/\.__mode$/, "");
      const cur = getAt(this.model, p);
      const was = scenarioMode(cur);
      if (was !== "stay") this.stash[`${p}:${was}`] = structuredClone(cur);
      const kept = this.stash[`${p}:${el.value}`];
      setAt(this.model, p, kept ? structuredClone(kept) : this.newScenario(el.value));
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
    if (b.dataset.gotoParam) {
      const input = this.root.querySelector(`input[data-param="${CSS.escape(b.dataset.gotoParam)}"]`);
      for (let d = input?.closest("details"); d; d = d.parentElement?.closest("details")) d.open = true;
      input?.scrollIntoView?.({ block: "center" });
      input?.focus();
      return;
    }
    const m = this.model;
    if (b.dataset.removeParam !== undefined) {
      this.checkpoint();
      delete m.parameters?.[b.dataset.removeParam];
      this.removed = `${this.t("parameters")}: ${b.dataset.removeParam}`;
      if (m.parameters && !Object.keys(m.parameters).length) delete m.parameters;
    } else if (b.dataset.remove) {
      this.checkpoint();
      this.removed = placeOf(b.dataset.remove, this.problemContext());
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
    if (this.removed) {
      this.notify(`${this.t("removed")}: ${this.removed}.`, { undo: true });
      this.removed = null;
      // The focus was on the removed button: it goes to the undo button beside the message.
      this.root.querySelector("[data-testid=notice-undo]")?.focus();
    }
  }

  /** A per-participant cost's target groups (SPEC §8.3 `groups`): none listed = every group. */
  toggleCostGroup(i, id, on) {
    const c = this.model.intervention?.costs?.[i];
    if (!c) return;
    const all = (this.model.groups ?? []).map((g) => g.id);
    const list = on ? [...new Set([...(c.groups ?? []), id])] : (c.groups ?? []).filter((x) => x !== id);
    if (!list.length) delete c.groups;
    else c.groups = all.filter((g) => list.includes(g));
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
  /** Each problem beside its field (or the nearest enclosing part that has a slot), every row
   * involved marked, and the error summary at the top (the GOV.UK pattern): one sentence per
   * problem with a link that takes the focus to its field. */
  renderProblems() {
    const root = this.root;
    root.querySelectorAll("[data-err-for]").forEach((e) => (e.textContent = ""));
    root.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
    root.querySelectorAll(".invalid").forEach((e) => e.classList.remove("invalid"));
    const list = problemList(this.problems, this.problemContext());
    list.forEach((p) => {
      let path = p.path;
      let slot = null;
      while (path !== null) {
        slot = root.querySelector(`[data-err-for="${CSS.escape(path)}"]`);
        if (slot) break;
        path = parentPath(path);
      }
      if (!slot) return;
      slot.textContent = slot.textContent ? `${slot.textContent} ${p.sentence}` : p.sentence;
      const field = root.querySelector(`.editor [data-path="${CSS.escape(path)}"]`);
      if (field?.matches("input, select")) field.setAttribute("aria-invalid", "true");
      slot.closest("fieldset")?.classList.add("invalid");
      // The row, card or group the problem is about (a start or a trajectory year: every field in it).
      (field ?? slot).closest("tr, .cost, .param, .group, .row")?.classList.add("invalid");
    });
    const box = root.querySelector("[data-testid=error-summary]");
    if (!box) return;
    box.hidden = !list.length;
    const n = list.length;
    box.innerHTML = n ? `<h2>${esc(this.t(n === 1 ? "oneProblem" : "manyProblems").replace("{n}", n))}</h2><p>${esc(this.t("summaryHint"))}</p><ul>${list.map((p) =>
      `<li><a href="#" data-action="goto" data-path="${esc(p.path)}">${p.place ? `<span class="place">${esc(p.place)}:</span> ` : ""}${esc(p.sentence)}</a></li>`).join("")}</ul>` : "";
  }

  // ---- results ------------------------------------------------------------------------
  /** What results.js reads: the report, the language and the formatter. */
  /** Whether the results column is narrow (a phone, a narrow embed): the charts are drawn for it. */
  narrow() {
    if (this.isNarrow === undefined) this.measureNarrow();
    return this.isNarrow;
  }
  /** Measured when the element is drawn and when it is resized, not on every edit. */
  measureNarrow() {
    const w = this.root.querySelector(".results")?.clientWidth;
    this.isNarrow = Boolean(w && w < 520);
  }

  resultsView() {
    const ctx = this.problemContext();
    return { report: this.report, lang: this.lang, t: (k) => this.t(k), fmt: this.fmt, breakdownRow: this.breakdownRow,
      calendar: /^\d{4}$/.test(String(this.calendar).trim()) ? Number(this.calendar) : null, place: (path) => placeOf(path, ctx),
      model: this.model, states: this.states(), narrow: this.narrow() };
  }

  renderResults() {
    const sec = this.root.querySelector(".results-main");
    if (!sec) return;
    const L = (k) => this.t(k);
    const stale = this.problems.length > 0;
    sec.classList.toggle("stale", stale);
    // A simulation of an earlier model is kept but dimmed until it is run again.
    this.root.querySelector("[data-testid=sim-out]")?.classList.toggle("stale", Boolean(this.sim && this.sim.model !== JSON.stringify(this.model)));
    let h = `<h2 id="${this.id_}-results-h">${L("results")}</h2>`;
    h += stale ? `<div class="banner" data-testid="invalid-banner">${L("invalid")}</div>` : "";
    this.drawnNarrow = this.narrow();
    if (this.report) h += reportHtml(this.resultsView());
    sec.innerHTML = h;
  }

  // ---- uncertainty (in a worker) ----------------------------------------------------------
  runSimulation() {
    const out = this.root.querySelector("[data-testid=sim-out]");
    if (this.problems.length) { out.innerHTML = `<p class="err">${esc(this.t("invalid"))}</p>`; return; }
    const runs = Number(this.root.querySelector("[data-testid=runs]").value || 10000);
    const seed = Number(this.root.querySelector("[data-testid=seed]").value || 1);
    this.simWorker();
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

  /** The simulation's worker, started on first use. */
  simWorker() {
    this.worker ??= new Worker(new URL("../ekusia-worker.js", import.meta.url), { type: "module" });
    return this.worker;
  }

  renderSimulation() {
    const out = this.root.querySelector("[data-testid=sim-out]");
    if (!out || !this.sim) return;
    out.innerHTML = simulationHtml(this.resultsView(), this.sim);
    this.markScrollables();
  }
}
