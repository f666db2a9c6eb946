// The page builds its HTML as text; everything that comes from a model or a visitor goes
// through `esc` on the way in.
export const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
