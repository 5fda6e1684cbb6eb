// The author identity panel of a researcher profile: the ids the record absorbed, its possible
// duplicates with their reasons, merge and split for a signed-in viewer, and its identity history.
// Who may merge or split is the server's to decide (the record's claimant or a curator): the page
// offers the buttons to anyone signed in and shows the server's coded error when it refuses.

import { read, request } from "./api.js";
import { el } from "./dom.js";
import { IDENTITY, MERGE, SPLIT } from "./queries.js";

/** The evidence for (or against) two records being one person, in words. */
const REASONS = {
  SAME_ORCID: "Same ORCID iD",
  SAME_NAME: "Same name",
  NAME_INITIALS: "Given names fit as initials",
  NAME_ORDER: "Same name, family name first",
  SHARED_COAUTHORS: "Shared coauthors",
  SHARED_NETWORK: "Coauthors within each other's circle",
  SHARED_INSTITUTIONS: "Shared institutions",
  SHARED_TOPICS: "Shared topics",
  YEARS_APART: "Careers more than 15 years apart",
  COAUTHORS_OF_EACH_OTHER: "Wrote a work together",
};
/** Reasons whose count is a number of shared items, shown beside them. */
const COUNTED = new Set([
  "SHARED_COAUTHORS",
  "SHARED_NETWORK",
  "SHARED_INSTITUTIONS",
  "SHARED_TOPICS",
]);

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One identity event as a sentence: what was done to which ids. */
const ACTIONS = {
  MERGE: (e) => `Merged ${e.before[1]} into ${e.before[0]}, ${plural(e.works.length, "work")} moved`,
  SPLIT: (e) => `Split ${plural(e.works.length, "work")} out of ${e.before[0]} to ${e.after[1]}`,
  UNDO_MERGE: (e) => `Undid the merge of ${e.after[1]} into ${e.before[0]}, ${plural(e.works.length, "work")} moved back`,
  PROPOSE_MERGE: (e) => `Proposed merging ${e.before[1]} into ${e.before[0]}`,
  REJECT_MERGE: (e) => `Rejected merging ${e.before[1]} into ${e.before[0]}`,
};

export function reasonText({ reason, count, weight }) {
  const words = REASONS[reason] || reason;
  const sign = weight < 0 ? "\u2212" : "+";
  return `${words}${COUNTED.has(reason) ? `: ${count}` : ""} (${sign}${Math.abs(weight).toFixed(2)})`;
}

