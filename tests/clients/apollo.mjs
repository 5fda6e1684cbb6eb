// Apollo Client 4 against a running server: what it caches reads back exactly as the server
// answered, with no warning. Prints one JSON line per check, then {"failed": n}.
// Usage: node --conditions=development apollo.mjs http://127.0.0.1:PORT/graphql
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";

const url = process.argv[2];
const warnings = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => warnings.push(args.map(String).join(" "));
}

// the guidance of docs/api.md ("Client caches"): value objects without an id merge into the
// object that holds them
const typePolicies = {
  Trust: { merge: true },
  ResearcherCounts: { merge: true },
};

const SLICE = gql`
  query Slice($id: ID!, $depth: Int!, $kinds: [NodeKind!]) {
    neighbourhood(id: $id, depth: $depth, kinds: $kinds) {
      center { entityId kind label depth weight entity { id } }
      nodes { entityId kind label depth weight entity { id } }
      edges { source target kind weight }
      truncated
    }
  }`;

const PROFILE = gql`
  query Profile($id: ID!) {
    researcher(id: $id) {
      id name headline openToCollaborate
      trust { score label verificationLevel claimStatus }
      counts { works followers topics closeCollaborators }
      closeCollaborators { researcher { id name } sharedWorks }
      works(first: 3) { totalCount edges { cursor node { id title year } } }
    }
  }`;

const TRUST = gql`
  query Trust($id: ID!) { researcher(id: $id) { id trust { score claimStatus } counts { works } } }`;

const client = new ApolloClient({
  link: new HttpLink({ uri: url }),
  cache: new InMemoryCache({ typePolicies }),
});

const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok, ...(ok ? {} : { detail }) });
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const one = { id: "gongfan-fang", depth: 1, kinds: null };
const two = { id: "gongfan-fang", depth: 2, kinds: ["RESEARCHER"] };
const first = await client.query({ query: SLICE, variables: one });
const second = await client.query({ query: SLICE, variables: two });
const readOne = client.readQuery({ query: SLICE, variables: one });
const readTwo = client.readQuery({ query: SLICE, variables: two });
check("two slices read back exactly: the first", same(readOne, first.data), readOne);
check("two slices read back exactly: the second", same(readTwo, second.data), readTwo);
// a slice around another centre: the places both slices hold have other depths and weights
const other = { id: "xinchao-wang", depth: 1, kinds: null };
const third = await client.query({ query: SLICE, variables: other });
check(
  "a slice around another centre leaves the first as it was",
  same(client.readQuery({ query: SLICE, variables: one }), first.data) &&
    same(client.readQuery({ query: SLICE, variables: other }), third.data),
  client.readQuery({ query: SLICE, variables: one }),
);
const depthsOf = (data, id) => data.neighbourhood.nodes.filter((n) => n.entityId === id).map((n) => n.depth);
check(
  "one researcher, a place in both slices at depths of its own",
  same(depthsOf(first.data, "gongfan-fang"), [0]) && same(depthsOf(third.data, "gongfan-fang"), [1]),
  [depthsOf(first.data, "gongfan-fang"), depthsOf(third.data, "gongfan-fang")],
);
check(
  "the slices differ where they should (depth 2 reaches further)",
  second.data.neighbourhood.nodes.some((n) => n.depth === 2),
  second.data.neighbourhood.nodes.length,
);

const profile = await client.query({ query: PROFILE, variables: { id: "gongfan-fang" } });
const trust = await client.query({ query: TRUST, variables: { id: "gongfan-fang" } });
const readProfile = client.readQuery({ query: PROFILE, variables: { id: "gongfan-fang" } });
check("the profile reads back exactly after a second query", same(readProfile, profile.data), readProfile);
check("trust score", trust.data.researcher.trust.score === 19, trust.data.researcher.trust);
check(
  "the seed profile's counts",
  same(profile.data.researcher.counts, { __typename: "ResearcherCounts", works: 5, followers: 0, topics: 4, closeCollaborators: 4 }),
  profile.data.researcher.counts,
);

// paging forward with the cursors the server gives
const PAGE = gql`
  query Works($id: ID!, $after: String) {
    researcher(id: $id) { id works(first: 2, after: $after, orderBy: YEAR_ASC) {
      pageInfo { hasNextPage endCursor } edges { node { id } } } }
  }`;
const ids = [];
let after = null;
for (let i = 0; i < 10; i += 1) {
  const page = await client.query({ query: PAGE, variables: { id: "gongfan-fang", after } });
  const works = page.data.researcher.works;
  ids.push(...works.edges.map((e) => e.node.id));
  if (!works.pageInfo.hasNextPage) break;
  after = works.pageInfo.endCursor;
}
check(
  "paging forward walks the five works once each",
  // oldest first, then by title: the two of 2020, then the three of 2022 (F, P, U)
  same(ids, ["arxiv-1912.11006", "arxiv-2007.05441", "arxiv-2207.13309", "arxiv-2205.07523", "arxiv-2112.06253"]),
  ids,
);

