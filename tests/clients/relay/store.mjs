// Relay runtime against a running server, with what the Relay compiler wrote from
// relay/documents.js: three slices and two profiles written to one store keep every record's
// __typename and read back exactly as the server answered; @refetchable @connections page
// forward and backward through their refetch queries. Prints one JSON line per check, then
// {"failed": n}.
// Usage: node relay/store.mjs http://127.0.0.1:PORT/graphql
import { isDeepStrictEqual } from "node:util";
import { createRequire } from "node:module";
import {
  Environment,
  Network,
  RecordSource,
  Store,
  createOperationDescriptor,
  getRequest,
  getSelector,
} from "relay-runtime";

const artifact = createRequire(import.meta.url);
const generated = (name) => artifact(`./__generated__/${name}.graphql.js`);

const url = process.argv[2];
const warnings = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => warnings.push(args.map(String).join(" "));
}

const answers = [];
const environment = new Environment({
  network: Network.create(async (params, variables) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: params.text, variables }),
    });
    const body = await response.json();
    answers.push(body);
    return body;
  }),
  store: new Store(new RecordSource()),
});

const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok, ...(ok ? {} : { detail }) });
}

// every record's __typename as first written; a record given another one later is retyped
const typenames = new Map();
const retyped = [];
function watchTypenames(after) {
  const records = environment.getStore().getSource().toJSON();
  for (const [id, record] of Object.entries(records)) {
    const typename = record?.__typename;
    if (typename === undefined) continue;
    const before = typenames.get(id);
    if (before === undefined) typenames.set(id, typename);
    else if (before !== typename) retyped.push({ id, before, typename, after });
  }
}

/** Runs QUERY with VARIABLES into the store (kept there), answers the operation and the server's answer. */
async function run(name, variables) {
  const operation = createOperationDescriptor(getRequest(generated(name)), variables);
  environment.retain(operation);
  await new Promise((resolve, reject) => {
    environment.execute({ operation }).subscribe({ complete: resolve, error: reject });
  });
  watchTypenames(name);
  return { operation, answer: answers.at(-1) };
}
const read = (operation) => environment.lookup(operation.fragment).data;

// two slices of one researcher, one around a coauthor, then two profiles: one store
const one = await run("SliceQuery", { id: "gongfan-fang", depth: 1, kinds: null });
const two = await run("SliceQuery", { id: "gongfan-fang", depth: 2, kinds: ["RESEARCHER"] });
const other = await run("SliceQuery", { id: "xinchao-wang", depth: 1, kinds: null });
const profile = await run("ProfileQuery", { id: "gongfan-fang" });
const trust = await run("ProfileTrustQuery", { id: "gongfan-fang" });
for (const [name, { operation, answer }] of Object.entries({ one, two, other, profile, trust })) {
  check(`${name} reads back exactly as the server answered`, isDeepStrictEqual(read(operation), answer.data), {
    read: read(operation),
    answer,
  });
}
const centers = [one, two].map(({ operation }) => read(operation).neighbourhood.center);
check(
  "each slice keeps its own center at depth 0",
  centers.every((c) => c.depth === 0 && c.weight === null && c.entity.id === "gongfan-fang"),
  centers,
);
const depthsOf = ({ operation }) =>
  read(operation).neighbourhood.nodes.filter((n) => n.entityId === "gongfan-fang").map((n) => n.depth);
check(
  "one researcher, a place in two slices at depths of its own",
  isDeepStrictEqual([depthsOf(one), depthsOf(other)], [[0], [1]]),
  [depthsOf(one), depthsOf(other)],
);
check(
  "the slices differ where they should (depth 2 reaches further)",
  read(two.operation).neighbourhood.nodes.some((n) => n.depth === 2) &&
    !read(one.operation).neighbourhood.nodes.some((n) => n.depth === 2),
  null,
);
check(
  "the researcher is one record, a Researcher",
  environment.getStore().getSource().get("gongfan-fang")?.__typename === "Researcher",
  environment.getStore().getSource().get("gongfan-fang"),
);
check(
  "the profile's trust and counts",
  isDeepStrictEqual(read(trust.operation).researcher.trust, { score: 19, claimStatus: "UNCLAIMED" }) &&
    read(profile.operation).researcher.counts.works === 5,
  { trust: read(trust.operation).researcher.trust, counts: read(profile.operation).researcher.counts },
);

