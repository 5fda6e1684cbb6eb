// A large drawing while its view moves. Each frame of a pan costs what the browser pays to put
// sigma's stacked canvases on screen, so while the view moves only the nodes' layer (and the
// mouse's) stay in the page: edges, labels and highlights are out of it (sigma draws none of them
// then: `hideEdgesOnMove`, `hideLabelsOnMove`) and come back with the first still frame. Edges
// are drawn as one-pixel lines (sigma's `EdgeLineProgram`), and no node is looked for under
// the mouse while a button is held (a drag hovers nothing; each look reads pixels back from the
// GPU, which waits for it to finish drawing).

import { EdgeLineProgram } from "sigma/rendering";

/** Above this many nodes edges and labels hide while the view moves. */
export const LARGE = 2000;

/** Layers out of the page while a large drawing moves (sigma draws nothing in them then). */
export const QUIET_LAYERS = ["sigma-edges", "sigma-labels", "sigma-hovers", "sigma-hoverNodes"];

/** sigma's settings for a drawing of `order` nodes: what it hides while moving, its edges. */
export function movingSettings(order) {
  const large = order > LARGE;
  return {
    hideEdgesOnMove: large,
    hideLabelsOnMove: large,
    ...(large ? { edgeProgramClasses: { line: EdgeLineProgram } } : {}),
  };
}

/** Whether sigma draws the view as moving (the test its `render()` makes). */
export function isMoving(sigma) {
  const mouse = sigma.getMouseCaptor();
  return Boolean(sigma.getCamera().isAnimated() || mouse.isMoving || mouse.draggedEvents || mouse.currentWheelDirection);
}

/**
 * Keeps the empty layers of a large drawing out of the page while it moves, and its edge
 * labels' layer (never drawn) always; stops hover look-ups during a drag.
 */
export function quietWhileMoving(sigma, container) {
  const layer = (name) => container.querySelector(`canvas.${name}`);
  const edgeLabels = layer("sigma-edgeLabels");
  if (edgeLabels) edgeLabels.style.display = "none";
  const mouse = sigma.getMouseCaptor();
  const hover = sigma.activeListeners && sigma.activeListeners.handleMove;
  if (hover) {
    mouse.off("mousemove", hover);
    mouse.on("mousemove", (event) => {
      if (!mouse.isMouseDown) hover(event);
    });
  }
  let hidden = false;
  sigma.on("beforeRender", () => {
    // the settings may change later (the benchmark's `--edges-while-panning` does)
    const moving = Boolean(sigma.getSetting("hideEdgesOnMove")) && isMoving(sigma);
    if (moving === hidden) return;
    hidden = moving;
    for (const name of QUIET_LAYERS) {
      const canvas = layer(name);
      if (canvas) canvas.style.display = moving ? "none" : "";
    }
  });
}
