// The explorer page: search, profile, research graph and works of one node at a time.
// The node is in the URL (?id=…&depth=…&maxNodes=…), so every view can be linked and reloaded.

import "./style.css";
import { ApiError, getToken, read, request } from "./api.js";
import { byId, el } from "./dom.js";
import { toPng } from "./export.js";
import { GraphView, truncationNote } from "./graph.js";
import { setUpGraphTools } from "./tools.js";
import { IdentityPanel } from "./identity.js";
import { renderProfile } from "./profile.js";
import { isConnected, subscribe } from "./live.js";
import { CLAIM, EXPAND, EXPLORE, FOLLOW, GRAPH, RESEARCHER_CHANGED, RESOLVE, SLICE_CHANGED, UNFOLLOW } from "./queries.js";
import { setUpSearch } from "./search.js";
import { plainTex } from "./tex.js";
import { openTokenForm, setUpToken, showViewer } from "./token.js";
import { WORKS_PAGE_SIZE, WorksList } from "./works.js";
import { SliceFollower } from "./follow.js";
import { KINDS, readUrl as readUrlInto, writeUrl as writeUrlOf } from "./url.js";

// Neighbours taken per node, by depth: three levels of 25 each would rank far more than the
// server's cost cap admits (QUERY_TOO_COSTLY), so depth 3 takes the 5 heaviest of each node.
const LIMIT_PER_NODE = { 1: 25, 2: 25, 3: 5 };
/** What a clicked node brings in when it expands: its own depth-1 slice, this big at most. */
const EXPAND_LIMITS = { limitPerNode: 25, maxNodes: 500 };

const page = {
  id: null,
  depth: 1,
  maxNodes: 500,
  perNode: null, // neighbours per node when the URL sets it (?perNode=1..100), else by depth
  kinds: KINDS, // the node kinds drawn; all of them unless the URL says otherwise
  openedAs: null, // the id a merge absorbed that the page was opened with
  node: null, // what node(id) answered
  viewer: null,
  loaded: 0, // loads started; an answer to an older one is dropped
  expanded: [], // nodes whose slices were merged into the drawing, in order
  live: [], // what ends the researcher's subscription (the slices' are the follower's)
};

const view = new GraphView(byId("graph"), byId("tooltip"), { onExpand: (id) => expand(id), onOpen: (id) => go(id) });
const tools = setUpGraphTools(view, { name: () => page.id });
const applyFilter = () => tools.applyFilter();
const readUrl = () => readUrlInto(page);
const writeUrl = (push) => writeUrlOf(page, push);
const works = new WorksList({ id: () => page.id, isPicked: (id) => identity.isPicked(id), onError: showError, onTokenRefused: (error) => tokenRefused(error) });
const identity = new IdentityPanel(byId("identity"), {
  onChanged: () => load(),
  onSignIn: () => openTokenForm(),
  onTokenRefused: (error) => tokenRefused(error),
  go: (id) => go(id),
});

function setState(state) {
  document.body.dataset.state = state;
  document.body.dataset.center = page.id || "";
  exposed.state = state;
}

// ---- errors ---------------------------------------------------------------------------------

function showError(error) {
  const code = error instanceof ApiError ? error.code : "ERROR";
  const box = byId("error");
  box.replaceChildren(el("strong", { className: "code" }, code), " ", error.message, el("button", { type: "button", onclick: hideError, "aria-label": "Dismiss" }, "×"));
  box.dataset.code = code;
  box.hidden = false;
}

function hideError() {
  byId("error").hidden = true;
}

function tokenRefused(error) {
  showError(new ApiError(error.code, `Your token was refused (${error.message}); reading without it. Paste a new one or forget it.`));
  byId("token-state").textContent = "refused by the server";
}

// ---- loading a node -------------------------------------------------------------------------

function variables() {
  const kinds = page.kinds.length === KINDS.length ? null : page.kinds;
  return { id: page.id, depth: page.depth, kinds, limitPerNode: perNode(), maxNodes: page.maxNodes };
}

