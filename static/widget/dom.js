// Building DOM from data: text is always text; sanitisedHTML is the one door for markup.

let counter = 0;

// An id unique within the document and its shadow roots, for label and description links.
export const uid = (prefix) => `widget-${prefix}-${++counter}`;

// h("p", { class: "hint", id }, "text", child): attributes set as such, children as text/nodes.
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value == null) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.flat().filter((child) => child != null && child !== false));
  return element;
}

// Only for body_html, which the service rendered and sanitised against its allowlist.
export function sanitisedHTML(element, html) {
  element.innerHTML = html;
  return element;
}