const utc = (at) => `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;

export class IdentityPanel {
  /** `hooks`: onChanged (read the page again), onSignIn, onTokenRefused, go (open an id). */
  constructor(section, hooks) {
    this.section = section;
    this.hooks = hooks;
    this.asked = 0; // reads started; an answer to an older one is dropped
    this.reset(null);
    section.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-id]");
      if (link) {
        event.preventDefault();
        hooks.go(link.dataset.id);
      }
    });
  }

  reset(id) {
    this.id = id;
    this.openedAs = null; // the absorbed id the page was opened with, when it was
    this.record = null;
    this.viewer = null;
    this.error = null;
    this.picked = new Set();
    this.confirming = null; // the candidate id, or "split", awaiting a confirm
    this.note = null; // what the last action did, or the server's refusal
    this.busy = false;
  }

  /** Whether the works list offers boxes to pick works to split out. */
  get picking() {
    return Boolean(this.viewer && this.record);
  }

  isPicked(workId) {
    return this.picked.has(workId);
  }

  pick(workId, picked) {
    if (picked) this.picked.add(workId);
    else this.picked.delete(workId);
    if (this.confirming === "split" && !this.picked.size) this.confirming = null;
    this.render();
  }

  /** Reads record `id`'s identity; the state is "loading" as soon as this is called. */
  async load(id, openedAs = null) {
    const mine = ++this.asked;
    if (id !== this.id) this.reset(id);
    this.openedAs = openedAs;
    this.setState("loading");
    if (!id) {
      this.section.hidden = true;
      this.setState("idle");
      return;
    }
    let data;
    try {
      data = await read(IDENTITY, { id }, this.hooks.onTokenRefused);
    } catch (error) {
      if (mine !== this.asked) return;
      this.record = null;
      this.error = error;
      this.render();
      this.setState("error");
      return;
    }
    if (mine !== this.asked) return;
    this.record = data.researcher;
    this.viewer = data.viewer;
    this.error = null;
    this.render();
    this.setState(this.record ? "ready" : "none");
  }

  setState(state) {
    this.section.dataset.state = state;
    this.section.dataset.for = this.id || "";
    document.body.dataset.picking = this.picking ? "true" : "false";
  }

  render() {
    const r = this.record;
    this.section.hidden = !r && !this.error;
    if (!r) {
      this.section.replaceChildren(...(this.error ? [el("h2", {}, "Author identity"), refusal(this.error)] : []));
      return;
    }
    const count = (id, value) => el("strong", { id }, value);
    const parts = [
      el("h2", {}, "Author identity"),
      this.openedAs ? el("p", { id: "merged-here", className: "muted" }, `${this.openedAs} was merged into this record, so it opens this record.`) : null,
      el(
        "p",
        { id: "identity-record" },
        "This record: ",
        count("identity-works", r.counts.works),
        " works · ",
        count("identity-coauthors", r.counts.coauthors),
        " coauthors · merged ids: ",
        el("span", { id: "merged-ids" }, r.mergedIds.length ? r.mergedIds.join(", ") : "none"),
      ),
      this.rights(),
      this.noteLine(),
      el("h3", {}, "Possible duplicates"),
      this.candidates(),
      el("h3", {}, "Split works out"),
      this.splitControls(),
      el("h3", {}, "Identity history"),
      this.history(),
    ];
    this.section.replaceChildren(...parts.filter(Boolean)); // the DOM would write a null as "null"
  }

  claims() {
    return Boolean(this.viewer && this.viewer.claims.some((claim) => claim.researcher.id === this.record.id));
  }

  rights() {
    if (!this.viewer) {
      return el(
        "p",
        { id: "identity-rights", className: "muted" },
        "Sign in to merge or split: the claimant of this record, or a curator, may. ",
        el("button", { id: "identity-sign-in", type: "button", onclick: this.hooks.onSignIn }, "Sign in"),
      );
    }
    const words = this.claims()
      ? "You claim this record: you may merge unclaimed records into it and split works out of it."
      : "You do not claim this record: only its claimant or a curator may merge or split, and the server refuses anyone else.";
    return el("p", { id: "identity-rights", className: "muted" }, words);
  }

  noteLine() {
    const note = this.note;
    if (!note) return null;
    if (note.outcome === "refused") return refusal(note.error);
    const link = note.link ? el("a", { href: `?id=${encodeURIComponent(note.link)}`, "data-id": note.link }, note.link) : null;
    return el("p", { id: "identity-note", className: "note", role: "status", "data-outcome": note.outcome }, note.text, link);
  }

  candidates() {
    const found = this.record.duplicateCandidates;
    if (!found.length) {
      return el("p", { id: "no-duplicates", className: "muted" }, "No likely duplicates: no other record scores 0.5 or more.");
    }
    return el("ol", { id: "duplicates" }, found.map((pair) => this.candidate(pair)));
  }

  candidate({ score, candidate: c, evidence }) {
    const claimed = c.trust.claimStatus === "UNCLAIMED" ? "" : " · claimed";
    return el(
      "li",
      { className: "candidate", "data-id": c.id },
      el(
        "p",
        { className: "candidate-head" },
        el("a", { href: `?id=${encodeURIComponent(c.id)}`, "data-id": c.id }, c.name),
        el("span", { className: "muted" }, c.id),
        el("span", { className: "score", title: "0 to 1: the summed weights of the reasons" }, `score ${score.toFixed(2)}`),
      ),
      el("p", { className: "muted candidate-counts" }, `${plural(c.counts.works, "work")} · ${plural(c.counts.coauthors, "coauthor")}${claimed}`),
      el("ul", { className: "reasons" }, evidence.map((e) => el("li", { "data-reason": e.reason, className: e.weight < 0 ? "against" : null }, reasonText(e)))),
      this.viewer ? this.mergeControls(c) : null,
    );
  }

  mergeControls(c) {
    const r = this.record;
    if (this.confirming !== c.id) {
      const open = () => this.confirm(c.id);
      return el("button", { className: "merge", type: "button", "data-id": c.id, disabled: this.busy, onclick: open }, "Merge into this record");
    }
    return el(
      "div",
      { className: "confirm" },
      el("p", {}, `Merge ${c.name} (${c.id}) into ${r.name}? Its ${plural(c.counts.works, "work")} move here, and ${c.id} opens this record from then on.`),
      el("button", { className: "confirm-merge", type: "button", disabled: this.busy, onclick: () => this.merge(c) }, "Merge"),
      el("button", { className: "cancel", type: "button", disabled: this.busy, onclick: () => this.confirm(null) }, "Cancel"),
    );
  }

  splitControls() {
    if (!this.viewer) {
      return el("p", { className: "muted" }, "Signed in as the claimant (or a curator), you can move works that are not this person's to a new record.");
    }
    const n = this.picked.size;
    const parts = [el("p", { className: "muted" }, "Tick the works below that are not this person's, then move them to a new record.")];
    if (this.confirming === "split") {
      parts.push(
        el(
          "div",
          { className: "confirm" },
          el("p", {}, `Move ${plural(n, "work")} out of ${this.record.name} into a new record?`),
          el("button", { id: "split-confirm", type: "button", disabled: this.busy, onclick: () => this.split() }, "Split"),
          el("button", { className: "cancel", type: "button", disabled: this.busy, onclick: () => this.confirm(null) }, "Cancel"),
        ),
      );
    } else {
      const open = () => this.confirm("split");
      parts.push(el("button", { id: "split-button", type: "button", disabled: this.busy || !n, onclick: open }, `Split ${plural(n, "selected work")} out`));
    }
    return el("div", { id: "split" }, parts);
  }

  history() {
    const events = this.record.identityHistory;
    if (!events.length) return el("p", { id: "no-history", className: "muted" }, "No merges or splits yet.");
    return el(
      "ol",
      { id: "identity-history" },
      events.map((e) =>
        el(
          "li",
          { "data-action": e.action },
          el("span", { className: "what" }, (ACTIONS[e.action] || ((x) => x.action))(e)),
          el("span", { className: "by" }, `by ${e.byHandle}${e.curator ? " (curator)" : ""}`),
          el("time", { datetime: e.at }, utc(e.at)),
        ),
      ),
    );
  }

  confirm(what) {
    this.confirming = what;
    this.note = null;
    this.render();
  }

  async merge(c) {
    await this.act(MERGE, { into: this.record.id, from: c.id }, ({ mergeResearchers: done }) =>
      done.changed
        ? { outcome: "merged", text: `Merged ${c.name} (${c.id}) into this record: ${plural(done.event.works.length, "work")} moved.` }
        : { outcome: "unchanged", text: `${c.id} was merged into this record already.` },
    );
  }

  async split() {
    const works = [...this.picked].sort();
    await this.act(SPLIT, { id: this.record.id, works }, ({ splitResearcher: done }) => ({
      outcome: "split",
      text: `Moved ${plural(done.event.works.length, "work")} out to the new record `,
      link: done.other.id,
    }));
  }

  /** Runs one identity mutation; on success says what it did and has the page read again. */
  async act(mutation, variables, describe) {
    this.busy = true;
    this.render();
    let data;
    try {
      data = await request(mutation, variables);
    } catch (error) {
      this.busy = false;
      this.confirming = null;
      this.note = { outcome: "refused", error };
      this.render();
      return;
    }
    this.busy = false;
    this.confirming = null;
    this.picked.clear();
    this.note = describe(data);
    this.render();
    this.hooks.onChanged(); // counts, works, graph and this panel, all read again
  }
}

/** The server's refusal: its extensions.code first, then its message. */
function refusal(error) {
  const code = error.code || "ERROR";
  return el(
    "p",
    { id: "identity-note", className: "note refused", role: "alert", "data-outcome": "refused", "data-code": code },
    el("strong", { className: "code" }, code),
    " ",
    error.message,
  );
}
