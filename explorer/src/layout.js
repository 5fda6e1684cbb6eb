// The force layout: d3-force (Barnes-Hut many-body, O(n log n) a step) run for a bounded
// number of steps, in slices so the page stays responsive; Cytoscape then draws the positions.

import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";

/** Steps for a slice of `n` nodes: fewer for large slices, enough for small ones to settle. */
export const stepsFor = (n) => (n > 1000 ? 220 : n > 300 ? 260 : 300);

/** A small seeded generator, so the same slice is laid out the same way every time. */
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Positions for `nodes` ({id, depth, size}) joined by `edges` ({source, target, weight}),
 * the centre node fixed at the origin and the others starting on rings by depth.
 * Resolves to a Map of id -> {x, y}.
 */
export async function forceLayout(nodes, edges, { centerId, budgetMs = 40 } = {}) {
  const rand = random(hash(centerId || ""));
  const n = nodes.length;
  const ring = Math.max(60, Math.sqrt(n) * 12);
  const points = nodes.map((node) => {
    const angle = rand() * 2 * Math.PI;
    const radius = node.id === centerId ? 0 : ring * (node.depth || 1) * (0.6 + 0.4 * rand());
    const point = { id: node.id, r: node.size / 2 + 2, x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
    if (node.id === centerId) {
      point.fx = 0;
      point.fy = 0;
    }
    return point;
  });
  const links = edges.map((e) => ({ source: e.source, target: e.target }));
  const steps = stepsFor(n);
  const simulation = forceSimulation(points)
    .alphaDecay(1 - Math.pow(0.001, 1 / steps))
    .force("link", forceLink(links).id((p) => p.id).distance(n > 300 ? 45 : 110))
    .force("charge", forceManyBody().strength(n > 300 ? -150 : -420).theta(0.9).distanceMax(n > 300 ? 600 : 1200))
    .force("collide", forceCollide((p) => p.r).iterations(1))
    .force("x", forceX(0).strength(0.04))
    .force("y", forceY(0).strength(0.04))
    .stop();
  // run in slices of about `budgetMs`, yielding to the browser between them
  let done = 0;
  while (done < steps) {
    const sliceStart = performance.now();
    while (done < steps && performance.now() - sliceStart < budgetMs) {
      simulation.tick();
      done += 1;
    }
    if (done < steps) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return new Map(points.map((p) => [p.id, { x: p.x, y: p.y }]));
}
