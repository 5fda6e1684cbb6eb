// The slices the page follows live: the open node's, and those of the nodes expanded in place
// (the newest MAX_FOLLOWED_EXPANSIONS of them), each through a `sliceChanged` subscription of
// its own on the page's one WebSocket. The page remembers which nodes and edges each slice
// brought (an expansion no longer followed keeps its own): a change that takes a node or an
// edge out of one slice removes it from the drawing only when no other slice holds it.

import { edgeKey } from "./graph.js";

/** Expanded nodes whose slices stay live at once; an older expansion stays drawn, unfollowed. */
export const MAX_FOLLOWED_EXPANSIONS = 8;

const year = (node) => (node.entity && node.entity.year) ?? null;

export class SliceFollower {
  /**
   * `subscribe(variables, onData)` starts one slice's subscription and returns what ends it;
   * `view` is the drawing; `onChange(change, center)` after a change was drawn;
   * `onResync(center)` when a slice must be read again.
   */
  constructor({ subscribe, view, onChange, onResync }) {
    this.subscribe = subscribe;
    this.view = view;
    this.onChange = onChange;
    this.onResync = onResync;
    this.slices = new Map(); // center -> { nodes: Set, edges: Set, end: function | null }
    this.main = null;
  }

  /** The centres followed live now: the open node's first, then the expansions, oldest first. */
  get followed() {
    return [...this.slices].filter(([, slice]) => slice.end).map(([center]) => center);
  }

  /**
   * Follows the slice drawn around `center` (`slice`: its nodes and edges, as read) with
   * `variables`; the first one followed is the open node's.
   */
  follow(center, variables, slice) {
    this.unfollow(center);
    if (this.main === null) this.main = center;
    const held = {
      nodes: new Set(slice.nodes.map((node) => node.id)),
      edges: new Set(slice.edges.map(edgeKey)),
      end: null,
    };
    this.slices.set(center, held);
    held.end = this.subscribe(variables, (change) => this.changed(center, change));
    const expansions = this.followed.filter((followed) => followed !== this.main);
    for (const oldest of expansions.slice(0, Math.max(0, expansions.length - MAX_FOLLOWED_EXPANSIONS))) {
      this.stop(oldest);
    }
  }

  /** Ends every subscription and forgets every slice (a new drawing starts). */
  endAll() {
    for (const center of this.followed) this.stop(center);
    this.slices.clear();
    this.main = null;
  }

  unfollow(center) {
    this.stop(center);
    this.slices.delete(center);
  }

  /** Ends the subscription of `center`'s slice; what it brought stays drawn and held. */
  stop(center) {
    const slice = this.slices.get(center);
    if (slice && slice.end) {
      slice.end();
      slice.end = null;
    }
  }

  /** Whether a slice other than `center`'s holds `key` among its nodes or edges. */
  heldElsewhere(center, kind, key) {
    for (const [other, slice] of this.slices) if (other !== center && slice[kind].has(key)) return true;
    return false;
  }

  changed(center, change) {
    const slice = this.slices.get(center);
    if (!slice || !slice.end || !this.view.graph) return;
    if (change.resync) {
      this.onResync(center);
      return;
    }
    for (const node of change.addedNodes) slice.nodes.add(node.entityId);
    for (const edge of change.addedEdges) slice.edges.add(edgeKey(edge));
    for (const node of change.removedNodes) slice.nodes.delete(node.entityId);
    for (const edge of change.removedEdges) slice.edges.delete(edgeKey(edge));
    this.view.patch(
      { ...change, addedNodes: change.addedNodes.map((node) => ({ ...node, year: year(node) })) },
      {
        around: center,
        keepNode: (id) => this.heldElsewhere(center, "nodes", id),
        keepEdge: (key) => this.heldElsewhere(center, "edges", key),
      },
    );
    this.onChange(change, center);
  }
}
