// Dragging a large drawing. Drawing 5,000 nodes and 55,000 edges again for each mouse move
// costs far more than a frame where the browser draws on the CPU, and even a frame of the nodes
// alone is a new picture for it to put on screen. So while the mouse drags a large drawing,
// sigma draws nothing: the picture it drew last (its layers copied into one opaque canvas after
// each still frame) moves under the mouse by a CSS transform, which the browser's compositor
// applies without drawing anything again (like a map's tiles). At release the camera takes the
// dragged offset and sigma draws once, in the frame that takes the picture away.

import { isMoving, LARGE } from "./moving.js";

/** sigma's layers copied into the picture, bottom first (the highlights are not kept). */
const COPIED = ["edges", "nodes", "labels"];

/** The ground under the drawing (`#graph`'s background), which the opaque picture paints. */
const GROUND = "#fcfcfd";

/**
 * Drags a large drawing by its picture: `sigma`'s container gets a canvas holding its last
 * still frame, shown and moved only while a drag lasts.
 */
export function dragByPicture(sigma, container) {
  const mouse = sigma.getMouseCaptor();
  const picture = document.createElement("canvas");
  picture.className = "graph-picture";
  picture.style.display = "none";
  container.insertBefore(picture, mouse.container);
  const layers = () => COPIED.map((name) => sigma.getCanvases()[name]).filter(Boolean);
  // every layer but the mouse's hides under the picture (a highlight would stay behind)
  const drawnLayers = () => Object.entries(sigma.getCanvases()).filter(([name]) => name !== "mouse").map(([, canvas]) => canvas);
  const large = () => sigma.getGraph().order > LARGE;
  let fresh = false; // the picture holds the frame on screen
  let drag = null; // { x, y, moves } while a drag moves the picture
  let down = null; // where the left button went down
  let swallowClick = false;

  const show = (dragging) => {
    picture.style.display = dragging ? "" : "none";
    if (!dragging) picture.style.transform = "";
    for (const layer of drawnLayers()) layer.style.visibility = dragging ? "hidden" : "";
  };

  sigma.on("beforeRender", () => {
    if (!drag && picture.style.display !== "none") show(false);
  });
  // copied in the task that drew the frame: WebGL keeps no buffer once the frame is shown
  sigma.on("afterRender", () => {
    fresh = !drag && large() && !isMoving(sigma);
    if (!fresh) return;
    const [first] = layers();
    if (picture.width !== first.width || picture.height !== first.height) {
      picture.width = first.width;
      picture.height = first.height;
    }
    const context = picture.getContext("2d", { alpha: false });
    context.fillStyle = GROUND;
    context.fillRect(0, 0, picture.width, picture.height);
    for (const layer of layers()) context.drawImage(layer, 0, 0);
  });

  mouse.on("mousedown", (event) => {
    swallowClick = false;
    down = event.original.button === 0 ? { x: event.x, y: event.y } : null;
  });
  mouse.on("mousemovebody", (event) => {
    if (!mouse.isMouseDown || !down) return;
    if (!drag) {
      if (!fresh || !large() || mouse.draggedEvents) {
        down = null; // sigma drags this one itself
        return;
      }
      drag = { ...down, moves: 0 };
      show(true);
      sigma.emit("pictureDragStart");
    }
    event.preventSigmaDefault();
    drag.moves += 1;
    picture.style.transform = `translate(${event.x - drag.x}px, ${event.y - drag.y}px)`;
  });
  mouse.on("mouseup", (event) => {
    down = null;
    if (!drag) return;
    const { x, y, moves } = drag;
    drag = null;
    // the camera moves by what the mouse moved, in the graph's coordinates; sigma draws that
    // at the next frame, which also takes the picture away
    const from = sigma.viewportToFramedGraph({ x, y });
    const to = sigma.viewportToFramedGraph({ x: event.x, y: event.y });
    const camera = sigma.getCamera();
    const state = camera.getState();
    camera.setState({ x: state.x + from.x - to.x, y: state.y + from.y - to.y });
    // a drag is no click (sigma counts its own drags' moves for that)
    swallowClick = moves >= mouse.settings.draggedEventsTolerance;
  });
  const click = (event) => {
    if (swallowClick) event.stopPropagation();
    swallowClick = false;
  };
  container.addEventListener("click", click, true);
  sigma.on("kill", () => {
    picture.remove();
    container.removeEventListener("click", click, true);
  });
}


/**
 * Starts noting, at each frame the browser begins, whether the frame before showed the drawing
 * moved: sigma drew it, or the picture a large drawing is dragged by had moved. The returned
 * function stops and gives those frames' times.
 */
export function recordFrames(sigma, container) {
  const picture = container.querySelector("canvas.graph-picture");
  const placed = () => (picture && picture.style.display !== "none" ? picture.style.transform : "");
  const times = [];
  let drawn = false;
  let shown = placed();
  let running = true;
  const note = () => (drawn = true);
  sigma.on("afterRender", note);
  const tick = () => {
    if (!running) return;
    if (drawn || placed() !== shown) times.push(performance.now());
    drawn = false;
    shown = placed();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return () => {
    running = false;
    sigma.off("afterRender", note);
    return times;
  };
}
