// GraphiQL at /graphql, bundled from npm packages with its stylesheet: no CDN at run time.
// It opens with the example operations the server puts into #graphiql-examples, and its
// headers pane is open so a viewer token can go in as {"Authorization": "Bearer …"}.

import "graphiql/style.css";
import "./graphiql.css";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";

function examples() {
  const data = document.getElementById("graphiql-examples");
  try {
    const text = JSON.parse(data ? data.textContent : '""');
    return typeof text === "string" ? text : "";
  } catch {
    return "";
  }
}

// relative to the page, so the app answers under any mount prefix (/research/graphql)
const fetcher = createGraphiQLFetcher({ url: new URL("graphql", location.href).href });

createRoot(document.getElementById("graphiql")).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery: examples(),
    defaultEditorToolsVisibility: "headers",
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }),
);
