// The research-graph panel: neighbourhood slices drawn with sigma.js (WebGL) from a graphology
// graph, laid out by ForceAtlas2 in a web worker. Slices merge in place (a clicked node's own
// slice joins the drawing), and live changes patch it.

import Graph from "graphology";
import Sigma from "sigma";
import { layoutBudgetMs, ringPosition, runLayout } from "./layout.js";
import { dragByPicture, recordFrames } from "./dragging.js";
import { movingSettings, quietWhileMoving } from "./moving.js";
import { plainTex, texNodes } from "./tex.js";

/** Node kinds told apart by colour. */
export const KIND_COLORS = {
  RESEARCHER: "#2563eb",
  PAPER: "#ea580c",
  TOPIC: "#16a34a",
  INSTITUTION: "#9333ea",
};

const EDGE_COLORS = {
  COAUTHOR: "#93c5fd",
  AUTHORED: "#fed7aa",
  ABOUT: "#bbf7d0",
  WORKS_ON: "#bbf7d0",
  AFFILIATED_WITH: "#e9d5ff",
  CITES: "#fecaca",
  RELATED: "#d9f99d",
};

const DIMMED = "#e5e7eb";

const edgeSize = (weight) => 0.6 + Math.min(4, 0.9 * Math.log2(1 + (weight || 0)));
/** A node's radius in pixels: by depth and weight, smaller in larger drawings. */
const nodeSize = (weight, depth, n) => {
  const scale = n > 2000 ? 0.45 : n > 500 ? 0.7 : 1;
  return depth === 0 ? 14 : scale * ((depth === 1 ? 6 : 3.5) + 1.2 * Math.min(4, Math.log2(1 + (weight || 0))));
};

/**
 * The key of an edge: its kind and its two ends, in order for citations (which have a
 * direction) and sorted for the others, so one relation met from either end is one edge.
 */
export function edgeKey(edge) {
  const [a, b] = edge.kind === "CITES" || edge.source < edge.target ? [edge.source, edge.target] : [edge.target, edge.source];
  return `${edge.kind}:${a}->${b}`;
}

/** What a node shows: its kind's colour, its label in characters (canvas labels cannot typeset). */
function nodeAttributes(node, n) {
  return {
    label: plainTex(node.label),
    tex: node.label,
    kind: node.kind,
    depth: node.depth,
    weight: node.weight,
    year: node.year ?? null,
    size: nodeSize(node.weight, node.depth, n),
    color: KIND_COLORS[node.kind] || "#64748b",
    ...ringPosition(node.id, node.depth, n),
  };
}

/**
 * Adds a slice's nodes and edges that `graph` lacks; a node already there keeps its place and
 * takes the nearer depth. New nodes start around `origin` (a node's position) when given.
 * Returns how many nodes and edges were added.
 */
