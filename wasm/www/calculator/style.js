// The element's styles; they live in its shadow DOM and never touch the embedding page.
/** The rules that turn `table.cards${only}` into cards inside container `name` below `width` px. */
function cards(name, width, only) {
  const t = `table.cards${only}`;
  return `@container ${name} (max-width: ${width}px) {
  ${t} thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  ${t}, ${t} tbody { display: block; width: 100%; }
  ${t} tr { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .2rem .6rem; border: 1px solid #d5dbe1; border-radius: 8px; padding: .4rem .5rem; margin-bottom: .5rem; }
  ${t} td { display: flex; flex-direction: column; align-items: flex-start; border: 0; padding: .1rem 0; text-align: left; white-space: normal; }
  ${t} td[data-label]:not([data-label=""])::before { content: attr(data-label); font-size: .78rem; color: #4a5663; }
  ${t} td:first-child { grid-column: 1 / -1; font-weight: 600; }
  ${t} td.act, ${t} td.params { grid-column: 1 / -1; }
  ${t} td.act { align-items: flex-end; }
  ${t} td input, ${t} td select { width: 100%; max-width: none; }
  ${t} tr.agg td { background: none; }
  ${t} tr.agg { background: #f4f7fa; }
}`;
}

export const STYLE = `
:host { position: relative; display: block; container: ekc / inline-size; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2733; --accent: #0b5cab; --bad: #b3261e; --line: #6b7785; --focus: #0b3d91; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; } h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.bar { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
.bar label { display: flex; flex-direction: column; font-size: .85rem; }
button, select, input { font: inherit; }
/* 16 px in every field, so a phone does not zoom in when one is focused. */
input, select { font-size: 16px; }
button { border: 1px solid var(--line); background: #f4f6f8; color: #1d2733; border-radius: 6px; padding: .4rem .75rem; cursor: pointer; min-height: 2.25rem; }
button:hover { background: #e6ebf0; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
button.primary:hover { background: #094a8a; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px #ffd84d; }
a { color: var(--accent); }
.skip { position: absolute; left: -9999px; top: 0; z-index: 20; background: #fff; padding: .5rem .8rem; border: 2px solid var(--focus); }
.skip:focus { left: .5rem; }
/* One column by default: the element adapts to the width it is given (its container), not the window's. */
.grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.5rem; }
.editor { container: editor / inline-size; min-width: 0; }
/* One column (a phone, a narrow column): the form first, the figures in the sticky bar above it
   and the results after it (the skip link jumps there). */
.results { container: results / inline-size; min-width: 0; }
.results:focus { outline: none; }
@container ekc (min-width: 900px) { .grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1.15fr); } }
.sticky { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; gap: .2rem 1.1rem; align-items: baseline; background: #fff; border-bottom: 1px solid var(--line); padding: .35rem .2rem; margin-bottom: .6rem; font-size: .9rem; }
.sticky:empty { display: none; }
.sb-label { color: #4a5663; } .sb-item strong { font-variant-numeric: tabular-nums; white-space: nowrap; }
.delta { margin-left: .35rem; font-size: .82rem; color: #1f6f3a; white-space: nowrap; } .delta.neg { color: var(--bad); }
.sb-note { font-size: .75rem; color: #5b6773; } .sb-err { color: var(--bad); font-weight: 600; }
.menu { position: relative; }
.menu summary { list-style: none; border: 1px solid var(--line); background: #f4f6f8; border-radius: 6px; padding: .4rem .75rem; cursor: pointer; min-height: 2.25rem; }
.menu summary::-webkit-details-marker { display: none; }
.menu summary::after { content: " ▾"; }
.menu-list { position: absolute; z-index: 15; right: 0; top: calc(100% + .25rem); display: flex; flex-direction: column; gap: .3rem; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .45rem; box-shadow: 0 6px 18px rgba(0,0,0,.15); min-width: 15rem; }
.menu-list button { text-align: left; }
.notice { border-left: 5px solid var(--accent); background: #eef4fb; padding: .5rem .8rem; margin: 0 0 .8rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.notice p { margin: 0; flex: 1 1 16rem; } .notice.error { border-color: var(--bad); background: #fff4f3; } .notice.ask { border-color: #8a5a00; background: #fff8e6; }
.share-box { margin: 0 0 .8rem; } .share-box label { display: flex; flex-direction: column; font-size: .85rem; }
.error-summary { border: 4px solid var(--bad); padding: .7rem 1rem; margin: 0 0 1rem; }
.error-summary h2 { margin: 0 0 .3rem; font-size: 1.1rem; } .error-summary p { margin: 0 0 .4rem; font-size: .88rem; }
.error-summary ul { margin: 0; padding-left: 1.1rem; } .error-summary a { color: var(--bad); font-weight: 600; }
.error-summary .place { font-weight: 700; }
.warnings { border-left: 5px solid #8a5a00; background: #fff8e6; padding: .4rem .7rem; margin: 0 0 .7rem; font-size: .88rem; }
.warnings ul { margin: .2rem 0 0; padding-left: 1.1rem; }
.bar label { max-width: 100%; } .bar select { max-width: 100%; }
fieldset { border: 1px solid #d5dbe1; border-radius: 8px; margin: 0 0 1rem; padding: .6rem .8rem .8rem; min-width: 0; }
legend { font-weight: 600; padding: 0 .3rem; }
.field { display: flex; flex-direction: column; margin: .35rem 0; font-size: .9rem; }
.field input, .field select { padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 5px; max-width: 100%; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
.row .field { flex: 1 1 9rem; min-width: 0; }
.field label { overflow-wrap: break-word; hyphens: auto; }
.row .field input, .row .field select { width: 100%; }
.row .field:has(> button) { min-width: auto; } .row .field button { max-width: 100%; white-space: normal; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { padding: .3rem .4rem; border-bottom: 1px solid #e1e6eb; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { white-space: normal; vertical-align: bottom; font-size: .82rem; hyphens: manual; }
td input { width: 7rem; padding: .2rem .3rem; border: 1px solid var(--line); border-radius: 4px; }
td select { max-width: 11rem; }
tr.agg td { font-weight: 600; background: #f4f7fa; }
.err { color: var(--bad); font-size: .82rem; margin-top: .15rem; white-space: normal; }
[aria-invalid="true"] { border-color: var(--bad) !important; border-width: 2px !important; background: #fff4f3; }
fieldset.invalid { border-color: var(--bad); border-width: 2px; }
tr.invalid > td { background: #fff4f3; } .cost.invalid, .param.invalid, .group.invalid, .row.invalid { box-shadow: inset 4px 0 0 var(--bad); padding-left: .5rem; }
fieldset.inline { border: 0; padding: 0; margin: .3rem 0; } fieldset.inline legend { padding: 0; font-weight: 550; font-size: .9rem; }
.toggle { display: inline-flex; align-items: center; gap: .3rem; margin-right: .8rem; }
.banner { background: #fff4f3; border: 1px solid var(--bad); color: var(--bad); padding: .5rem .7rem; border-radius: 6px; margin-bottom: .6rem; }
.stale .figures, .sim-out.stale, .stale .param-value { opacity: .55; }
.headline { display: flex; flex-wrap: wrap; gap: 1rem; margin-bottom: .6rem; }
.card { background: #f4f7fa; border-radius: 8px; padding: .5rem .8rem; flex: 1 1 9rem; max-width: 100%; }
.card .label { font-size: .82rem; color: #4a5663; } /* An amount never breaks inside; a card too narrow for it moves to the next line instead. */
.card .value { font-size: 1.35rem; font-weight: 650; line-height: 1.2; white-space: nowrap; }
@container results (max-width: 700px) { .card .value { font-size: 1.15rem; } }
.neg { color: var(--bad); }
.muted { color: #5b6773; font-size: .82rem; }
.vh { position: absolute !important; left: 0; top: 0; width: 1px !important; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
svg text { font-size: 11px; fill: #333; }
svg[data-testid] { overflow: hidden; }
svg text.unit { font-size: 11px; fill: #4a5663; } svg text.end { font-size: 12px; font-weight: 600; }
@container ekc (max-width: 480px) { .card .value { font-size: 1.1rem; } .headline { gap: .5rem; } }
svg.narrow text { font-size: 12px; } svg.narrow text.end { font-size: 11.5px; }
/* Narrow columns: a table of inputs or results becomes one card per row, every field with its
   column's name beside it, so no column is hidden off to the side. The editor and the results
   are containers of their own, so this follows the column's width, wherever it is embedded. */
${cards("editor", 680, "")}
${cards("editor", 1100, "[data-testid=local-values-table]")}
${cards("results", 600, "")}
/* The simulation's table: five columns of amounts that must fit a 630 px column in English too. */
table[data-testid=sim-table] { font-size: .82rem; } table[data-testid=sim-table] th, table[data-testid=sim-table] td { padding: .3rem .25rem; }
table[data-testid=summary].cards tr { grid-template-columns: repeat(auto-fill, minmax(7.2rem, 1fr)); }
/* A transition as a card: from and to on one line, share and years with the remove button under them. */
@container editor (max-width: 680px) {
  table.transitions.cards tr { grid-template-columns: repeat(6, minmax(0, 1fr)) auto; align-items: end; }
  table.transitions.cards td:nth-child(1) { grid-column: 1 / 4; font-weight: 400; }
  table.transitions.cards td:nth-child(2) { grid-column: 4 / 7; }
  table.transitions.cards td { grid-column: span 2; }
  table.transitions.cards td.act { grid-column: auto; }
}
/* On a phone the states' names would be cut off side by side: from and to each take a line. */
@container editor (max-width: 440px) {
  table.transitions.cards td:nth-child(1), table.transitions.cards td:nth-child(2) { grid-column: 1 / -1; }
}
.link { width: 100%; font-size: 16px; margin-top: .3rem; }
code { font: .82rem/1.2 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: #4a5663; background: #f4f6f8; padding: 0 .2rem; border-radius: 3px; }
.param { padding: .35rem 0 .4rem; border-bottom: 1px solid #e1e6eb; font-size: .9rem; }
.param-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0 .6rem; margin-bottom: .15rem; }
.param-value { font-variant-numeric: tabular-nums; color: #2e3a46; font-weight: 550; }
.param-edit { display: flex; align-items: center; gap: .4rem; }
.param-edit input { flex: 1 1 auto; min-width: 0; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 5px; }
.param-add { margin-top: .4rem; }
h4.param-group { margin: .9rem 0 .1rem; color: #2e3a46; }
table.states th, table.states td { text-align: left; }
table.states .limit { display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; }
table.states td input { width: 3.5rem; }
table.states td select { flex: 1 1 8rem; min-width: 0; max-width: 13rem; }
table.states td:first-child { white-space: normal; }
.group { margin-bottom: .4rem; }
.group-part { margin: .45rem 0; font-size: .9rem; }
.group-part .toggle { font-weight: 550; }
.inherits { display: inline-block; font-size: .78rem; padding: 0 .4rem; border-radius: 9px; background: #e8eef4; color: #2e4057; }
.sub { font-size: .8rem; font-weight: 400; color: #5b6773; }
td .sub.neg { color: var(--bad); }
table[data-testid=groups] td:first-child { white-space: normal; min-width: 6rem; }
h4 { font-size: .92rem; margin: .8rem 0 .3rem; }
.field.inline label { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; }
.bd { margin: .3rem 0 .4rem; font-size: .85rem; }
.bd-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0 .6rem; padding: .12rem 0; }
.bd-label { flex: 1 1 9rem; min-width: 0; overflow-wrap: anywhere; line-height: 1.2; }
.bd-track { flex: 3 1 16rem; min-width: 0; display: flex; height: 1.35rem; font-size: .78rem; }
.bd-side { display: flex; align-items: center; min-width: 0; }
.bd-neg { justify-content: flex-end; }
.bd-pos { border-left: 1.5px solid #444; }
.bd-bar { display: block; height: .95rem; min-width: 1px; }
.bd-bar.pos { background: #1b6ca8; } .bd-bar.neg { background: #d1495b; }
.bd.cost .bd-bar.pos { background: #c98a00; }
.bd-amount { white-space: nowrap; padding: 0 .3rem; font-variant-numeric: tabular-nums; }
details.data { margin: .2rem 0 .6rem; font-size: .85rem; } details.data summary { cursor: pointer; color: var(--accent); }
.outcome p { margin: .2rem 0 .3rem; font-size: .9rem; }
.link-button { border: 0; background: none; padding: 0 .15rem; min-height: 0; color: var(--accent); text-decoration: underline; font: .82rem/1.3 ui-monospace, Menlo, Consolas, monospace; }
td.params { white-space: normal; text-align: left; min-width: 10rem; }
.local-body.stale { opacity: .6; }
.nw { white-space: nowrap; } td.wrap { white-space: normal; }
table.fit td:first-child { white-space: normal; min-width: 6rem; }
@container ekc (max-width: 480px) { table.fit { font-size: .78rem; } table.fit th, table.fit td { padding: .3rem .2rem; } table.fit thead th { font-size: .74rem; } }
`;
