// The charts, hand-drawn as SVG text: a handful of polylines and bars needs no chart library,
// keeps the embed a few small files, and scales to any width. Every figure in a label is written
// by the formatter (format.js) the caller passes as `fmt`.
import { esc } from "./html.js";

// Okabe–Ito: told apart with the common colour-vision deficiencies; the aggregates draw thick.
const COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8c6d1f"];
const svg = (w, h, title, testid) =>
  `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}" data-testid="${testid}" style="width:100%;height:auto">`;

/** Round ticks for the range lo..hi: a step of 1, 2 or 5 times a power of ten, about five ticks. */
export function niceTicks(lo, hi, count = 5) {
  const span = hi - lo || 1;
  const raw = span / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const first = Math.floor(lo / step) * step, last = Math.ceil(hi / step) * step;
  const ticks = [];
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Math.abs(v) < step / 1e6 ? 0 : v);
  return { ticks, step };
}

/** The unit of the chart's axis: millions of the currency ("mnkr", "SEK m", "M EUR"). */
export function millionsUnit(fmt, t) {
  if (fmt.currency === "SEK") return t("mnkr");
  return fmt.lang === "en" ? `${fmt.currency} m` : `mn ${fmt.unit || fmt.currency}`;
}

/** Cumulative discounted net per row over the years (labelled from year 1, or with a calendar
 * start year), an axis in millions with round ticks, a dot at each payback year, each line
 * named at its end (names nudged apart so none overlap) and a legend.
 * `name(row)` is the row's display name; `t(key)` the page's texts. */