const perNode = () => page.perNode || LIMIT_PER_NODE[page.depth];

/** A slice as the drawing takes it: a paper's year beside its other fields. */
function normalise(slice) {
  const node = (n) => ({ ...n, year: (n.entity && n.entity.year) ?? null });
  return { ...slice, center: slice.center, nodes: slice.nodes.map(node) };
}

async function load() {
  const mine = ++page.loaded;
  hideError();
  endLive();
  if (!page.id) {
    setState("idle");
    identity.load(null);
    return;
  }
  setState("loading");
  identity.load(page.id, page.openedAs); // beside the profile and graph: its own request and state
  graphStatus(`Loading the graph around ${page.id}…`);
  let data;
  try {
    data = await read(EXPLORE, { ...variables(), works: WORKS_PAGE_SIZE }, tokenRefused);
  } catch (error) {
    if (mine !== page.loaded) return;
    showError(error);
    setState("error");
    graphStatus("");
    return;
  }
  if (mine !== page.loaded) return;
  if (!data.node && !page.openedAs && (await openSurvivor(mine))) return;
  if (data.node && data.node.id !== page.id && !page.openedAs) {
    // `node` follows an id a merge absorbed to its survivor: open the survivor in its place
    page.openedAs = page.id;
    page.id = data.node.id;
    writeUrl(false);
    load();
    return;
  }
  if (mine !== page.loaded) return;
  page.node = data.node;
  page.viewer = data.viewer;
  showViewer();
  document.title = data.node ? `${data.node.name || plainTex(data.node.title)} · bzpeer explorer` : "Not found · bzpeer explorer";
  renderNode();
  works.show(data.node && data.node.works, false);
  if (!data.node || !data.neighbourhood) {
    view.clear();
    graphStatus("");
    setState("not-found");
    return;
  }
  await drawSlice(data.neighbourhood, mine);
  if (mine === page.loaded) startLive(data.node.__typename === "Researcher", data.neighbourhood);
}

/** An id a merge absorbed opens the record it was merged into, in place in the history. */
async function openSurvivor(mine) {
  let data;
  try {
    data = await read(RESOLVE, { id: page.id }, tokenRefused);
  } catch {
    return false; // the page says "Not found" as it would have
  }
  if (mine !== page.loaded || !data.researcher || data.researcher.id === page.id) return false;
  page.openedAs = page.id;
  page.id = data.researcher.id;
  writeUrl(false);
  load();
  return true;
}

async function reloadGraph() {
  const mine = ++page.loaded;
  hideError();
  endLive();
  setState("loading");
  try {
    const data = await read(GRAPH, variables(), tokenRefused);
    if (mine !== page.loaded) return;
    if (!data.neighbourhood) {
      view.clear();
      setState("not-found");
      return;
    }
    await drawSlice(data.neighbourhood, mine);
    if (mine === page.loaded) startLive(page.node && page.node.__typename === "Researcher", data.neighbourhood);
  } catch (error) {
    if (mine !== page.loaded) return;
    showError(error);
    setState("error");
  }
}

async function drawSlice(slice, mine) {
  graphStatus(`Drawing ${slice.nodes.length} nodes and ${slice.edges.length} edges…`);
  page.expanded = [];
  exposed.firstFrameMs = null;
  const drawing = view.draw(normalise(slice));
  const drawn = await drawing;
  if (drawn.superseded || mine !== page.loaded) return;
  exposed.layoutMs = drawn.layoutMs;
  exposed.firstFrameMs = drawn.firstFrameMs;
  const cut = truncationNote(slice, page.maxNodes, perNode());
  graphStatus(`${drawn.nodes} nodes, ${drawn.edges} edges, depth ${page.depth}; first frame ${Math.round(drawn.firstFrameMs)} ms, layout ${Math.round(drawn.layoutMs)} ms${cut}`);
  applyFilter();
  setState("ready");
}

