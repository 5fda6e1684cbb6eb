// The GraphQL operations the page sends: all of it goes through the public API.

const RESEARCHER_FIELDS = `
  id name headline openToCollaborate viewerFollows
  affiliation { id name }
  trust { score label verificationLevel claimStatus }
  counts { works followers topics closeCollaborators }`;

const WORKS_PAGE = `
  totalCount
  pageInfo { hasNextPage endCursor }
  edges { node { id type year venue title abstract url } }`;

const SLICE = `
  center { id: entityId kind label }
  nodes { id: entityId kind label weight depth entity { ... on Paper { year } } }
  edges { source target kind weight }
  truncated`;

const GRAPH_ARGS = "depth: $depth, kinds: $kinds, limitPerNode: $limitPerNode, maxNodes: $maxNodes";

/** Everything the page shows about one node, and the slice around it, in one request. */
export const EXPLORE = `
query Explore($id: ID!, $depth: Int!, $kinds: [NodeKind!], $limitPerNode: Int!, $maxNodes: Int!, $works: Int!) {
  viewer { user { id handle } }
  node(id: $id) {
    __typename id
    ... on Researcher { ${RESEARCHER_FIELDS} works(first: $works) { ${WORKS_PAGE} } }
    ... on Paper { title year type venue url authors { id name } }
    ... on Topic { name paperCount }
    ... on Institution { name country }
  }
  neighbourhood(id: $id, ${GRAPH_ARGS}) { ${SLICE} }
}`;

/** Only the slice: when the depth or the size changes. */
export const GRAPH = `
query ExploreGraph($id: ID!, $depth: Int!, $kinds: [NodeKind!], $limitPerNode: Int!, $maxNodes: Int!) {
  neighbourhood(id: $id, ${GRAPH_ARGS}) { ${SLICE} }
}`;

/** A clicked node's own slice, merged into the drawing in place. */
export const EXPAND = `
query ExploreExpand($id: ID!, $limitPerNode: Int!, $maxNodes: Int!) {
  neighbourhood(id: $id, depth: 1, limitPerNode: $limitPerNode, maxNodes: $maxNodes) { ${SLICE} }
}`;

/** The open researcher's changes: counts, trust, claim, follows, merges, splits. */
export const RESEARCHER_CHANGED = `
subscription ExploreResearcherChanged($id: ID!) {
  researcherChanged(id: $id) {
    eventId kind otherId
    researcher { ${RESEARCHER_FIELDS} }
  }
}`;

const LIVE_NODE = "entityId kind label weight depth entity { ... on Paper { year } }";
const LIVE_EDGE = "source target kind weight";

/** Changes inside the drawn slice: nodes and edges added, removed, re-weighted. */
export const SLICE_CHANGED = `
subscription ExploreSliceChanged($id: ID!, $depth: Int!, $kinds: [NodeKind!], $limitPerNode: Int!, $maxNodes: Int!) {
  sliceChanged(center: $id, depth: $depth, kinds: $kinds, limitPerNode: $limitPerNode, maxNodes: $maxNodes) {
    eventId resync
    addedNodes { ${LIVE_NODE} } removedNodes { entityId }
    addedEdges { ${LIVE_EDGE} } removedEdges { ${LIVE_EDGE} } reweightedEdges { ${LIVE_EDGE} }
  }
}`;

/** The next page of a researcher's works. */
export const WORKS = `
query ExploreWorks($id: ID!, $first: Int!, $after: String) {
  researcher(id: $id) { id works(first: $first, after: $after) { ${WORKS_PAGE} } }
}`;

const RESULT_FIELDS = `
  __typename
  ... on Researcher { id name affiliation { name } }
  ... on Paper { id title year }
  ... on Topic { id name }
  ... on Institution { id name country }`;

export const AUTOCOMPLETE = `
query ExploreAutocomplete($prefix: String!) {
  autocomplete(prefix: $prefix, first: 8) { ${RESULT_FIELDS} }
}`;

export const SEARCH = `
query ExploreSearch($text: String!) {
  search(text: $text, first: 20) { ${RESULT_FIELDS} }
}`;

const payload = (name, field) => `
mutation ${name}($id: ID!) { ${field}(id: $id) { researcher { ${RESEARCHER_FIELDS} } } }`;

export const FOLLOW = payload("Follow", "followResearcher");
export const UNFOLLOW = payload("Unfollow", "unfollowResearcher");
export const CLAIM = payload("Claim", "claimResearcher");

/** The live record an id stands for: `researcher(id)` follows merges, `node(id)` does not. */
export const RESOLVE = `
query ExploreResolve($id: ID!) { researcher(id: $id) { id } }`;

const RECORD = "id name counts { works coauthors } trust { claimStatus }";

/** A researcher's author identity: what it absorbed, its likely duplicates, its history. */
export const IDENTITY = `
query ExploreIdentity($id: ID!) {
  viewer { user { id } claims { researcher { id } } }
  researcher(id: $id) {
    ${RECORD} mergedIds
    duplicateCandidates(first: 10) {
      score
      candidate { ${RECORD} }
      evidence { reason count weight }
    }
    identityHistory(first: 20) { id action at byHandle curator before after works }
  }
}`;

export const MERGE = `
mutation ExploreMerge($into: ID!, $from: ID!) {
  mergeResearchers(into: $into, from: $from) { changed researcher { id mergedIds } event { works } }
}`;

export const SPLIT = `
mutation ExploreSplit($id: ID!, $works: [ID!]!) {
  splitResearcher(id: $id, works: $works) { researcher { id } other { id name } event { works } }
}`;
