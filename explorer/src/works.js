// The works list of a researcher, one cursor page at a time.

import { el } from "./dom.js";
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
