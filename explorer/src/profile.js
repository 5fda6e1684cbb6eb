// The profile panel: what the seed profile page shows about a researcher, or a card for
// a paper, topic or institution; follow and claim for signed-in viewers.

import { el, KIND_NAMES } from "./dom.js";
import { texNodes } from "./tex.js";
import { typeName } from "./works.js";

const CLAIM_WORDS = {
  UNCLAIMED: "Unclaimed author",
  CLAIMED: "Claimed author",
  VERIFIED: "Verified author",
};

/** Renders `node` (null = not found) into `panel`; `actions` has follow, unfollow, claim, signIn. */
export function renderProfile(panel, node, { id, signedIn, actions, busy = false }) {
  panel.replaceChildren();
  if (!node) {
    panel.append(
      el("h1", { id: "profile-name", className: "not-found" }, "Not found"),
      el("p", { id: "not-found" }, `No researcher, paper, topic or institution has the id “${id}”.`),
    );
    return;
  }
  const parts = node.__typename === "Researcher" ? researcher(node, signedIn, actions, busy) : otherNode(node);
  panel.append(...parts.filter(Boolean));
}

function researcher(r, signedIn, actions, busy) {
  const trust = r.trust;
  const counts = r.counts;
  const count = (id, value, words) =>
    el("li", {}, el("strong", { id }, value), el("span", {}, words));
  return [
    el("p", { className: "kind" }, "Researcher profile"),
    el("h1", { id: "profile-name" }, r.name),
    r.headline ? el("p", { id: "profile-headline", className: "headline" }, r.headline) : null,
    el(
      "p",
      { className: "badges" },
      el("span", { className: "badge" }, "Researcher"),
      el("span", { id: "affiliation", className: "badge" }, r.affiliation ? r.affiliation.name : "Affiliation not imported"),
      el(
        "span",
        { id: "open-to-collaborate", className: r.openToCollaborate ? "badge open" : "badge" },
        r.openToCollaborate ? "Open to collaborate" : "Not open to collaborate",
      ),
    ),
    el("h2", {}, "Trust snapshot"),
    el(
      "p",
      { className: "trust" },
      el("span", { id: "trust" }, "Trust ", el("strong", { id: "trust-score" }, trust.score), " - ", el("span", { id: "trust-label" }, trust.label)),
      el("span", { id: "trust-level" }, `Verification L${trust.verificationLevel}`),
      el("span", { id: "claim-status" }, CLAIM_WORDS[trust.claimStatus] || trust.claimStatus),
    ),
    el(
      "ul",
      { className: "counts" },
      count("count-works", counts.works, "works"),
      count("count-followers", counts.followers, "followers"),
      count("count-topics", counts.topics, "topics"),
      count("count-close-collaborators", counts.closeCollaborators, "close collaborators"),
    ),
    el("h2", {}, "Actions"),
    el("div", { className: "actions" }, followButton(r, signedIn, actions, busy), claimButton(r, signedIn, actions, busy)),
    el(
      "p",
      { id: "collaboration", className: "muted" },
      trust.claimStatus === "UNCLAIMED"
        ? "Direct collaboration: claim this author entity first to unlock direct invitations."
        : r.openToCollaborate
          ? "Direct collaboration: invitations are open (sendCollaborationInvite)."
          : "Direct collaboration: this researcher is not open to invitations.",
    ),
  ];
}

function followButton(r, signedIn, actions, busy) {
  const followers = el("span", { className: "count" }, r.counts.followers);
  if (!signedIn) {
    return el("button", { id: "follow-button", type: "button", "data-signed-in": "false", onclick: actions.signIn }, "Log in to follow ", followers);
  }
  const following = r.viewerFollows;
  return el(
    "button",
    {
      id: "follow-button",
      type: "button",
      "data-signed-in": "true",
      "aria-pressed": following ? "true" : "false",
      disabled: busy,
      onclick: () => (following ? actions.unfollow(r.id) : actions.follow(r.id)),
    },
    following ? "Following " : "Follow researcher ",
    followers,
  );
}

function claimButton(r, signedIn, actions, busy) {
  if (!signedIn) {
    return el("button", { id: "claim-button", type: "button", "data-signed-in": "false", onclick: actions.signIn }, "Log in to claim");
  }
  if (r.trust.claimStatus !== "UNCLAIMED") {
    return el("button", { id: "claim-button", type: "button", "data-signed-in": "true", disabled: true }, CLAIM_WORDS[r.trust.claimStatus]);
  }
  return el(
    "button",
    { id: "claim-button", type: "button", "data-signed-in": "true", disabled: busy, onclick: () => actions.claim(r.id) },
    "Claim this author",
  );
}

function otherNode(node) {
  const kind = KIND_NAMES[node.__typename];
  const parts = [el("p", { className: "kind" }, kind), el("h1", { id: "profile-name" }, node.name || texNodes(node.title))];
  if (node.__typename === "Paper") {
    parts.push(
      el("p", { className: "work-meta" }, [typeName(node.type), node.year, node.venue].filter(Boolean).join(" · ")),
      el(
        "p",
        { className: "authors" },
        "By ",
        node.authors.flatMap((author, i) => [i ? ", " : "", el("a", { href: `?id=${encodeURIComponent(author.id)}`, "data-id": author.id }, author.name)]),
      ),
      node.url ? el("p", {}, el("a", { href: node.url, rel: "noopener noreferrer", target: "_blank" }, "Read the paper")) : null,
    );
  } else if (node.__typename === "Topic") {
    parts.push(el("p", {}, `${node.paperCount} papers about this topic.`));
  } else if (node.__typename === "Institution") {
    parts.push(el("p", {}, node.country ? `Country: ${node.country}` : "Country unknown"));
  }
  return parts;
}
