// Apollo Client 4 in a page: bundled by esbuild into one script (tests/test_cors_browser.py),
// it gives the page window.apollo(url, query, variables, headers, credentials), which answers
// what Apollo Client returned and what its cache reads back, or the error it raised.
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";

window.apollo = async (url, query, variables, headers, credentials) => {
  const client = new ApolloClient({
    link: new HttpLink({ uri: url, headers, credentials }),
    cache: new InMemoryCache(),
  });
  const document = gql(query);
  try {
    const answer = await client.query({ query: document, variables });
    return { data: answer.data, cached: client.readQuery({ query: document, variables }) };
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
};
