// Saving what is drawn: GEXF 1.3 (Gephi's format: nodes, edges, their kinds, weights, years and
// positions) and a PNG of the drawing's layers.

const escape = (text) =>
  String(text ?? "").replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);

const NODE_ATTRIBUTES = [
  ["kind", "string"],
  ["depth", "integer"],
  ["weight", "double"],
  ["year", "integer"],
];

/** The graph's nodes (those `keep(id, attributes)` accepts) and the edges between them, as GEXF. */
export function toGexf(graph, { keep = () => true, description = "" } = {}) {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta><creator>bzpeer explorer</creator><description>${escape(description)}</description></meta>`,
    '  <graph defaultedgetype="undirected" mode="static">',
    '    <attributes class="node">',
    ...NODE_ATTRIBUTES.map(([name, type]) => `      <attribute id="${name}" title="${name}" type="${type}"/>`),
    "    </attributes>",
    '    <attributes class="edge"><attribute id="kind" title="kind" type="string"/></attributes>',
    "    <nodes>",
  ];
  const kept = new Set();
  graph.forEachNode((id, a) => {
    if (!keep(id, a)) return;
    kept.add(id);
    const values = NODE_ATTRIBUTES.filter(([name]) => a[name] != null)
      .map(([name]) => `<attvalue for="${name}" value="${escape(a[name])}"/>`)
      .join("");
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(a.color.slice(i, i + 2), 16));
    lines.push(
      `      <node id="${escape(id)}" label="${escape(a.label)}"><attvalues>${values}</attvalues>` +
        `<viz:color r="${r}" g="${g}" b="${b}"/><viz:position x="${a.x.toFixed(2)}" y="${a.y.toFixed(2)}" z="0"/>` +
        `<viz:size value="${a.size}"/></node>`,
    );
  });
  lines.push("    </nodes>", "    <edges>");
  graph.forEachEdge((key, a, source, target) => {
    if (!kept.has(source) || !kept.has(target)) return;
    const type = a.kind === "CITES" ? ' type="directed"' : "";
    const weight = a.weight != null ? ` weight="${a.weight}"` : "";
    lines.push(
      `      <edge id="${escape(key)}" source="${escape(source)}" target="${escape(target)}"${type}${weight}>` +
        `<attvalues><attvalue for="kind" value="${escape(a.kind)}"/></attvalues></edge>`,
    );
  });
  lines.push("    </edges>", "  </graph>", "</gexf>", "");
  return lines.join("\n");
}

/** A PNG (as a data URL) of the drawing: sigma's layers over a white ground, as on screen. */
export function toPng(sigma) {
  const { width, height } = sigma.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  // drawn now, and copied before the browser shows the frame: WebGL keeps no buffer after that
  sigma.refresh();
  for (const layer of ["edges", "nodes", "edgeLabels", "labels", "hovers", "hoverNodes"]) {
    const source = sigma.getCanvases()[layer];
    if (source) context.drawImage(source, 0, 0, canvas.width, canvas.height);
  }
  return canvas.toDataURL("image/png");
}

/** Offers `url` (a data or blob URL) to the browser as a download named `name`. */
export function download(url, name) {
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}