// @refetchable fragments' @connections, paged by their refetch queries as usePaginationFragment
// does: the connection handler adds each page at its end (forward) or its start (backward)
const FORWARD = { more: (p) => p.hasNextPage, cursor: (p) => p.endCursor };
const BACKWARD = { more: (p) => p.hasPreviousPage, cursor: (p) => p.startCursor };

/** Runs START, then pages FRAGMENT's works in DIRECTION with QUERY, two at a time: the ids after each page, the last read. */
async function walk(start, fragment, query, direction) {
  const { operation } = await run(start, { id: "gongfan-fang" });
  const works = () =>
    environment.lookup(getSelector(generated(fragment), read(operation).researcher)).data.works;
  const seen = [works().edges.map((e) => e.node.id)];
  for (let i = 0; i < 10 && direction.more(works().pageInfo); i += 1) {
    await run(query, { id: "gongfan-fang", count: 2, cursor: direction.cursor(works().pageInfo) });
    seen.push(works().edges.map((e) => e.node.id));
  }
  return { seen, works: works() };
}

const forward = await walk("ProfileWorksQuery", "WorksForward_researcher", "WorksForwardPaginationQuery", FORWARD);
check(
  "paging forward grows the connection page by page, oldest first",
  isDeepStrictEqual(forward.seen, [
    ["arxiv-1912.11006", "arxiv-2007.05441"],
    ["arxiv-1912.11006", "arxiv-2007.05441", "arxiv-2207.13309", "arxiv-2205.07523"],
    ["arxiv-1912.11006", "arxiv-2007.05441", "arxiv-2207.13309", "arxiv-2205.07523", "arxiv-2112.06253"],
  ]),
  forward.seen,
);
check(
  "the walked connection's count and pageInfo",
  forward.works.totalCount === 5 && forward.works.pageInfo.hasNextPage === false &&
    forward.works.pageInfo.endCursor === forward.works.edges.at(-1).cursor,
  { totalCount: forward.works.totalCount, pageInfo: forward.works.pageInfo },
);

const backward = await walk(
  "ProfileWorksBackwardQuery", "WorksBackward_researcher", "WorksBackwardPaginationQuery", BACKWARD,
);
check(
  "paging backward grows the connection at its start, the list's order kept",
  isDeepStrictEqual(backward.seen, [
    ["arxiv-2205.07523", "arxiv-2112.06253"],
    ["arxiv-2007.05441", "arxiv-2207.13309", "arxiv-2205.07523", "arxiv-2112.06253"],
    ["arxiv-1912.11006", "arxiv-2007.05441", "arxiv-2207.13309", "arxiv-2205.07523", "arxiv-2112.06253"],
  ]),
  backward.seen,
);
check(
  "the connection walked backward: its count and pageInfo",
  backward.works.totalCount === 5 && backward.works.pageInfo.hasPreviousPage === false &&
    backward.works.pageInfo.startCursor === backward.works.edges[0].cursor,
  { totalCount: backward.works.totalCount, pageInfo: backward.works.pageInfo },
);

check("no record retyped in the store", retyped.length === 0, retyped);
check("no warning from Relay", warnings.length === 0, warnings);
for (const line of checks) process.stdout.write(`${JSON.stringify(line)}\n`);
const failed = checks.filter((c) => !c.ok).length;
process.stdout.write(`${JSON.stringify({ failed })}\n`);
process.exit(failed ? 1 : 0);
