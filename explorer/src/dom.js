// Builds DOM nodes from data; text always goes in as text, never as HTML.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const byId = (id) => document.getElementById(id);

/** Human words for the kinds of node. */
export const KIND_NAMES = {
  Researcher: "researcher",
  Paper: "paper",
  Topic: "topic",
  Institution: "institution",
  RESEARCHER: "researcher",
  PAPER: "paper",
  TOPIC: "topic",
  INSTITUTION: "institution",
};
