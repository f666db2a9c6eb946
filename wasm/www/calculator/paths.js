// Values in the model object by their path, written the way the engine names a problem's place
// ("intervention.costs[0].financing.municipality"), so an input and its problems share one key.

/** The keys of a path: names as strings, list indexes as numbers. */
export function parsePath(path) {
  const out = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** The value at `path`, or undefined where any part of the way is missing. */
export function getAt(obj, path) {
  let node = obj;
  for (const k of parsePath(path)) {
    if (node == null) return undefined;
    node = node[k];
  }
  return node;
}

/** Sets the value at `path`, making the objects and lists on the way; `undefined` removes it
 * (from a list by splicing, so the indexes after it close up as the engine expects). */
export function setAt(obj, path, value) {
  const keys = parsePath(path);
  let node = obj;
  keys.slice(0, -1).forEach((k, i) => {
    if (node[k] == null) node[k] = typeof keys[i + 1] === "number" ? [] : {};
    node = node[k];
  });
  const last = keys.at(-1);
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last, 1);
    else delete node[last];
  } else node[last] = value;
}

/** The nearest enclosing path ("a.b[2].c" → "a.b[2]" → "a.b" → "a"), or null above the top. */
export function parentPath(path) {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut > 0 ? path.slice(0, cut) : null;
}
