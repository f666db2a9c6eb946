// The charts, hand-drawn as SVG text: a handful of polylines and bars needs no chart library,
// keeps the embed a few small files, and scales to any width. Every figure in a label is written
// by the formatter (format.js) the caller passes as `fmt`.
import { esc } from "./html.js";
import { localName } from "./format.js";

const COLORS = ["#1b6ca8", "#d1495b", "#c98a00", "#00798c", "#6a4c93", "#7a7a7a", "#2e4057", "#3c9d3c"];
const svg = (w, h, title, testid) =>
  `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}" data-testid="${testid}" style="width:100%;height:auto">`;

/** Cumulative discounted net per row over the years (labelled from year 1), a dot at each
 * payback year, a legend.
 * `name(row)` is the row's display name; `t(key)` the page's texts. */
export function cumulativeChart(rows, horizon, { fmt, name, t }) {
  const W = 640, H = 300, left = 78, right = 10, top = 12, bottom = 30;
  const pw = W - left - right, ph = H - top - bottom;
  const vals = rows.flatMap((r) => r.years.map((y) => Number(y.cumulative_pv_net)));
  let lo = Math.min(0, ...vals), hi = Math.max(0, ...vals);
  if (hi - lo < 1) { hi += 1; lo -= 1; }
  const x = (yr) => left + (horizon > 1 ? (pw * yr) / (horizon - 1) : pw / 2);
  const y = (v) => top + (ph * (hi - v)) / (hi - lo);
  let s = svg(W, H, t("chart"), "chart");
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    s += `<line x1="${left}" x2="${left + pw}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e7eb"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${fmt.number(v / 1e6, 1)} M</text>`;
  }
  s += `<line x1="${left}" x2="${left + pw}" y1="${y(0)}" y2="${y(0)}" stroke="#444"/>`;
  // Years count from 1 (year index t is "year t + 1"), as the core's tables and report do.
  const step = Math.max(1, Math.ceil(horizon / 12));
  for (let yr = 0; yr < horizon; yr += step) s += `<text x="${x(yr)}" y="${H - 10}" text-anchor="middle">${yr + 1}</text>`;
  s += `<text x="${left - 16}" y="${H - 10}" text-anchor="end">${esc(t("axisYear"))}</text>`;
  let legend = "";
  rows.forEach((r, i) => {
    const c = COLORS[i % COLORS.length];
    const pts = r.years.map((yr) => `${x(yr.year).toFixed(1)},${y(Number(yr.cumulative_pv_net)).toFixed(1)}`).join(" ");
    s += `<polyline fill="none" stroke="${c}" stroke-width="${r.kind === "aggregate" ? 3 : 1.6}" points="${pts}"><title>${esc(name(r))}</title></polyline>`;
    if (r.payback_year != null) {
      const v = Number(r.years[r.payback_year].cumulative_pv_net);
      s += `<circle cx="${x(r.payback_year)}" cy="${y(v)}" r="4.5" fill="${c}" data-payback="${esc(r.id)}"><title>${esc(name(r))}: ${t("paybackAfter")} ${fmt.duration(r.payback_months)}</title></circle>`;
    }
    legend += `<span style="display:inline-flex;align-items:center;gap:.3rem;margin-right:.8rem"><span style="width:14px;height:4px;background:${c};display:inline-block"></span>${esc(name(r))}</span>`;
  });
  return `${s}</svg><div class="muted">${legend}</div>`;
}

/** The simulated distribution of one row's npv: its histogram's bars, red below zero. */
export function histogram(row, { fmt, t }) {
  const { min, max, counts } = row.histogram;
  const W = 640, H = 170, left = 10, bottom = 24, top = 8;
  const n = counts.length, tallest = Math.max(...counts, 1);
  const bw = (W - 2 * left) / n;
  const width = max > min ? (max - min) / n : 1;
  let s = svg(W, H, t("histogram"), "histogram");
  counts.forEach((c, i) => {
    const h = ((H - top - bottom) * c) / tallest;
    const neg = min + (i + 1) * width <= 0;
    s += `<rect x="${left + i * bw + 0.5}" y="${H - bottom - h}" width="${bw - 1}" height="${h}" fill="${neg ? "#d1495b" : "#1b6ca8"}"><title>${fmt.money(min + i * width)} – ${fmt.money(min + (i + 1) * width)}: ${c}</title></rect>`;
  });
  s += `<text x="${left}" y="${H - 6}">${fmt.money(min)}</text><text x="${W - left}" y="${H - 6}" text-anchor="end">${fmt.money(max)}</text></svg>`;
  return s;
}

