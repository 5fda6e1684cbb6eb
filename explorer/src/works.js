// The works list of a researcher, one cursor page at a time.

import { read } from "./api.js";
import { byId, el } from "./dom.js";
import { WORKS } from "./queries.js";
import { texNodes } from "./tex.js";

export const WORKS_PAGE_SIZE = 10;

/** A work type as the site prints it: the API's enum name in OpenAlex's own spelling (BOOK_CHAPTER: book-chapter). */
export function typeName(type) {
  return type ? type.toLowerCase().replace(/_/g, "-") : type;
}

/** One work; `picked` says whether its box (for splitting it out, shown when signed in) is ticked. */
export function workItem(work, picked = false) {
  const meta = [typeName(work.type), work.year, work.venue].filter((part) => part !== null && part !== undefined && part !== "");
  const title = work.url
    ? el("a", { href: work.url, rel: "noopener noreferrer", target: "_blank" }, texNodes(work.title))
    : texNodes(work.title);
  return el(
    "li",
    { className: "work", "data-id": work.id },
    el(
      "label",
      { className: "pick" },
      el("input", { type: "checkbox", className: "pick-work", value: work.id, checked: picked }),
      "not this person's",
    ),
    el("p", { className: "work-meta" }, meta.map((part) => el("span", {}, part))),
    el("h3", {}, title),
    work.abstract ? el("details", {}, el("summary", {}, "Abstract"), el("p", {}, work.abstract)) : null,
  );
}

/** The works section of the open researcher: its first page, the next ones on demand. */
export class WorksList {
  /** `id()` is the open researcher; `isPicked(workId)` whether a work's box is ticked. */
  constructor({ id, isPicked, onError, onTokenRefused }) {
    this.id = id;
    this.isPicked = isPicked;
    this.onError = onError;
    this.onTokenRefused = onTokenRefused;
    this.cursor = null; // { after, hasNextPage }
  }

  /** Shows a page of works (`append`: after those shown), or hides the section (none). */
  show(works, append) {
    const section = byId("works");
    const list = byId("works-list");
    if (!works) {
      section.hidden = true;
      list.replaceChildren();
      this.cursor = null;
      return;
    }
    section.hidden = false;
    if (!append) list.replaceChildren();
    list.append(...works.edges.map((edge) => workItem(edge.node, this.isPicked(edge.node.id))));
    byId("works-count").textContent = `${works.totalCount} published item(s)`;
    this.cursor = { after: works.pageInfo.endCursor, hasNextPage: works.pageInfo.hasNextPage };
    byId("works-more").hidden = !works.pageInfo.hasNextPage;
  }

  /** Reads and appends the next page. */
  async more() {
    if (!this.cursor || !this.cursor.hasNextPage) return;
    const button = byId("works-more");
    button.disabled = true;
    try {
      const data = await read(WORKS, { id: this.id(), first: WORKS_PAGE_SIZE, after: this.cursor.after }, this.onTokenRefused);
      if (data.researcher) this.show(data.researcher.works, true);
    } catch (error) {
      this.onError(error);
    }
    button.disabled = false;
  }

  /** Reads the first page again: a merge, split or import changed the works. */
  async refresh() {
    const id = this.id();
    try {
      const data = await read(WORKS, { id, first: WORKS_PAGE_SIZE, after: null }, this.onTokenRefused);
      if (data.researcher && data.researcher.id === this.id()) this.show(data.researcher.works, false);
    } catch (error) {
      this.onError(error);
    }
  }
}
