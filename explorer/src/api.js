// Talks to the GraphQL endpoint beside the page; keeps the viewer token in sessionStorage: this
// tab only, gone when it closes.

const TOKEN_KEY = "bzpeer.token";

try {
  localStorage.removeItem(TOKEN_KEY); // where pages before this one kept it
} catch {
  // storage refused (a sandboxed frame): nothing was kept there either
}

/** An answer with `errors`, or no answer at all: `code` is the first error's extensions.code. */
export class ApiError extends Error {
  constructor(code, message, status = 200) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export function getToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || null;
  } catch {
    return null;
  }
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

// relative to the page, so that the app also works when mounted under a prefix
const endpoint = () => new URL("graphql", document.baseURI).href;

/** Runs one operation and returns its `data`; throws ApiError on any error. */
export async function request(query, variables = {}, { token = getToken() } = {}) {
  const headers = { "content-type": "application/json", accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(endpoint(), {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ApiError("NETWORK_ERROR", `The server did not answer (${error.message}).`, 0);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`HTTP_${response.status}`, `The server answered HTTP ${response.status} without JSON.`, response.status);
  }
  if (body.errors && body.errors.length) {
    const first = body.errors[0];
    const code = (first.extensions && first.extensions.code) || "ERROR";
    const requestId = first.extensions && first.extensions.requestId;
    const message = body.errors.map((e) => e.message).join("; ") + (requestId ? ` (request ${requestId})` : "");
    throw new ApiError(code, message, response.status);
  }
  return body.data;
}

/**
 * A read: sent with the token when there is one. A refused token fails every request with
 * HTTP 401, so the read is tried again without it and `onTokenRefused` says why.
 */
export async function read(query, variables, onTokenRefused) {
  try {
    return await request(query, variables);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && getToken()) {
      onTokenRefused(error);
      return request(query, variables, { token: null });
    }
    throw error;
  }
}
