// Subscriptions through the real clients: graphql-ws (graphql-transport-ws) and graphql-sse
// (distinct connections mode), driven line by line.
//
//   node live.mjs URL
//
// Reads JSON commands from stdin, one a line:
//   {"op": "subscribe", "name": "a", "transport": "ws" | "sse", "query": "...",
//    "variables": {...}, "token": "...",
//    "headers": {...}}                          starts a subscription named `name` (`headers`:
//                                                 more headers of an event stream's request)
//   {"op": "close", "name": "a"}                  ends it (the client completes it)
//   {"op": "exit"}
// and writes JSON lines to stdout:
//   {"name": "a", "next": <result>}   each result, as the client handed it over
//   {"name": "a", "error": ...}       the client's error
//   {"name": "a", "complete": true}   the server completed it
//   {"name": "a", "closed": true}     after a `close`
import { createInterface } from "node:readline";
import { createClient as createWsClient } from "graphql-ws";
import { createClient as createSseClient } from "graphql-sse";
import WebSocket from "ws";

const url = process.argv[2];
const running = new Map();

function say(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

function describe(error) {
  if (Array.isArray(error)) return error; // graphql-ws: the GraphQL errors of an `error` message
  if (error && typeof error === "object" && "code" in error && "reason" in error) {
    return { closeCode: error.code, reason: error.reason }; // a WebSocket close event
  }
  return { message: String(error && error.message ? error.message : error) };
}

function subscribe({ name, transport, query, variables, token, headers }) {
  const authorization = token ? `Bearer ${token}` : undefined;
  const client =
    transport === "ws"
      ? createWsClient({
          url: url.replace(/^http/, "ws"),
          webSocketImpl: WebSocket,
          connectionParams: authorization ? { authorization } : {},
          retryAttempts: 0,
          lazy: true,
        })
      : createSseClient({
          url,
          headers: { ...(authorization ? { authorization } : {}), ...(headers || {}) },
          retryAttempts: 0,
        });
  const sink = {
    next: (result) => say({ name, next: result }),
    error: (error) => say({ name, error: describe(error) }),
    complete: () => {
      if (running.has(name)) say({ name, complete: true });
    },
  };
  const stop = client.subscribe({ query, variables }, sink);
  running.set(name, { client, stop });
}

async function close({ name }) {
  const found = running.get(name);
  running.delete(name);
  if (found) {
    found.stop();
    await found.client.dispose();
  }
  say({ name, closed: true });
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  if (command.op === "subscribe") subscribe(command);
  else if (command.op === "close") await close(command);
  else if (command.op === "exit") break;
}
for (const name of [...running.keys()]) await close({ name });
process.exit(0);