// the same walk as an app pages a list: one watched query, fetchMore with the end cursor, pages
// merged by relayStylePagination (keyed by the arguments that are not paging arguments)
const pagedClient = () =>
  new ApolloClient({
    link: new HttpLink({ uri: url }),
    cache: new InMemoryCache({
      typePolicies: { Researcher: { fields: { works: relayStylePagination(["orderBy", "filter"]) } } },
    }),
  });
const paged = pagedClient();
const MERGED = gql`
  query MergedWorks($id: ID!, $first: Int!, $after: String) {
    researcher(id: $id) { id works(first: $first, after: $after, orderBy: YEAR_ASC) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }
  }`;
const watched = paged.watchQuery({ query: MERGED, variables: { id: "gongfan-fang", first: 2 } });
const subscription = watched.subscribe(() => {});
const grown = [];
let merged = (await paged.query({ query: MERGED, variables: { id: "gongfan-fang", first: 2 } })).data;
grown.push(merged.researcher.works.edges.map((e) => e.node.id));
for (let i = 0; i < 10 && merged.researcher.works.pageInfo.hasNextPage; i += 1) {
  await watched.fetchMore({ variables: { after: merged.researcher.works.pageInfo.endCursor } });
  merged = paged.readQuery({ query: MERGED, variables: { id: "gongfan-fang", first: 2 } });
  grown.push(merged.researcher.works.edges.map((e) => e.node.id));
}
subscription.unsubscribe();
check(
  "relayStylePagination merges the pages fetchMore brings, in order",
  same(grown, [
    ["arxiv-1912.11006", "arxiv-2007.05441"],
    ["arxiv-1912.11006", "arxiv-2007.05441", "arxiv-2207.13309", "arxiv-2205.07523"],
    ["arxiv-1912.11006", "arxiv-2007.05441", "arxiv-2207.13309", "arxiv-2205.07523", "arxiv-2112.06253"],
  ]),
  grown,
);
const { pageInfo, totalCount } = merged.researcher.works;
check(
  "the merged list's pageInfo spans it all",
  totalCount === 5 && pageInfo.hasNextPage === false && pageInfo.hasPreviousPage === false &&
    pageInfo.startCursor === merged.researcher.works.edges[0].cursor &&
    pageInfo.endCursor === merged.researcher.works.edges[4].cursor,
  { totalCount, pageInfo },
);

// and backward from the end (another cache: this one holds the whole list already): last, then
// fetchMore with the start cursor; relayStylePagination puts each page before the ones it has
const pagedBack = pagedClient();
const MERGED_BACK = gql`
  query MergedWorksBack($id: ID!, $last: Int!, $before: String) {
    researcher(id: $id) { id works(last: $last, before: $before, orderBy: YEAR_ASC) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }
  }`;
const back = { id: "gongfan-fang", last: 2 };
const watchedBack = pagedBack.watchQuery({ query: MERGED_BACK, variables: back });
const subscriptionBack = watchedBack.subscribe(() => {});
const shrunk = [];
let mergedBack = (await pagedBack.query({ query: MERGED_BACK, variables: back })).data;
shrunk.push(mergedBack.researcher.works.edges.map((e) => e.node.id));
for (let i = 0; i < 10 && mergedBack.researcher.works.pageInfo.hasPreviousPage; i += 1) {
  await watchedBack.fetchMore({ variables: { before: mergedBack.researcher.works.pageInfo.startCursor } });
  mergedBack = pagedBack.readQuery({ query: MERGED_BACK, variables: back });
  shrunk.push(mergedBack.researcher.works.edges.map((e) => e.node.id));
}
subscriptionBack.unsubscribe();
check(
  "relayStylePagination puts the pages fetchMore brings backward before the others",
  same(shrunk, [
    ["arxiv-2205.07523", "arxiv-2112.06253"],
    ["arxiv-2007.05441", "arxiv-2207.13309", "arxiv-2205.07523", "arxiv-2112.06253"],
    ["arxiv-1912.11006", "arxiv-2007.05441", "arxiv-2207.13309", "arxiv-2205.07523", "arxiv-2112.06253"],
  ]),
  shrunk,
);
const backInfo = mergedBack.researcher.works.pageInfo;
check(
  "the list merged backward: its pageInfo spans it all",
  backInfo.hasNextPage === false && backInfo.hasPreviousPage === false &&
    backInfo.startCursor === mergedBack.researcher.works.edges[0].cursor &&
    backInfo.endCursor === mergedBack.researcher.works.edges[4].cursor,
  backInfo,
);

// an error keeps its code
const refused = await client.query({
  query: gql`query { researcher(id: "gongfan-fang") { id works(first: 500) { totalCount } } }`,
  errorPolicy: "all",
});
check(
  "a refused page is that list's BAD_USER_INPUT, the researcher stays",
  refused.error?.errors?.[0]?.extensions?.code === "BAD_USER_INPUT" &&
    refused.data?.researcher?.works === null && refused.data?.researcher?.id === "gongfan-fang",
  { error: String(refused.error), data: refused.data },
);

check("no warning from Apollo Client", warnings.length === 0, warnings);
for (const line of checks) process.stdout.write(`${JSON.stringify(line)}\n`);
const failed = checks.filter((c) => !c.ok).length;
process.stdout.write(`${JSON.stringify({ failed })}\n`);
process.exit(failed ? 1 : 0);
