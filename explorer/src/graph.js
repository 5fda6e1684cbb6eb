// The research-graph panel: a neighbourhood slice drawn with Cytoscape.js, laid out by d3-force.

import cytoscape from "cytoscape";
import { placeLabels } from "./labels.js";
import { forceLayout } from "./layout.js";
import { plainTex, texNodes } from "./tex.js";

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

/** Above this many nodes the drawing trades detail for speed: no labels, fewer edges. */
const LARGE = 400;
/** In a large slice each node keeps its strongest few edges: 2000 nodes can have 27,000. */
const EDGES_PER_NODE = 3;

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
    // the side placeLabels chose, facing away from the centre and clear of other labels
    { selector: "node.label-right", style: { "text-halign": "right", "text-valign": "center", "text-margin-x": 4, "text-margin-y": 0 } },
    { selector: "node.label-left", style: { "text-halign": "left", "text-valign": "center", "text-margin-x": -4, "text-margin-y": 0 } },
    { selector: "node.label-bottom", style: { "text-valign": "bottom", "text-margin-y": 4 } },
    { selector: "node.label-top", style: { "text-valign": "top", "text-margin-y": -4 } },
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

/**
 * Cytoscape elements for a slice; edges are deduplicated and must join two of its nodes.
 * In a large slice only each node's EDGES_PER_NODE strongest edges are kept.
 */
export function elementsOf(slice) {
  const ids = new Set(slice.nodes.map((n) => n.id));
  const centerId = slice.center ? slice.center.id : slice.nodes[0] && slice.nodes[0].id;
  const labelled = slice.nodes.length <= 150;
  const nodes = slice.nodes.map((n) => ({
    group: "nodes",
    data: { id: n.id, label: plainTex(n.label), tex: n.label, kind: n.kind, weight: n.weight, depth: n.depth, size: nodeSize(n.weight, n.depth) },
    classes: [n.id === centerId ? "center" : "", labelled && n.depth <= 1 ? "labelled" : ""].join(" ").trim(),
  }));
  const seen = new Set();
  let edges = [];
  for (const e of slice.edges) {
    const id = `${e.kind}:${e.source}->${e.target}`;
    if (seen.has(id) || !ids.has(e.source) || !ids.has(e.target)) continue;
    seen.add(id);
    edges.push({ group: "edges", data: { id, source: e.source, target: e.target, kind: e.kind, weight: e.weight, width: edgeWidth(e.weight) } });
  }
  if (slice.nodes.length > LARGE) edges = strongest(edges, EDGES_PER_NODE);
  return [...nodes, ...edges];
}

/** The edges that are among the `k` heaviest of at least one of their two nodes. */
function strongest(edges, k) {
  const byNode = new Map();
  edges.forEach((edge, index) => {
    for (const end of [edge.data.source, edge.data.target]) {
      if (!byNode.has(end)) byNode.set(end, []);
      byNode.get(end).push(index);
    }
  });
  const keep = new Set();
  for (const list of byNode.values()) {
    list.sort((a, b) => edges[b].data.weight - edges[a].data.weight || a - b);
    list.slice(0, k).forEach((index) => keep.add(index));
  }
  return edges.filter((_, index) => keep.has(index));
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
    this.drawing = null;
  }

  /**
   * Lays a slice out, then draws it at those positions; resolves with the layout's time.
   * A newer draw started meanwhile wins: this one then resolves with `superseded`.
   */
  async draw(slice) {
    const drawing = (this.drawing = {});
    this.hideTooltip();
    const elements = elementsOf(slice);
    const nodes = elements.filter((e) => e.group === "nodes").map((e) => e.data);
    const edges = elements.filter((e) => e.group === "edges").map((e) => e.data);
    const started = performance.now();
    const positions = await forceLayout(nodes, edges, { centerId: slice.center && slice.center.id });
    const layoutMs = performance.now() - started;
    if (this.drawing !== drawing) return { superseded: true };
    for (const element of elements) {
      if (element.group === "nodes") element.position = positions.get(element.data.id);
    }
    const large = nodes.length > LARGE;
    if (this.cy) this.cy.destroy();
    const cy = cytoscape({
      container: this.container,
      elements,
      layout: { name: "preset", fit: true, padding: 24 },
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
    this.slice = slice;
    this.layoutMs = layoutMs;
    this.bind(cy);
    if (!large) placeLabels(cy);
    cy.resize();
    cy.fit(undefined, 24);
    // a small slice fits at a large zoom: keep labels at a readable size instead
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
    return { superseded: false, nodes: nodes.length, edges: edges.length, layoutMs };
  }

  clear() {
    this.drawing = null;
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
      this.showTooltip(event.renderedPosition, texNodes(d.tex), `${d.kind.toLowerCase()} · ${reach} · ${node.degree()} edges`);
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
        [...texNodes(edge.source().data("tex")), " – ", ...texNodes(edge.target().data("tex"))],
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
    strong.append(...title);
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
   * Pans or zooms `steps` times, each time waiting until Cytoscape has drawn the change and the
   * browser has shown it: how long the page takes to answer one step of a drag or a wheel turn.
   */
  async measureViewport(steps = 40) {
    const cy = this.cy;
    const center = { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 };
    const times = [];
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await frame();
    for (let i = 0; i < steps; i += 1) {
      const drawn = new Promise((resolve) => cy.one("render", resolve));
      const started = performance.now();
      if (i % 2) cy.panBy({ x: 6, y: -4 });
      else cy.zoom({ level: cy.zoom() * (i % 4 ? 0.97 : 1.03), renderedPosition: center });
      await drawn;
      await frame();
      times.push(performance.now() - started);
    }
    return summarise(times);
  }
}

function formatWeight(weight) {
  if (weight === null || weight === undefined) return "–";
  return Number.isInteger(weight) ? String(weight) : weight.toFixed(2);
}

function summarise(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { steps: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] };
}