export function cumulativeChart(rows, horizon, { fmt, name, t, calendar = null, narrow = false }) {
  // A narrow column (a phone) gets a narrower drawing, so its words keep a readable size.
  const [W, H, left, right, top, bottom] = narrow ? [400, 280, 46, 120, 24, 34] : [640, 330, 64, 160, 24, 34];
  const pw = W - left - right, ph = H - top - bottom;
  const vals = rows.flatMap((r) => r.years.map((y) => Number(y.cumulative_pv_net) / 1e6));
  const { ticks } = niceTicks(Math.min(0, ...vals), Math.max(0, ...vals));
  const lo = ticks[0], hi = ticks.at(-1) === lo ? lo + 1 : ticks.at(-1);
  const x = (yr) => left + (horizon > 1 ? (pw * yr) / (horizon - 1) : pw / 2);
  const y = (v) => top + (ph * (hi - v)) / (hi - lo);
  const decimals = ticks.some((v) => Math.abs(v - Math.round(v)) > 1e-9) ? (ticks.some((v) => Math.abs(v * 10 - Math.round(v * 10)) > 1e-9) ? 2 : 1) : 0;
  let s = svg(W, H, t("chart"), "chart").replace("<svg ", `<svg class="${narrow ? "narrow" : "wide"}" `);
  for (const v of ticks) {
    s += `<line x1="${left}" x2="${left + pw}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? "#333" : "#e3e7eb"}"${v === 0 ? ' stroke-width="1.5"' : ""}/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" data-tick="${v}">${fmt.number(v.toFixed(decimals), decimals)}</text>`;
  }
  s += `<text x="${left - 6}" y="${top - 12}" text-anchor="end" class="unit">${esc(millionsUnit(fmt, t))}</text>`;
  // Years count from 1 (year index t is "year t + 1"), as the core's tables and report do.
  const step = Math.max(1, Math.ceil(horizon / (calendar != null ? (narrow ? 5 : 8) : (narrow ? 10 : 12))));
  for (let yr = 0; yr < horizon; yr += step) s += `<text x="${x(yr)}" y="${H - 16}" text-anchor="middle" data-year="${yr + 1}">${calendar != null ? calendar + yr : yr + 1}</text>`;
  s += `<text x="${left + pw / 2}" y="${H - 2}" text-anchor="middle" class="unit">${esc(calendar != null ? t("calendarAxis") : t("axisYear"))}</text>`;
  let legend = "";
  // The labels at the lines' ends, moved apart to at least 13 px.
  const ends = rows.map((r, i) => { const at = y(Number(r.years.at(-1)?.cumulative_pv_net ?? 0) / 1e6); return { r, i, at, y: at }; }).sort((a, b) => a.y - b.y);
  for (let k = 1; k < ends.length; k++) ends[k].y = Math.max(ends[k].y, ends[k - 1].y + 13);
  const over = ends.length ? ends.at(-1).y - (H - bottom) : 0;
  if (over > 0) ends.forEach((e) => (e.y -= over));
  rows.forEach((r, i) => {
    const c = COLORS[i % COLORS.length];
    const pts = r.years.map((yr) => `${x(yr.year).toFixed(1)},${y(Number(yr.cumulative_pv_net) / 1e6).toFixed(1)}`).join(" ");
    const dash = r.kind === "individual" ? ' stroke-dasharray="5 3"' : "";
    s += `<polyline fill="none" stroke="${c}" stroke-width="${r.kind === "aggregate" ? 3.2 : 1.8}"${dash} points="${pts}"><title>${esc(name(r))}</title></polyline>`;
    if (r.payback_year != null) {
      const v = Number(r.years[r.payback_year].cumulative_pv_net) / 1e6;
      s += `<circle cx="${x(r.payback_year)}" cy="${y(v)}" r="4.5" fill="${c}" data-payback="${esc(r.id)}"><title>${esc(name(r))}: ${t("paybackAfter")} ${fmt.duration(r.payback_months)}</title></circle>`;
    }
    legend += `<span style="display:inline-flex;align-items:center;gap:.3rem;margin-right:.8rem"><span style="width:14px;height:4px;background:${c};display:inline-block"></span>${esc(name(r))}</span>`;
  });
  // Each name is tied to its line by a short leader in the line's colour (from where the line
  // ends to where its name was moved); the words themselves stay dark, for contrast.
  for (const e of ends) {
    const label = name(e.r);
    const max = narrow ? 14 : 18;
    const c = COLORS[e.i % COLORS.length];
    s += `<polyline fill="none" stroke="${c}" stroke-width="2" points="${left + pw},${e.at.toFixed(1)} ${left + pw + 4},${e.at.toFixed(1)} ${left + pw + 8},${e.y.toFixed(1)} ${left + pw + 11},${e.y.toFixed(1)}" data-leader="${esc(e.r.id)}"/>`;
    s += `<text x="${left + pw + 13}" y="${(e.y + 4).toFixed(1)}" class="end" data-end="${esc(e.r.id)}"><title>${esc(label)}</title>${esc(label.length > max ? `${label.slice(0, max - 1)}…` : label)}</text>`;
  }
  return `${s}</svg><div class="muted legend">${legend}</div>`;
}

/** The simulated distribution of one row's npv: its histogram's bars, red below zero. */
export function histogram(row, { fmt, t, narrow = false }) {
  const { min, max, counts } = row.histogram;
  const [W, H, left, bottom, top] = narrow ? [400, 150, 6, 24, 8] : [640, 170, 10, 24, 8];
  const n = counts.length, tallest = Math.max(...counts, 1);
  const bw = (W - 2 * left) / n;
  const width = max > min ? (max - min) / n : 1;
  let s = svg(W, H, t("histogram"), "histogram").replace("<svg ", `<svg class="${narrow ? "narrow" : "wide"}" `);
  counts.forEach((c, i) => {
    const h = ((H - top - bottom) * c) / tallest;
    const neg = min + (i + 1) * width <= 0;
    s += `<rect x="${left + i * bw + 0.5}" y="${H - bottom - h}" width="${bw - 1}" height="${h}" fill="${neg ? "#d1495b" : "#1b6ca8"}"><title>${fmt.money(min + i * width)} – ${fmt.money(min + (i + 1) * width)}: ${c}</title></rect>`;
  });
  s += `<text x="${left}" y="${H - 6}">${fmt.money(min)}</text><text x="${W - left}" y="${H - 6}" text-anchor="end">${fmt.money(max)}</text></svg>`;
  return s;
}

