// Where the labels of a small slice go: each neighbour's label on the side facing away from the
// centre, moved to another side when it would cover a node, the centre's label or a label placed
// before it, and left off (shown on hover) when every side is taken. Heavier neighbours go first.

/** The sides a label can take, as Cytoscape classes (see graph.js's style). */
export const SIDES = ["right", "left", "bottom", "top"];
const SIDE_CLASSES = SIDES.map((side) => `label-${side}`).join(" ");
const LABEL = { includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false };
const BODY = { includeNodes: true, includeEdges: false, includeLabels: false, includeOverlays: false };
/** Model units kept clear around a label. */
const MARGIN = 1;

const overlaps = (a, b) =>
  a.x1 - MARGIN < b.x2 && b.x1 - MARGIN < a.x2 && a.y1 - MARGIN < b.y2 && b.y1 - MARGIN < a.y2;

/** The sides in the order tried: away from the centre first, towards it last. */
function preference(p, c) {
  const dx = p.x - c.x;
  const dy = p.y - c.y;
  const horizontal = dx >= 0 ? ["right", "left"] : ["left", "right"];
  const vertical = dy >= 0 ? ["bottom", "top"] : ["top", "bottom"];
  return Math.abs(dx) >= Math.abs(dy)
    ? [horizontal[0], vertical[0], vertical[1], horizontal[1]]
    : [vertical[0], horizontal[0], horizontal[1], vertical[1]];
}

/**
 * Gives each labelled neighbour (class `labelled`) a class `label-<side>`, or takes `labelled`
 * away when no side is free. Boxes are Cytoscape's own, in model coordinates: valid at any zoom.
 */
export function placeLabels(cy) {
  const center = cy.nodes(".center");
  const c = center.nonempty() ? center.position() : { x: 0, y: 0 };
  const taken = cy.nodes().map((node) => ({ id: node.id(), box: node.boundingBox(BODY) }));
  if (center.nonempty()) taken.push({ id: null, box: center.boundingBox(LABEL) });
  const neighbours = cy
    .nodes(".labelled")
    .not(".center")
    .sort((a, b) => (b.data("weight") || 0) - (a.data("weight") || 0));
  neighbours.forEach((node) => {
    const free = (side) => {
      node.removeClass(SIDE_CLASSES).addClass(`label-${side}`);
      const box = node.boundingBox(LABEL);
      return taken.some((other) => other.id !== node.id() && overlaps(other.box, box)) ? null : box;
    };
    for (const side of preference(node.position(), c)) {
      const box = free(side);
      if (box) {
        taken.push({ id: null, box });
        return;
      }
    }
    node.removeClass(`${SIDE_CLASSES} labelled`);
  });
}
