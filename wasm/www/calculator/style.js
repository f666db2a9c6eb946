// The element's styles; they live in its shadow DOM and never touch the embedding page.
export const STYLE = `
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
.stale .figures, .sim-out.stale, .stale .param-value { opacity: .55; }
.headline { display: flex; flex-wrap: wrap; gap: 1rem; margin-bottom: .6rem; }
.card { background: #f4f7fa; border-radius: 8px; padding: .5rem .8rem; min-width: 9rem; }
.card .label { font-size: .8rem; color: #4a5663; } .card .value { font-size: 1.35rem; font-weight: 650; white-space: nowrap; }
.neg { color: var(--bad); }
.muted { color: #5b6773; font-size: .82rem; }
.vh { position: absolute !important; left: 0; top: 0; width: 1px !important; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
svg text { font-size: 11px; fill: #333; }
@media (max-width: 480px) { svg[data-testid=chart] text { font-size: 17px; } }
.link { width: 100%; font-size: .8rem; margin-top: .3rem; }
code { font: .82rem/1.2 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: #4a5663; background: #f4f6f8; padding: 0 .2rem; border-radius: 3px; }
.param { padding: .35rem 0 .4rem; border-bottom: 1px solid #e1e6eb; font-size: .9rem; }
.param-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0 .6rem; margin-bottom: .15rem; }
.param-value { font-variant-numeric: tabular-nums; color: #2e3a46; font-weight: 550; }
.param-edit { display: flex; align-items: center; gap: .4rem; }
.param-edit input { flex: 1 1 auto; min-width: 0; padding: .3rem .4rem; border: 1px solid #9aa7b4; border-radius: 5px; }
.param-add { margin-top: .4rem; }
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
.nw { white-space: nowrap; } td.wrap { white-space: normal; }
table.fit td:first-child { white-space: normal; min-width: 6rem; }
@media (max-width: 480px) { table.fit { font-size: .78rem; } table.fit th, table.fit td { padding: .3rem .2rem; } table.fit thead th { font-size: .74rem; } }
`;