/** The tornado: society's npv with each uncertain number at its low and its high value, the
 * ten that move it most, around the line at the base npv. */
export function tornado(sens, { fmt, t }) {
  const rows = sens.rows.slice(0, 10);
  if (!rows.length) return "";
  const W = 640, rowH = 24, left = 250, right = 12;
  const H = rowH * rows.length + 26;
  const base = Number(sens.npv);
  const vals = rows.flatMap((r) => [Number(r.npv_low), Number(r.npv_high)]).concat(base);
  const lo = Math.min(...vals), hi = Math.max(...vals);
  const x = (v) => left + ((W - left - right) * (v - lo)) / (hi - lo || 1);
  let s = svg(W, H, t("tornado"), "tornado");
  rows.forEach((r, i) => {
    const y = 4 + i * rowH;
    const a = Number(r.npv_low), b = Number(r.npv_high);
    // A parameter with a name is labelled by it (SPEC §8.1), anything else by its readable path
    // (`transitions[from=a,to=b].share`), the position path in the tooltip.
    const label = r.names ? `${localName(r.names, fmt.lang)} (${r.path.replace(/^parameters\./, "")})` : (r.label || r.path);
    s += `<text x="${left - 6}" y="${y + 15}" text-anchor="end"><title>${esc(r.path)}</title>${esc(label.length > 38 ? "…" + label.slice(-37) : label)}</text>`;
    s += `<rect x="${Math.min(x(a), x(base))}" y="${y + 3}" width="${Math.abs(x(a) - x(base))}" height="${rowH - 8}" fill="#d1495b"><title>${t("low")} ${esc(r.low)}: ${fmt.money(r.npv_low)}</title></rect>`;
    s += `<rect x="${Math.min(x(b), x(base))}" y="${y + 3}" width="${Math.abs(x(b) - x(base))}" height="${rowH - 8}" fill="#1b6ca8"><title>${t("high")} ${esc(r.high)}: ${fmt.money(r.npv_high)}</title></rect>`;
  });
  s += `<line x1="${x(base)}" x2="${x(base)}" y1="0" y2="${H - 20}" stroke="#333"/><text x="${x(base)}" y="${H - 6}" text-anchor="middle">${fmt.money(sens.npv)}</text></svg>`;
  return s;
}

/** Horizontal bars from a zero line, gains to the right and losses to the left, each labelled
 * and with its amount written at its end: `parts` are `{ label, sub, value, attrs }` (value a
 * decimal's text). Drawn in HTML rather than SVG so the words keep their size on a phone: the
 * scale leaves room for the amounts on each side that has bars (ROOM, in the amounts' font
 * size), and every row uses the same zero line. `kind` colours the bars ("effect" or "cost"). */
export function bars(parts, { fmt, label, testid, kind = "effect" }) {
  const ROOM = 8.5; // em
  const vals = parts.map((p) => Number(p.value));
  const negMax = Math.max(0, ...vals.map((v) => -v)), posMax = Math.max(0, ...vals);
  const roomN = negMax > 0 ? ROOM : 0, roomP = posMax > 0 ? ROOM : 0;
  const fracN = negMax + posMax > 0 ? negMax / (negMax + posMax) : 0;
  const num = (v) => v.toFixed(5);
  const negW = `calc((100% - ${roomN + roomP}em) * ${num(fracN)} + ${roomN}em)`;
  const posW = `calc((100% - ${roomN + roomP}em) * ${num(1 - fracN)} + ${roomP}em)`;
  let h = `<div class="bd ${kind}" role="img" aria-label="${esc(label)}" data-testid="${testid}">`;
  parts.forEach((p, i) => {
    const v = vals[i];
    const amount = `<span class="bd-amount${v < 0 ? " neg" : ""}">${fmt.money(p.value)}</span>`;
    const bar = (max, room) => `<span class="bd-bar ${v < 0 ? "neg" : "pos"}" data-value="${esc(p.value)}"${p.attrs ?? ""} style="width:calc((100% - ${room}em) * ${num(Math.abs(v) / max)})"></span>`;
    h += `<div class="bd-row"><div class="bd-label">${esc(p.label)}${p.sub ? ` <span class="sub">${esc(p.sub)}</span>` : ""}</div><div class="bd-track">`;
    h += `<div class="bd-side bd-neg" style="width:${negW}">${v < 0 ? amount + bar(negMax, roomN) : ""}</div>`;
    h += `<div class="bd-side bd-pos" style="width:${posW}">${v >= 0 ? bar(posMax, roomP) + amount : ""}</div>`;
    h += `</div></div>`;
  });
  return `${h}</div>`;
}