export function mergeSlice(graph, slice, { origin = null, depthOffset = 0 } = {}) {
  let nodes = 0;
  let edges = 0;
  const n = graph.order + slice.nodes.length;
  for (const node of slice.nodes) {
    const depth = node.depth + depthOffset;
    if (graph.hasNode(node.id)) {
      if (depth < graph.getNodeAttribute(node.id, "depth")) graph.setNodeAttribute(node.id, "depth", depth);
      if (node.year != null) graph.setNodeAttribute(node.id, "year", node.year);
      continue;
    }
    const attributes = nodeAttributes({ ...node, depth }, n);
    if (origin) Object.assign(attributes, ringPosition(node.id, 1, Math.min(n, 400) / 4, origin));
    graph.addNode(node.id, attributes);
    nodes += 1;
  }
  for (const edge of slice.edges) {
    const key = edgeKey(edge);
    if (graph.hasEdge(key) || !graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    graph.addDirectedEdgeWithKey(key, edge.source, edge.target, {
      kind: edge.kind,
      weight: edge.weight,
      size: edgeSize(edge.weight),
      color: EDGE_COLORS[edge.kind] || "#cbd5e1",
    });
    edges += 1;
  }
  return { nodes, edges };
}

/** Which nodes the filters let through: kinds shown, and a paper's year within [from, to]. */
export function passes(attributes, filter) {
  if (!filter.kinds.includes(attributes.kind)) return false;
  if (attributes.kind !== "PAPER" || attributes.year == null) return true;
  return (filter.from == null || attributes.year >= filter.from) && (filter.to == null || attributes.year <= filter.to);
}

/**
 * What cut a truncated slice. The API says only whether it cut; a slice that holds `maxNodes`
 * nodes was stopped by that limit, a smaller one by the per-node limit.
 */
export function truncationNote(slice, maxNodes, limitPerNode) {
  if (!slice.truncated) return "";
  if (slice.nodes.length >= maxNodes) {
    return ` (truncated: the node limit, “Nodes at most” ${maxNodes}, cut the slice; raise it to see more)`;
  }
  return ` (truncated: only the ${limitPerNode} heaviest neighbours of each node are taken, so some were left out)`;
}

export class GraphView {
  /** `onExpand(id)` when a node is clicked, `onOpen(id)` when one is double-clicked. */
  constructor(container, tooltip, { onExpand, onOpen }) {
    this.container = container;
    this.tooltip = tooltip;
    this.onExpand = onExpand;
    this.onOpen = onOpen;
    this.graph = null;
    this.sigma = null;
    this.layout = null;
    this.centerId = null;
    this.filter = { kinds: Object.keys(KIND_COLORS), from: null, to: null };
    this.found = null; // ids matching the search within the graph, or null
    this.hovered = null;
    this.firstFrameAt = null;
  }

  /**
   * Draws a slice at once (rings by depth), then lets ForceAtlas2 move it for a bounded time.
   * Resolves with the time to the first frame and the layout's time; a newer draw started
   * meanwhile wins: this one then resolves with `superseded`.
   */
  async draw(slice, budgetMs = layoutBudgetMs(slice.nodes.length)) {
    const started = performance.now();
    this.clear();
    const graph = new Graph({ type: "directed", multi: false });
    this.centerId = slice.center ? slice.center.id : slice.nodes[0] && slice.nodes[0].id;
    mergeSlice(graph, slice);
    if (this.centerId && graph.hasNode(this.centerId)) graph.setNodeAttribute(this.centerId, "fixed", true);
    this.graph = graph;
    const built = performance.now();
    this.sigma = new Sigma(graph, this.container, {
      allowInvalidContainer: true,
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: graph.order > 400 ? 9 : 5,
      labelDensity: 0.7,
      // a large graph moves faster without its edges and labels while it is dragged or zoomed
      ...movingSettings(graph.order),
      zIndex: true,
      minCameraRatio: 0.02,
      maxCameraRatio: 20,
      nodeReducer: (id, data) => this.reduceNode(id, data),
      edgeReducer: (id, data) => this.reduceEdge(id, data),
    });
    this.bind(this.sigma);
    quietWhileMoving(this.sigma, this.container);
    dragByPicture(this.sigma, this.container);
    const made = performance.now();
    const drawn = this.graph;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    this.firstFrameAt = performance.now(); // since the page's navigation began
    const firstFrameMs = this.firstFrameAt - started;
    const layoutMs = await this.settle(budgetMs);
    if (this.graph !== drawn) return { superseded: true };
    // the first frame's parts: the graph built, sigma made (its first render), then shown
    const parts = { buildMs: built - started, sigmaMs: made - built };
    return { superseded: false, nodes: graph.order, edges: graph.size, firstFrameMs, ...parts, layoutMs };
  }

  /** Runs the layout on what is drawn now; resolves with its time once it stopped. */
  async settle(budgetMs = layoutBudgetMs(this.graph.order)) {
    if (this.layout) this.layout.cancel();
    const started = performance.now();
    const layout = (this.layout = runLayout(this.graph, budgetMs));
    await layout.done;
    if (this.layout === layout) this.layout = null;
    return performance.now() - started;
  }

  /** Merges `slice` (around the drawn node `id`) into the drawing; returns what it added. */
  merge(slice, id) {
    const origin = this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : null;
    const offset = origin ? origin.depth : 0;
    return mergeSlice(this.graph, slice, { origin: origin && { x: origin.x, y: origin.y }, depthOffset: offset });
  }

  /**
   * Applies a live change of the slice around `around` (the centre's by default): nodes and
   * edges added (new nodes start around that node, their depths counted from it), removed
   * unless `keepNode(id)` / `keepEdge(key)` says another slice still holds them, re-weighted.
   */
  patch(change, { around = this.centerId, keepNode = () => false, keepEdge = () => false } = {}) {
    const graph = this.graph;
    if (!graph) return;
    const origin = around && graph.hasNode(around) ? graph.getNodeAttributes(around) : null;
    const toSlice = (nodes, edges) => ({ nodes: nodes.map((n) => ({ ...n, id: n.entityId })), edges });
    mergeSlice(graph, toSlice(change.addedNodes, change.addedEdges), {
      origin: origin && { x: origin.x, y: origin.y },
      depthOffset: origin ? origin.depth : 0,
    });
    for (const edge of change.removedEdges) {
      const key = edgeKey(edge);
      if (graph.hasEdge(key) && !keepEdge(key)) graph.dropEdge(key);
    }
    for (const node of change.removedNodes) {
      const id = node.entityId;
      if (id !== this.centerId && graph.hasNode(id) && !keepNode(id)) graph.dropNode(id);
    }
    for (const edge of change.reweightedEdges) {
      if (graph.hasEdge(edgeKey(edge))) graph.mergeEdgeAttributes(edgeKey(edge), { weight: edge.weight, size: edgeSize(edge.weight) });
    }
  }

  clear() {
    if (this.layout) this.layout.cancel();
    this.layout = null;
    if (this.sigma) this.sigma.kill();
    this.sigma = null;
    this.graph = null;
    this.found = null;
    this.hideTooltip();
  }

  fit() {
    if (this.sigma) this.sigma.getCamera().animatedReset({ duration: 200 });
  }

  /** Hides the nodes the filter leaves out (and their edges); nothing is asked of the server. */
  setFilter(filter) {
    this.filter = { ...this.filter, ...filter };
    if (this.sigma) this.sigma.refresh({ skipIndexation: false });
  }

  /** Marks the drawn nodes whose label holds `text` (all words, any case); returns their ids. */
  find(text) {
    const words = String(text || "").toLowerCase().split(/\s+/).filter(Boolean);
    if (!this.graph || !words.length) {
      this.found = null;
    } else {
      const found = this.graph.filterNodes((id, a) => passes(a, this.filter) && words.every((w) => a.label.toLowerCase().includes(w) || id.toLowerCase() === w));
      this.found = new Set(found);
    }
    if (this.sigma) this.sigma.refresh();
    return this.found ? [...this.found] : [];
  }

  /** Moves the camera onto a drawn node. */
  focus(id) {
    if (!this.sigma || !this.graph.hasNode(id)) return;
    const at = this.sigma.getNodeDisplayData(id);
    if (at) this.sigma.getCamera().animate({ x: at.x, y: at.y, ratio: 0.35 }, { duration: 300 });
  }

  reduceNode(id, data) {
    const shown = { ...data };
    if (!passes(data, this.filter)) return { ...shown, hidden: true };
    if (id === this.centerId) Object.assign(shown, { forceLabel: true, zIndex: 2 });
    if (this.found) {
      if (this.found.has(id)) Object.assign(shown, { highlighted: true, forceLabel: true, zIndex: 3 });
      else Object.assign(shown, { color: DIMMED, label: "", zIndex: 0 });
    }
    if (id === this.hovered) Object.assign(shown, { highlighted: true, zIndex: 4 });
    return shown;
  }

  reduceEdge(id, data) {
    // nothing filtered, found or hovered: every edge as it is (a 55,000-edge slice is reduced
    // in full when sigma is made, so this skips most of that work)
    if (!this.found && !this.hovered && this.filtersNothing()) return data;
    const [source, target] = this.graph.extremities(id);
    const a = this.graph.getNodeAttributes(source);
    const b = this.graph.getNodeAttributes(target);
    if (!passes(a, this.filter) || !passes(b, this.filter)) return { ...data, hidden: true };
    if (this.found && !(this.found.has(source) && this.found.has(target))) return { ...data, color: "#f3f4f6" };
    if (this.hovered && (source === this.hovered || target === this.hovered)) return { ...data, color: "#111827", zIndex: 1 };
    return data;
  }

  /** Whether the filters let every node through. */
  filtersNothing() {
    const { kinds, from, to } = this.filter;
    return from == null && to == null && Object.keys(KIND_COLORS).every((kind) => kinds.includes(kind));
  }

  bind(sigma) {
    sigma.on("clickNode", ({ node }) => this.onExpand(node));
    sigma.on("doubleClickNode", (event) => {
      event.preventSigmaDefault();
      this.onOpen(event.node);
    });
    sigma.on("enterNode", ({ node, event }) => {
      this.hovered = node;
      const a = this.graph.getNodeAttributes(node);
      const reach = a.depth === 0 ? "the centre" : `${a.depth} hop${a.depth > 1 ? "s" : ""} away, weight ${formatWeight(a.weight)}`;
      const year = a.year != null ? ` · ${a.year}` : "";
      this.showTooltip(event, texNodes(a.tex), `${a.kind.toLowerCase()}${year} · ${reach} · ${this.graph.degree(node)} edges`);
      this.container.style.cursor = "pointer";
      sigma.refresh({ skipIndexation: true });
    });
    sigma.on("leaveNode", () => {
      this.hovered = null;
      this.hideTooltip();
      this.container.style.cursor = "default";
      sigma.refresh({ skipIndexation: true });
    });
    sigma.getCamera().on("updated", () => this.hideTooltip());
    sigma.on("pictureDragStart", () => this.hideTooltip());
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
    if (!this.sigma || !this.graph.hasNode(id)) return null;
    const data = this.sigma.getNodeDisplayData(id);
    const p = this.sigma.framedGraphToViewport(data);
    const box = this.container.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }

  /** The ids the filters let through. */
  visibleIds() {
    return this.graph ? this.graph.filterNodes((id, a) => passes(a, this.filter)) : [];
  }

  /**
   * Drags the view in a circle with mouse events sent from the page itself, one move a frame,
   * for `frames` frames (no driver between moves and frames); resolves with when each frame
   * that showed the drawing moved was drawn (`recordFrames`).
   */
  async dragFrames(frames = 60) {
    const target = this.sigma.getMouseCaptor().container;
    const box = target.getBoundingClientRect();
    const at = (i) => {
      const angle = (2 * Math.PI * i) / frames;
      return { clientX: box.left + box.width / 2 + 120 * Math.cos(angle) - 120, clientY: box.top + box.height / 2 + 120 * Math.sin(angle), bubbles: true, button: 0 };
    };
    const stop = this.recordFrames();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    target.dispatchEvent(new MouseEvent("mousedown", at(0)));
    for (let i = 1; i <= frames; i += 1) {
      await frame();
      target.dispatchEvent(new MouseEvent("mousemove", at(i)));
    }
    await frame();
    target.dispatchEvent(new MouseEvent("mouseup", at(frames)));
    await frame();
    return stop();
  }

  /** Starts noting the frames that show the drawing moved; the returned function stops and gives their times. */
  recordFrames() {
    return recordFrames(this.sigma, this.container);
  }
}

function formatWeight(weight) {
  if (weight === null || weight === undefined) return "–";
  return Number.isInteger(weight) ? String(weight) : weight.toFixed(2);
}
