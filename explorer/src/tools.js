// The row under the graph's controls: filters by kind and paper year, finding nodes within the
// drawing, and saving it as PNG or GEXF. All of it works on what is drawn; nothing is requested.

import { byId } from "./dom.js";
import { download, toGexf, toPng } from "./export.js";
import { passes } from "./graph.js";

/** Reads the filter controls: which kinds to draw, and papers from which years. */
function readFilter() {
  const kinds = [...document.querySelectorAll("#filter-kinds input")].filter((box) => box.checked).map((box) => box.value);
  const year = (input) => (byId(input).value === "" ? null : Number(byId(input).value));
  return { kinds, from: year("year-from"), to: year("year-to") };
}

/** Wires the row to `view`; `name()` names the files saved. Returns what the page calls. */
export function setUpGraphTools(view, { name }) {
  /** Marks the drawn nodes whose labels hold the words typed; Enter moves to the first. */
  const find = (focus) => {
    const found = view.find(byId("find").value);
    byId("find-count").textContent = byId("find").value ? `${found.length} found` : "";
    if (focus && found.length) view.focus(found[0]);
  };
  const applyFilter = () => {
    view.setFilter(readFilter());
    byId("filter-count").textContent = view.graph ? `${view.visibleIds().length} of ${view.graph.order} shown` : "";
    if (byId("find").value) find(false);
  };
  /** The drawing as GEXF: the nodes the filters let through and the edges among them. */
  const gexf = () => {
    const filter = readFilter();
    return toGexf(view.graph, { keep: (id, attributes) => passes(attributes, filter), description: `the research graph around ${name()}` });
  };
  byId("filters").addEventListener("change", applyFilter);
  byId("filters").addEventListener("input", (event) => {
    if (event.target.matches("input[type=number]")) applyFilter();
  });
  byId("find").addEventListener("input", () => find(false));
  byId("find").addEventListener("keydown", (event) => {
    if (event.key === "Enter") find(true);
  });
  byId("export-png").addEventListener("click", () => {
    if (view.sigma) download(toPng(view.sigma), `${name()}.png`);
  });
  byId("export-gexf").addEventListener("click", () => {
    if (!view.graph) return;
    const url = URL.createObjectURL(new Blob([gexf()], { type: "application/gexf+xml" }));
    download(url, `${name()}.gexf`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return { applyFilter, gexf };
}
