// Titles with TeX math ("Up to 100$\times$ Faster"): typeset by KaTeX in the page's text, and
// turned into plain Unicode for the graph's canvas labels, which cannot hold markup.

import "katex/dist/katex.css";
import katex from "katex";

/** The pieces of `text`: plain runs and the math between pairs of unescaped `$`. */
export function splitTex(text) {
  const pieces = [];
  const pattern = /(?<!\\)\$([^$]+?)(?<!\\)\$/g;
  let at = 0;
  for (const found of String(text ?? "").matchAll(pattern)) {
    if (found.index > at) pieces.push({ math: false, text: text.slice(at, found.index) });
    pieces.push({ math: true, text: found[1] });
    at = found.index + found[0].length;
  }
  if (at < String(text ?? "").length) pieces.push({ math: false, text: text.slice(at) });
  return pieces.map((piece) => (piece.math ? piece : { math: false, text: piece.text.replaceAll("\\$", "$") }));
}

/** DOM nodes for `text`, its math typeset (KaTeX builds elements, never HTML strings). */
export function texNodes(text) {
  return splitTex(text).map((piece) => {
    if (!piece.math) return document.createTextNode(piece.text);
    const span = document.createElement("span");
    span.className = "math";
    katex.render(piece.text, span, { throwOnError: false, output: "htmlAndMathml" });
    return span;
  });
}

/** Common TeX commands as the characters they stand for. */
const SYMBOLS = {
  times: "×", cdot: "·", pm: "±", leq: "≤", le: "≤", geq: "≥", ge: "≥", neq: "≠", approx: "≈",
  sim: "~", infty: "∞", to: "→", rightarrow: "→", leftarrow: "←", ell: "ℓ", partial: "∂",
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε", zeta: "ζ",
  eta: "η", theta: "θ", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π", rho: "ρ",
  sigma: "σ", tau: "τ", phi: "φ", varphi: "φ", chi: "χ", psi: "ψ", omega: "ω",
  Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Pi: "Π", Sigma: "Σ", Phi: "Φ", Omega: "Ω",
};

/** `text` with its math as plain characters: `100$\times$` -> `100×`, `$O(n^2)$` -> `O(n^2)`. */
export function plainTex(text) {
  return splitTex(text)
    .map((piece) =>
      piece.math
        ? piece.text
            .replace(/\\([A-Za-z]+)\s*/g, (whole, name) => SYMBOLS[name] ?? name)
            .replace(/[{}]/g, "")
            .replace(/\\(.)/g, "$1")
        : piece.text,
    )
    .join("");
}
