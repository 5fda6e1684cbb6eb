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
//    "socket": "s"}                             (`socket`: subscriptions naming the same one
//                                                 share one WebSocket; else each has its own)
//   {"op": "open", "name": "s", "token": "..."}   opens a WebSocket at once, with no subscription
//                                                 (`socket` of later subscriptions may name it)
//   {"op": "close", "name": "a"}                  ends it (the client completes it), or a socket
//   {"op": "exit"}
// and writes JSON lines to stdout:
//   {"name": "a", "next": <result>}   each result, as the client handed it over
//   {"name": "a", "error": ...}       the client's error
//   {"name": "a", "complete": true}   the server completed it
//   {"name": "a", "closed": true}     after a `close`
//   {"name": "s", "connected": true}  an opened socket was acknowledged
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

const sockets = new Map();

function wsClient(token, options = {}) {
  const authorization = token ? `Bearer ${token}` : undefined;
  return createWsClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
    ...options,
  });
}

function open({ name, token }) {
  const client = wsClient(token, {
    lazy: false,
    onNonLazyError: (error) => say({ name, error: describe(error) }),
    on: { connected: () => say({ name, connected: true }) },
  });
  sockets.set(name, client);
  running.set(name, { client, stop: () => {} });
}

function subscribe({ name, transport, query, variables, token, headers, socket }) {
  const authorization = token ? `Bearer ${token}` : undefined;
  if (socket && transport === "ws" && !sockets.has(socket)) sockets.set(socket, wsClient(token));
  const client =
    transport === "ws"
      ? socket
        ? sockets.get(socket)
        : wsClient(token)
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
    // a subscription on a shared socket leaves the socket to the others
    if (![...running.values()].some((other) => other.client === found.client)) {
      await found.client.dispose();
    }
  }
  say({ name, closed: true });
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  if (command.op === "subscribe") subscribe(command);
  else if (command.op === "open") open(command);
  else if (command.op === "close") await close(command);
  else if (command.op === "exit") break;
}
for (const name of [...running.keys()]) await close({ name });
process.exit(0);
