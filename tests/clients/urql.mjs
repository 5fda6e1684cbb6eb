// urql (@urql/core) against a running server: a profile, paging forward and backward with the
// server's cursors, and errors with their extensions.code, each with exact values. Prints one
// JSON line per check, then {"failed": n}. Usage: node urql.mjs http://127.0.0.1:PORT/graphql
import { isDeepStrictEqual } from "node:util";
import { Client, cacheExchange, fetchExchange, gql } from "@urql/core";

const url = process.argv[2];
const warnings = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => warnings.push(args.map(String).join(" "));
}
const client = new Client({ url, exchanges: [cacheExchange, fetchExchange] });

const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok, ...(ok ? {} : { detail }) });
}

const PROFILE = gql`
  query Profile($id: ID!) {
    researcher(id: $id) {
      id name
      trust { score label }
      counts { works coauthors }
      closeCollaborators { researcher { id name } sharedWorks }
    }
  }`;
const profile = await client.query(PROFILE, { id: "gongfan-fang" }).toPromise();
check(
  "the seed profile, exactly (urql adds __typename)",
  profile.error === undefined &&
    isDeepStrictEqual(profile.data, {
      researcher: {
        __typename: "Researcher",
        id: "gongfan-fang",
        name: "Gongfan Fang",
        trust: { __typename: "Trust", score: 19, label: "Unverified" },
        counts: { __typename: "ResearcherCounts", works: 5, coauthors: 15 },
        closeCollaborators: [
          ["xinchao-wang", "Xinchao Wang", 5],
          ["jie-song", "Jie Song", 4],
          ["mingli-song", "Mingli Song", 4],
          ["haofei-zhang", "Haofei Zhang", 2],
        ].map(([id, name, sharedWorks]) => ({
          __typename: "Collaborator",
          researcher: { __typename: "Researcher", id, name },
          sharedWorks,
        })),
      },
    }),
  { data: profile.data, error: String(profile.error) },
);

// paging forward with the cursors the server gives
const WORKS = gql`
  query Works($id: ID!, $after: String) {
    researcher(id: $id) {
      id
      works(first: 2, after: $after, orderBy: YEAR_ASC) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { cursor node { id title year } }
      }
    }
  }`;
const pages = [];
let after = null;
for (let i = 0; i < 10; i += 1) {
  const page = await client.query(WORKS, { id: "gongfan-fang", after }).toPromise();
  const works = page.data.researcher.works;
  pages.push({
    totalCount: works.totalCount,
    hasNextPage: works.pageInfo.hasNextPage,
    hasPreviousPage: works.pageInfo.hasPreviousPage,
    endIsLastEdge: works.pageInfo.endCursor === works.edges.at(-1).cursor,
    works: works.edges.map((e) => [e.node.id, e.node.year, e.node.title]),
  });
  if (!works.pageInfo.hasNextPage) break;
  after = works.pageInfo.endCursor;
}
const page = (hasNextPage, hasPreviousPage, works) => ({
  totalCount: 5, hasNextPage, hasPreviousPage, endIsLastEdge: true, works,
});
check(
  "paging forward walks the five works once each, oldest first, then by title",
  isDeepStrictEqual(pages, [
    page(true, false, [
      ["arxiv-1912.11006", 2020, "Data-Free Adversarial Distillation"],
      ["arxiv-2007.05441", 2020, "Impression Space from Deep Template Network"],
    ]),
    page(true, true, [
      ["arxiv-2207.13309", 2022, "Federated Selective Aggregation for Knowledge Amalgamation"],
      ["arxiv-2205.07523", 2022, "Prompting to Distill: Boosting Data-Free Knowledge Distillation via Reinforced Prompt"],
    ]),
    page(false, true, [["arxiv-2112.06253", 2022, "Up to 100$\\times$ Faster Data-free Knowledge Distillation"]]),
  ]),
  pages,
);

// and backward from the end with last/before: each page still in the list's order
const WORKS_BACK = gql`
  query WorksBack($id: ID!, $before: String) {
    researcher(id: $id) {
      id
      works(last: 2, before: $before, orderBy: YEAR_ASC) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor }
        edges { cursor node { id year } }
      }
    }
  }`;
const backPages = [];
let before = null;
for (let i = 0; i < 10; i += 1) {
  const back = await client.query(WORKS_BACK, { id: "gongfan-fang", before }).toPromise();
  const works = back.data.researcher.works;
  backPages.push({
    totalCount: works.totalCount,
    hasNextPage: works.pageInfo.hasNextPage,
    hasPreviousPage: works.pageInfo.hasPreviousPage,
    startIsFirstEdge: works.pageInfo.startCursor === works.edges[0].cursor,
    works: works.edges.map((e) => [e.node.id, e.node.year]),
  });
  if (!works.pageInfo.hasPreviousPage) break;
  before = works.pageInfo.startCursor;
}
const backPage = (hasNextPage, hasPreviousPage, works) => ({
  totalCount: 5, hasNextPage, hasPreviousPage, startIsFirstEdge: true, works,
});
check(
  "paging backward walks the five works once each, the newest page first",
  isDeepStrictEqual(backPages, [
    backPage(false, true, [["arxiv-2205.07523", 2022], ["arxiv-2112.06253", 2022]]),
    backPage(true, true, [["arxiv-2007.05441", 2020], ["arxiv-2207.13309", 2022]]),
    backPage(true, false, [["arxiv-1912.11006", 2020]]),
  ]),
  backPages,
);

// errors keep their code: a refused page nulls that list alone; an invalid document has no data
const refused = await client
  .query(gql`query Refused { researcher(id: "gongfan-fang") { id works(first: 500) { totalCount } } }`, {})
  .toPromise();
const refusal = refused.error?.graphQLErrors ?? [];
check(
  "a refused page is that list's BAD_USER_INPUT, the researcher stays",
  refusal.length === 1 &&
    refusal[0].extensions.code === "BAD_USER_INPUT" &&
    isDeepStrictEqual(refusal[0].path, ["researcher", "works"]) &&
    isDeepStrictEqual(refused.data, { researcher: { __typename: "Researcher", id: "gongfan-fang", works: null } }),
  { errors: refusal, data: refused.data },
);
const invalid = await client
  .query(gql`query Invalid { researcher(id: "gongfan-fang") { id nope } }`, {})
  .toPromise();
const invalidity = invalid.error?.graphQLErrors ?? [];
check(
  "an invalid document is GRAPHQL_VALIDATION_FAILED with no data",
  invalidity.length === 1 &&
    invalidity[0].extensions.code === "GRAPHQL_VALIDATION_FAILED" &&
    invalidity[0].message === "Cannot query field 'nope' on type 'Researcher'. Did you mean 'name'?" &&
    invalid.data === undefined && invalid.error.networkError === undefined,
  { errors: invalidity, data: invalid.data, network: String(invalid.error?.networkError) },
);

check("no warning from urql", warnings.length === 0, warnings);
for (const line of checks) process.stdout.write(`${JSON.stringify(line)}\n`);
const failed = checks.filter((c) => !c.ok).length;
process.stdout.write(`${JSON.stringify({ failed })}\n`);
process.exit(failed ? 1 : 0);
