// Where nodes go: seeded rings by depth at once (so the first frame needs no layout), then
// ForceAtlas2 in a web worker (graphology-layout-forceatlas2's supervisor) for a bounded time,
// the drawing following it frame by frame while the page stays free to pan and zoom.

import FA2Layout from "graphology-layout-forceatlas2/worker";
import { inferSettings } from "graphology-layout-forceatlas2";

/** How long ForceAtlas2 runs for a graph of `n` nodes, in milliseconds. */
export const layoutBudgetMs = (n) => (n > 2000 ? 4000 : n > 300 ? 2500 : 900);

/** A small seeded generator, so the same slice starts from the same rings every time. */
export function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A starting point for a node of `depth` around `origin`: a ring by depth, seeded by the id. */
export function ringPosition(id, depth, n, origin = { x: 0, y: 0 }) {
  const rand = random(hash(id));
  const angle = rand() * 2 * Math.PI;
  const radius = depth === 0 ? 0 : Math.max(60, Math.sqrt(n) * 12) * depth * (0.6 + 0.4 * rand());
  return { x: origin.x + Math.cos(angle) * radius, y: origin.y + Math.sin(angle) * radius };
}

/**
 * Runs ForceAtlas2 on `graph` in a worker for `budgetMs`; resolves when it stops (or is
 * stopped by `cancel()` on the returned handle, for a newer drawing).
 */
export function runLayout(graph, budgetMs = layoutBudgetMs(graph.order)) {
  const settings = { ...inferSettings(graph), barnesHutOptimize: graph.order > 300, adjustSizes: false };
  const layout = new FA2Layout(graph, { settings, getEdgeWeight: null });
  let finish;
  const done = new Promise((resolve) => (finish = resolve));
  const stop = () => {
    clearTimeout(timer);
    if (!layout.killed) layout.kill();
    finish();
  };
  const timer = setTimeout(stop, budgetMs);
  layout.start();
  return { done, cancel: stop };
}