/** Merges a clicked node's own slice into the drawing, where it is. */
async function expand(id) {
  if (!view.graph || id === page.id || page.expanded.includes(id)) return;
  const mine = page.loaded;
  setState("expanding");
  let data;
  try {
    data = await read(EXPAND, { id, ...EXPAND_LIMITS }, tokenRefused);
  } catch (error) {
    showError(error);
    setState("ready");
    return;
  }
  if (mine !== page.loaded || !data.neighbourhood || !view.graph) return;
  const added = view.merge(normalise(data.neighbourhood), id);
  page.expanded.push(id);
  // a change under the expanded node shows too (the newest expansions are followed)
  if (following.followed.length) following.follow(id, { id, depth: 1, kinds: null, ...EXPAND_LIMITS }, data.neighbourhood);
  const label = view.graph.getNodeAttribute(id, "label");
  graphStatus(`Expanded ${label}: ${added.nodes} nodes and ${added.edges} edges added; ${view.graph.order} nodes, ${view.graph.size} edges drawn. Double-click a node to open it.`);
  applyFilter();
  await view.settle(800);
  if (mine === page.loaded) setState("ready");
}

function graphStatus(text) {
  byId("graph-status").textContent = text;
}

function go(id) {
  if (!id || id === page.id) return;
  page.id = id;
  page.openedAs = null;
  writeUrl(true);
  load();
}

// ---- profile and works ----------------------------------------------------------------------

function renderNode(busy = false) {
  renderProfile(byId("profile"), page.node, {
    id: page.id,
    signedIn: Boolean(getToken()),
    busy,
    actions: { follow: (id) => mutate(FOLLOW, id, "followResearcher"), unfollow: (id) => mutate(UNFOLLOW, id, "unfollowResearcher"), claim: (id) => mutate(CLAIM, id, "claimResearcher"), signIn: openTokenForm },
  });
}

async function mutate(mutation, id, field) {
  hideError();
  renderNode(true);
  try {
    const data = await request(mutation, { id });
    if (page.node && page.node.id === id) page.node = { ...page.node, ...data[field].researcher };
    identity.load(page.id); // a claim changes who may merge and split
  } catch (error) {
    showError(error);
  }
  renderNode(false);
}

// ---- live changes ---------------------------------------------------------------------------

const liveError = (error) => showError(new ApiError((error.extensions && error.extensions.code) || "LIVE_ERROR", `Live changes stopped: ${error.message || error.reason || "the connection closed"}`));

const following = new SliceFollower({
  view,
  subscribe: (variables, onChange) => subscribe(SLICE_CHANGED, variables, { onData: (data) => onChange(data.sliceChanged), onError: liveError }),
  onChange: (change, center) => sliceChanged(change, center),
  onResync: (center) => (center === page.id ? reloadGraph() : reExpand(center)),
});

function endLive() {
  for (const end of page.live) end();
  page.live = [];
  following.endAll();
}

/** Follows the open node's slice (`slice`, as drawn), and the researcher's own changes when it is one. */
function startLive(researcher, slice) {
  endLive();
  following.follow(page.id, variables(), slice);
  if (researcher) page.live.push(subscribe(RESEARCHER_CHANGED, { id: page.id }, { onData: (data) => researcherChanged(data.researcherChanged), onError: liveError }));
}

/** An expansion whose changes were lost: its slice is read and merged again. */
function reExpand(id) {
  page.expanded = page.expanded.filter((expanded) => expanded !== id);
  following.unfollow(id);
  expand(id);
}

function sliceChanged(change, center) {
  exposed.liveEvents.push({ field: "sliceChanged", center, kind: "CHANGE", at: performance.now() });
  applyFilter();
  graphStatus(`Changed just now${center === page.id ? "" : ` around ${center}`}: ${change.addedNodes.length} nodes and ${change.addedEdges.length} edges added, ${change.removedNodes.length} nodes and ${change.removedEdges.length} edges removed, ${change.reweightedEdges.length} re-weighted; ${view.graph.order} nodes, ${view.graph.size} edges drawn`);
  byId("graph").dataset.changes = String(Number(byId("graph").dataset.changes || 0) + 1);
}

