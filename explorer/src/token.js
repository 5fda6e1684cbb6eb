// The viewer's token: the "Sign in" box, and the line saying who the page reads as.

import { getToken, setToken } from "./api.js";
import { byId } from "./dom.js";

let viewerOf = () => null;

/** Says who the page reads as: the viewer's handle when the server named one. */
export function showViewer() {
  const viewer = viewerOf();
  const signedIn = Boolean(getToken());
  byId("token-toggle").textContent = signedIn ? (viewer ? `Signed in: ${viewer.user.handle}` : "Token set") : "Sign in";
  byId("token-state").textContent = signedIn ? (viewer ? `signed in as ${viewer.user.handle} (${viewer.user.id})` : "token set") : "no token";
}

export function openTokenForm() {
  byId("token-form").hidden = false;
  byId("token-toggle").setAttribute("aria-expanded", "true");
  byId("token-input").focus();
}

/** Wires the box: `viewer()` is whom the server named, `forget()` drops it, `load()` reads again. */
export function setUpToken({ viewer, forget, load }) {
  viewerOf = viewer;
  const form = byId("token-form");
  byId("token-toggle").addEventListener("click", () => {
    if (form.hidden) openTokenForm();
    else {
      form.hidden = true;
      byId("token-toggle").setAttribute("aria-expanded", "false");
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = byId("token-input").value.trim().replace(/^Bearer\s+/i, "");
    setToken(token || null);
    byId("token-input").value = "";
    form.hidden = true;
    load();
  });
  byId("token-forget").addEventListener("click", () => {
    setToken(null);
    forget();
    showViewer();
    load();
  });
  showViewer();
}
