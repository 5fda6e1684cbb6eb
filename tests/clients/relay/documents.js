// The GraphQL documents the Relay compiler reads (never run: relay/store.mjs imports what the
// compiler writes to relay/__generated__).
const { graphql } = require("relay-runtime");

// a researcher's works, paged forward by a refetch query of its own
graphql`
  fragment WorksForward_researcher on Researcher
  @refetchable(queryName: "WorksForwardPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 2 }, cursor: { type: "String" }) {
    id
    works(first: $count, after: $cursor, orderBy: YEAR_ASC)
      @connection(key: "WorksForward_works") {
      totalCount
      edges { node { id title year } }
    }
  }
`;

graphql`
  query ProfileWorksQuery($id: ID!) {
    researcher(id: $id) { id name ...WorksForward_researcher }
  }
`;

// the same list from its end, paged backward (last/before)
graphql`
  fragment WorksBackward_researcher on Researcher
  @refetchable(queryName: "WorksBackwardPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 2 }, cursor: { type: "String" }) {
    id
    works(last: $count, before: $cursor, orderBy: YEAR_ASC)
      @connection(key: "WorksBackward_works") {
      totalCount
      edges { node { id title year } }
    }
  }
`;

graphql`
  query ProfileWorksBackwardQuery($id: ID!) {
    researcher(id: $id) { id name ...WorksBackward_researcher }
  }
`;

// two slices of one researcher and two profiles written to one store
graphql`
  query SliceQuery($id: ID!, $depth: Int!, $kinds: [NodeKind!]) {
    neighbourhood(id: $id, depth: $depth, kinds: $kinds) {
      center { entityId kind label depth weight entity { __typename id } }
      nodes { entityId kind label depth weight entity { __typename id } }
      edges { source target kind weight }
      truncated
    }
  }
`;

graphql`
  query ProfileQuery($id: ID!) {
    researcher(id: $id) {
      __typename id name headline openToCollaborate
      trust { score label verificationLevel claimStatus }
      counts { works followers topics closeCollaborators }
      closeCollaborators { researcher { __typename id name } sharedWorks }
      topics(first: 3) { topic { __typename id name } works }
    }
  }
`;

graphql`
  query ProfileTrustQuery($id: ID!) {
    researcher(id: $id) { __typename id trust { score claimStatus } counts { works coauthors } }
  }
`;
