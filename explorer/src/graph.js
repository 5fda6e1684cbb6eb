// The research-graph panel: a neighbourhood slice drawn with Cytoscape.js and laid out by fCoSE.

import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

cytoscape.use(fcose);

/** Node kinds told apart by colour and by shape. */
export const KINDS = {
  RESEARCHER: { color: "#2563eb", shape: "ellipse" },
  PAPER: { color: "#ea580c", shape: "round-rectangle" },
  TOPIC: { color: "#16a34a", shape: "diamond" },
  INSTITUTION: { color: "#9333ea", shape: "hexagon" },
};

const EDGE_COLORS = {
  COAUTHOR: "#60a5fa",
  AUTHORED: "#fdba74",
  ABOUT: "#86efac",
  WORKS_ON: "#86efac",
  AFFILIATED_WITH: "#d8b4fe",
  CITES: "#fca5a5",
  RELATED: "#a3e635",
};

/** Above this many nodes the drawing trades detail for speed (no labels, edges hidden while moving). */
const LARGE = 400;

const edgeWidth = (weight) => 1 + Math.min(7, 1.6 * Math.log2(1 + weight));
const nodeSize = (weight, depth) =>
  depth === 0 ? 46 : Math.round((depth === 1 ? 22 : 16) + 3 * Math.min(4, Math.log2(1 + (weight || 0))));

function style() {
  const nodeKinds = Object.entries(KINDS).map(([kind, look]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { "background-color": look.color, shape: look.shape },
  }));
  const edgeKinds = Object.entries(EDGE_COLORS).map(([kind, color]) => ({
    selector: `edge[kind = "${kind}"]`,
    style: { "line-color": color },
  }));
  return [
    {
      selector: "node",
      style: {
        width: "data(size)",
        height: "data(size)",
        "border-width": 1,
        "border-color": "#ffffff",
        label: "",
        "font-size": 11,
        color: "#1f2937",
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-wrap": "ellipsis",
        "text-max-width": 140,
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.75,
        "text-background-padding": 1,
        "min-zoomed-font-size": 7,
      },
    },
    ...nodeKinds,
    { selector: "node.labelled", style: { label: "data(label)" } },
    { selector: "node.center", style: { "border-width": 4, "border-color": "#111827", label: "data(label)", "font-size": 13, "font-weight": "bold", "z-index": 10 } },
    { selector: "node.hovered", style: { label: "data(label)", "border-width": 3, "border-color": "#111827", "z-index": 20 } },
    {
      selector: "edge",
      style: { width: "data(width)", "line-color": "#cbd5e1", opacity: 0.7, "curve-style": "haystack", "haystack-radius": 0 },
    },
    ...edgeKinds,
    { selector: "edge.hovered", style: { opacity: 1, "line-color": "#111827", "z-index": 15 } },
  ];
}

/** Cytoscape elements for a slice; edges are deduplicated and must join two of its nodes. */
export function elementsOf(slice) {
  const ids = new Set(slice.nodes.map((n) => n.id));
  const centerId = slice.center ? slice.center.id : slice.nodes[0] && slice.nodes[0].id;
  const labelled = slice.nodes.length <= 150;
  const nodes = slice.nodes.map((n) => ({
    group: "nodes",
    data: { id: n.id, label: n.label, kind: n.kind, weight: n.weight, depth: n.depth, size: nodeSize(n.weight, n.depth) },
    classes: [n.id === centerId ? "center" : "", labelled && n.depth <= 1 ? "labelled" : ""].join(" ").trim(),
  }));
  const seen = new Set();
  const edges = [];
  for (const e of slice.edges) {
    const id = `${e.kind}:${e.source}->${e.target}`;
    if (seen.has(id) || !ids.has(e.source) || !ids.has(e.target)) continue;
    seen.add(id);
    edges.push({ group: "edges", data: { id, source: e.source, target: e.target, kind: e.kind, weight: e.weight, width: edgeWidth(e.weight) } });
  }
  return [...nodes, ...edges];
}

/** fCoSE with bounded work: fewer iterations and sampled spectral distances as the graph grows. */
export function layoutOptions(nodeCount) {
  const large = nodeCount > LARGE;
  return {
    name: "fcose",
    quality: "default",
    randomize: true,
    animate: false,
    fit: true,
    padding: 24,
    nodeDimensionsIncludeLabels: false,
    uniformNodeDimensions: large,
    packComponents: true,
    samplingType: true,
    sampleSize: 25,
    nodeSeparation: 60,
    nodeRepulsion: () => (large ? 6000 : 40000),
    idealEdgeLength: () => (large ? 40 : 120),
    edgeElasticity: () => 0.45,
    gravity: 0.25,
    numIter: large ? 1000 : 2500,
    tile: true,
  };
}

