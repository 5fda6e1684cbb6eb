// Live changes: the page subscribes (graphql-ws, the graphql-transport-ws protocol, on the
// WebSocket beside /graphql) to the open researcher's changes and to its slice's, and hands each
// change to the page. The token goes in connection_init, as browsers cannot set upgrade headers.

import { createClient } from "graphql-ws";
import { getToken } from "./api.js";

let client = null;
let clientToken = null;
let connected = false;

/** Whether the server acknowledged the connection the subscriptions run on. */
export const isConnected = () => connected;

function connect() {
  const token = getToken();
  if (client && clientToken === token) return client;
  // a connection refused before (a token the server turned down) makes dispose's promise reject
  // with that close event: it is over either way, and an unhandled rejection is a page error
  if (client) Promise.resolve(client.dispose()).catch(() => {});
  connected = false;
  const url = new URL("graphql", document.baseURI);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  clientToken = token;
  client = createClient({
    url: url.href,
    lazy: true,
    retryAttempts: 5,
    connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
    on: {
      connected: () => (connected = true),
      closed: () => (connected = false),
    },
  });
  return client;
}

/**
 * Subscribes to `query` with `variables`; `onData(data)` gets each change, `onError(error)` an
 * error. Returns a function that ends the subscription.
 */
export function subscribe(query, variables, { onData, onError }) {
  return connect().subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors && result.errors.length) onError(result.errors[0]);
        else if (result.data) onData(result.data);
      },
      error: (error) => onError(error),
      complete: () => {},
    },
  );
}
