// The page's state in its URL (?id=…&depth=…&maxNodes=…&perNode=…&kinds=…), so every view can be
// linked and reloaded; the controls show what the URL says.

import { byId } from "./dom.js";

export const DEPTHS = [1, 2, 3];
export const SIZES = [100, 250, 500, 1000, 2000, 5000];
export const KINDS = ["RESEARCHER", "PAPER", "TOPIC", "INSTITUTION"];

/** Reads the URL into `page` and sets the controls to it. */
export function readUrl(page) {
  const params = new URLSearchParams(location.search);
  page.id = params.get("id");
  page.openedAs = null;
  const depth = Number(params.get("depth"));
  page.depth = DEPTHS.includes(depth) ? depth : 1;
  const maxNodes = Number(params.get("maxNodes"));
  page.maxNodes = SIZES.includes(maxNodes) ? maxNodes : 500;
  const perNode = Number(params.get("perNode"));
  page.perNode = Number.isInteger(perNode) && perNode >= 1 && perNode <= 100 ? perNode : null;
  const kinds = (params.get("kinds") || "").split(",").filter((kind) => KINDS.includes(kind));
  page.kinds = kinds.length ? kinds : KINDS;
  byId("depth").value = String(page.depth);
  byId("max-nodes").value = String(page.maxNodes);
  for (const box of document.querySelectorAll("#kinds input")) box.checked = page.kinds.includes(box.value);
}

/** Writes `page` into the URL: a new history entry when `push`, else in place. */
export function writeUrl(page, push) {
  const params = new URLSearchParams();
  if (page.id) params.set("id", page.id);
  if (page.depth !== 1) params.set("depth", String(page.depth));
  if (page.maxNodes !== 500) params.set("maxNodes", String(page.maxNodes));
  if (page.perNode) params.set("perNode", String(page.perNode));
  if (page.kinds.length !== KINDS.length) params.set("kinds", page.kinds.join(","));
  const url = `${location.pathname}?${String(params).replaceAll("%2C", ",")}`; // kinds=A,B reads better
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}