export class GraphView {
  /** `onSelect(node data)` when a node is clicked. */
  constructor(container, tooltip, { onSelect }) {
    this.container = container;
    this.tooltip = tooltip;
    this.onSelect = onSelect;
    this.cy = null;
    this.layoutMs = null;
    this.slice = null;
  }

  /** Draws a slice and lays it out; resolves once the layout has stopped, with its time. */
  async draw(slice) {
    const large = slice.nodes.length > LARGE;
    if (this.cy) this.cy.destroy();
    this.hideTooltip();
    this.slice = slice;
    this.layoutMs = null;
    const cy = cytoscape({
      container: this.container,
      style: style(),
      minZoom: 0.02,
      maxZoom: 5,
      boxSelectionEnabled: false,
      autounselectify: true,
      hideEdgesOnViewport: large,
      textureOnViewport: false,
      motionBlur: false,
      pixelRatio: large ? 1 : "auto",
    });
    this.cy = cy;
    cy.add(elementsOf(slice));
    this.bind(cy);
    // let the browser paint "laying out…" before the layout holds the main thread
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const started = performance.now();
    await new Promise((resolve) => {
      const layout = cy.layout(layoutOptions(slice.nodes.length));
      layout.one("layoutstop", resolve);
      layout.run();
    });
    this.layoutMs = performance.now() - started;
    // a small slice fits at a large zoom: keep labels at a readable size instead
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
    return { nodes: cy.nodes().length, edges: cy.edges().length, layoutMs: this.layoutMs };
  }

  clear() {
    if (this.cy) this.cy.destroy();
    this.cy = null;
    this.slice = null;
    this.hideTooltip();
  }

  fit() {
    if (this.cy) this.cy.fit(undefined, 24);
  }

  bind(cy) {
    cy.on("tap", "node", (event) => {
      const data = event.target.data();
      if (!event.target.hasClass("center")) this.onSelect(data);
    });
    cy.on("mouseover", "node", (event) => {
      const node = event.target;
      node.addClass("hovered");
      node.connectedEdges().addClass("hovered");
      const d = node.data();
      const reach = d.depth === 0 ? "the centre" : `${d.depth} hop${d.depth > 1 ? "s" : ""} away, weight ${formatWeight(d.weight)}`;
      this.showTooltip(event.renderedPosition, d.label, `${d.kind.toLowerCase()} · ${reach} · ${node.degree()} edges`);
      this.container.style.cursor = node.hasClass("center") ? "default" : "pointer";
    });
    cy.on("mouseout", "node", (event) => {
      event.target.removeClass("hovered");
      event.target.connectedEdges().removeClass("hovered");
      this.hideTooltip();
      this.container.style.cursor = "default";
    });
    cy.on("mouseover", "edge", (event) => {
      const edge = event.target;
      edge.addClass("hovered");
      const d = edge.data();
      this.showTooltip(
        event.renderedPosition,
        `${edge.source().data("label")} – ${edge.target().data("label")}`,
        `${d.kind.toLowerCase().replace("_", " ")} · weight ${formatWeight(d.weight)}`,
      );
    });
    cy.on("mouseout", "edge", (event) => {
      event.target.removeClass("hovered");
      this.hideTooltip();
    });
    cy.on("viewport", () => this.hideTooltip());
  }

  showTooltip(position, title, detail) {
    this.tooltip.replaceChildren();
    const strong = document.createElement("strong");
    strong.textContent = title;
    const span = document.createElement("span");
    span.textContent = detail;
    this.tooltip.append(strong, span);
    this.tooltip.style.left = `${Math.round(position.x + 12)}px`;
    this.tooltip.style.top = `${Math.round(position.y + 12)}px`;
    this.tooltip.hidden = false;
  }

  hideTooltip() {
    this.tooltip.hidden = true;
  }

  /** Client coordinates of a node's centre, for clicking it from a test. */
  clientPosition(id) {
    const node = this.cy && this.cy.getElementById(id);
    if (!node || node.empty()) return null;
    const box = this.container.getBoundingClientRect();
    const p = node.renderedPosition();
    return { x: box.left + p.x, y: box.top + p.y };
  }

  /**
   * Pans and zooms once per animation frame for `frames` frames and returns the frame times:
   * how long the page takes to respond to a viewport change, drawing included.
   */
  measureViewport(frames = 60) {
    const cy = this.cy;
    const center = { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 };
    const times = [];
    return new Promise((resolve) => {
      let last = null;
      let i = 0;
      const step = (now) => {
        if (last !== null) times.push(now - last);
        last = now;
        if (i === frames) {
          resolve(summarise(times));
          return;
        }
        if (i % 2) cy.panBy({ x: 6, y: -4 });
        else cy.zoom({ level: cy.zoom() * (i % 4 ? 0.98 : 1.02), renderedPosition: center });
        i += 1;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  }
}

function formatWeight(weight) {
  if (weight === null || weight === undefined) return "–";
  return Number.isInteger(weight) ? String(weight) : weight.toFixed(2);
}

function summarise(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { frames: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] };
}
