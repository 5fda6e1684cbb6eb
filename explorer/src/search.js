// The search box: type-ahead from `autocomplete`, Enter for a full `search`.

import { ApiError, read } from "./api.js";
import { el, KIND_NAMES } from "./dom.js";
import { AUTOCOMPLETE, SEARCH } from "./queries.js";
import { plainTex, texNodes } from "./tex.js";

const DELAY_MS = 150;

export function setUpSearch(input, list, { onChoose, onTokenRefused }) {
  let timer = null;
  let asked = 0; // answers to older questions are dropped
  let results = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    active = -1;
  };

  const show = (items, emptyText) => {
    results = items;
    active = -1;
    list.replaceChildren();
    if (!items.length) {
      list.append(el("li", { className: "empty" }, emptyText));
    }
    items.forEach((item, index) => {
      const label = item.name || texNodes(item.title);
      const detail = [KIND_NAMES[item.__typename], item.year, item.country, item.affiliation && item.affiliation.name]
        .filter(Boolean)
        .join(" · ");
      list.append(
        el(
          "li",
          {
            role: "option",
            id: `suggestion-${index}`,
            "data-id": item.id,
            "data-kind": item.__typename,
            onmousedown: (event) => {
              event.preventDefault(); // keep the focus, choose on mousedown before blur closes it
              choose(index);
            },
          },
          el("span", { className: `dot ${item.__typename.toLowerCase()}` }),
          el("span", { className: "label" }, label),
          el("span", { className: "detail" }, detail),
        ),
      );
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };

  const showError = (error) => {
    results = [];
    list.replaceChildren(el("li", { className: "error" }, `${error.code || "ERROR"}: ${error.message}`));
    list.hidden = false;
  };

  const choose = (index) => {
    const item = results[index];
    if (!item) return;
    close();
    input.value = item.name || plainTex(item.title);
    onChoose(item.id);
  };

  const ask = async (query, variables, emptyText) => {
    const question = ++asked;
    try {
      const data = await read(query, variables, onTokenRefused);
      if (question === asked) show(data.autocomplete || data.search, emptyText);
    } catch (error) {
      if (question === asked) showError(error instanceof ApiError ? error : new ApiError("ERROR", String(error)));
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) {
      asked += 1;
      close();
      return;
    }
    timer = setTimeout(() => ask(AUTOCOMPLETE, { prefix: text }, "No match yet: keep typing or press Enter"), DELAY_MS);
  });

  input.addEventListener("keydown", (event) => {
    const items = list.querySelectorAll("li[role=option]");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items.forEach((item, i) => item.setAttribute("aria-selected", i === active ? "true" : "false"));
      input.setAttribute("aria-activedescendant", items[active].id);
    } else if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(timer);
      if (active >= 0) choose(active);
      else if (input.value.trim()) ask(SEARCH, { text: input.value.trim() }, "Nothing holds all of these words");
    } else if (event.key === "Escape") {
      close();
    }
  });

  input.addEventListener("blur", () => setTimeout(close, 100));
}