function researcherChanged(change) {
  exposed.liveEvents.push({ field: "researcherChanged", kind: change.kind, at: performance.now() });
  if (change.kind === "MERGED_INTO" && change.otherId) {
    // this record was absorbed: open the one it was merged into, as the URL of an absorbed id does
    page.openedAs = page.id;
    page.id = change.otherId;
    writeUrl(false);
    load();
    return;
  }
  if (change.researcher && page.node && page.node.id === change.researcher.id) {
    page.node = { ...page.node, ...change.researcher };
    renderNode();
  }
  if (!["FOLLOWERS", "PROFILE", "INVITATION", "CLAIM"].includes(change.kind)) works.refresh();
  identity.load(page.id, page.openedAs);
}

// ---- wiring ---------------------------------------------------------------------------------

/** What tests and benchmarks read and drive: the graph, the renderer and the drawing code. */
const exposed = {
  state: "idle",
  layoutMs: null,
  firstFrameMs: null,
  liveEvents: [], // {field, kind, at}: each change a subscription delivered, in order
  get graph() {
    return view.graph;
  },
  get sigma() {
    return view.sigma;
  },
  get center() {
    return page.id;
  },
  get liveConnected() {
    return following.followed.length > 0 && isConnected();
  },
  /** The centres of the slices followed live: the open node's, then the expanded ones. */
  get followed() {
    return following.followed;
  },
  get expanded() {
    return [...page.expanded];
  },
  nodeIds: () => (view.graph ? view.graph.nodes() : []),
  edgeCount: () => (view.graph ? view.graph.size : 0),
  visibleIds: () => view.visibleIds(),
  clientPosition: (id) => view.clientPosition(id),
  get firstFrameAt() {
    return view.firstFrameAt;
  },
  draw: (slice, budgetMs) => view.draw(normalise(slice), budgetMs),
  expand: (id) => expand(id),
  dragFrames: (frames) => view.dragFrames(frames),
  startFrames: () => {
    exposed.stopFrames = view.recordFrames();
  },
  stopFrames: null,
  gexf: () => tools.gexf(),
  png: () => (view.sigma ? toPng(view.sigma) : null),
  truncationNote,
};
window.bzpeerExplorer = exposed;

byId("depth").addEventListener("change", (event) => {
  page.depth = Number(event.target.value);
  writeUrl(false);
  if (page.node) reloadGraph();
});
byId("max-nodes").addEventListener("change", (event) => {
  page.maxNodes = Number(event.target.value);
  writeUrl(false);
  if (page.node) reloadGraph();
});
byId("kinds").addEventListener("change", () => {
  const boxes = [...document.querySelectorAll("#kinds input")];
  const checked = boxes.filter((box) => box.checked).map((box) => box.value);
  if (!checked.length) {
    boxes.forEach((box) => (box.checked = true)); // nothing at all is no graph: show every kind
  }
  page.kinds = checked.length ? checked : KINDS;
  writeUrl(false);
  if (page.node) reloadGraph();
});
byId("fit").addEventListener("click", () => view.fit());

byId("works-more").addEventListener("click", () => works.more());
byId("works-list").addEventListener("change", (event) => {
  if (event.target.matches("input.pick-work")) identity.pick(event.target.value, event.target.checked);
});
byId("profile").addEventListener("click", (event) => {
  const link = event.target.closest("a[data-id]");
  if (link) {
    event.preventDefault();
    go(link.dataset.id);
  }
});
window.addEventListener("popstate", () => {
  readUrl();
  load();
});
setUpSearch(byId("search"), byId("suggestions"), { onChoose: go, onTokenRefused: tokenRefused });
setUpToken({ viewer: () => page.viewer, forget: () => (page.viewer = null), load: () => load() });
readUrl();
load();