/** The tornado: society's npv with each uncertain number at its low and its high value, the
 * ten that move it most, around the line at the base npv; each bar named by `label(row)` (its
 * field's name), a legend for low and high, and the zero line where zero is in range. */
export function tornado(sens, { fmt, t, label = (r) => r.label || r.path, narrow = false }) {
  const rows = sens.rows.slice(0, 10);
  if (!rows.length) return "";
  // On a narrow column each label stands above its bar, across the whole width.
  const [W, rowH, left, right, top] = narrow ? [400, 40, 8, 8, 24] : [640, 26, 250, 14, 22];
  const H = top + rowH * rows.length + 28;
  const base = Number(sens.npv);
  const vals = rows.flatMap((r) => [Number(r.npv_low), Number(r.npv_high)]).concat(base);
  const lo = Math.min(...vals), hi = Math.max(...vals);
  const x = (v) => left + ((W - left - right) * (v - lo)) / (hi - lo || 1);
  let s = svg(W, H, t("tornado"), "tornado");
  s = s.replace("<svg ", `<svg class="${narrow ? "narrow" : "wide"}" `);
  s += `<rect x="${left}" y="4" width="10" height="10" fill="#D55E00"/><text x="${left + 14}" y="13">${esc(t("low20"))}</text>`;
  s += `<rect x="${left + 110}" y="4" width="10" height="10" fill="#0072B2"/><text x="${left + 124}" y="13">${esc(t("high20"))}</text>`;
  // On a narrow column each label stands above its bar, across the whole width: the base and
  // zero lines are then drawn beside the bars only, so they never cross a label's words.
  let labels = "";
  const spans = [];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const a = Number(r.npv_low), b = Number(r.npv_high);
    const text = label(r);
    const max = narrow ? 56 : 40;
    const by = narrow ? y + 18 : y + 4, bh = narrow ? 16 : rowH - 9;
    spans.push([by - 1, by + bh + 1]);
    labels += narrow ? `<text x="${left}" y="${y + 13}" data-label="${esc(r.path)}"><title>${esc(text)} (${esc(r.path)})</title>${esc(text.length > max ? `${text.slice(0, max - 1)}…` : text)}</text>`
      : `<text x="${left - 6}" y="${y + 16}" text-anchor="end" data-label="${esc(r.path)}"><title>${esc(text)} (${esc(r.path)})</title>${esc(text.length > max ? `${text.slice(0, max - 1)}…` : text)}</text>`;
    s += `<rect x="${Math.min(x(a), x(base))}" y="${by}" width="${Math.abs(x(a) - x(base))}" height="${bh}" fill="#D55E00"><title>${t("low")} ${esc(r.low)}: ${fmt.money(r.npv_low)}</title></rect>`;
    s += `<rect x="${Math.min(x(b), x(base))}" y="${by}" width="${Math.abs(x(b) - x(base))}" height="${bh}" fill="#0072B2"><title>${t("high")} ${esc(r.high)}: ${fmt.money(r.npv_high)}</title></rect>`;
  });
  const bottom = top + rowH * rows.length;
  const vline = (xv, attrs) => (narrow ? `<path d="${spans.map(([a, b]) => `M${xv} ${a}V${b}`).join("")}" ${attrs}/>` : `<line x1="${xv}" x2="${xv}" y1="${top - 2}" y2="${bottom}" ${attrs}/>`);
  if (lo <= 0 && hi >= 0) s += `${vline(x(0), 'stroke="#b3261e" stroke-dasharray="3 3" data-testid="zero-line"')}<text x="${x(0)}" y="${bottom + 24}" text-anchor="middle" style="fill:#b3261e">0</text>`;
  s += `${vline(x(base), 'stroke="#333" data-testid="base-line"')}<text x="${x(base)}" y="${bottom + 12}" text-anchor="${x(base) < W / 3 ? "start" : x(base) > (2 * W) / 3 ? "end" : "middle"}" data-testid="base-label">${esc(t("baseLine"))}: ${fmt.money(sens.npv)}</text>${labels}</svg>`;
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
