// Reading preferences as classes and custom properties on <html> and one stylesheet whose
// rules reach only the publisher's target. Classes sit on the root because the loader applies
// them from <head>, before the target exists; the rules name the target, so nothing else of
// the page changes. The Discussion follows through the --widget-* properties it inherits.

// The preferences a reader has not touched: the page and the browser stay in charge.
export const DEFAULTS = Object.freeze({
  font_scale: 1,
  high_contrast: null,
  readable_font: "none",
  text_spacing: false,
  line_length: null,
  reduce_motion: null,
  underline_links: false,
  reading_guide: false,
});

// main, else article, else body, decided by CSS alone so that it holds before the DOM exists.
const DEFAULT_TARGET = "main, body:not(:has(main)) article, body:not(:has(main, article))";

export const FONTS = {
  atkinson: { family: "Atkinson Hyperlegible", file: "atkinson-hyperlegible-latin" },
  opendyslexic: { family: "OpenDyslexic", file: "opendyslexic-latin" },
};

function fontFaces(service) {
  const faces = [];
  for (const { family, file } of Object.values(FONTS)) {
    for (const weight of [400, 700]) {
      for (const style of ["normal", "italic"]) {
        const url = `${service}/static/fonts/${file}-${weight}-${style}.woff2`;
        faces.push(
          `@font-face { font-family: "${family}"; font-style: ${style}; font-weight: ${weight};` +
            ` font-display: swap; src: url("${url}") format("woff2"); }`,
        );
      }
    }
  }
  return faces.join("\n");
}

const target = (selector) => `:is(${selector || DEFAULT_TARGET})`;

// The whole stylesheet for one target; which rules apply is up to the classes on <html>.
export function readingCSS(selector, service) {
  const t = target(selector);
  const on = (name, rest = "") => `:root.widget-rp-${name} ${t}${rest}`;
  const all = (name) => `${on(name)}, ${on(name, " *")}`;
  const fonts = Object.entries(FONTS).map(
    ([key, { family }]) => `
${all(`font-${key}`)} { font-family: "${family}", sans-serif !important; }
:root.widget-rp-font-${key} { --widget-font: "${family}", sans-serif; }`,
  );
  return `${fontFaces(service)}
${on("scale")} { font-size: calc(var(--widget-font-scale) * 100%); }
@media (forced-colors: none) {
  :root.widget-rp-contrast {
    --widget-text: light-dark(#000, #fff); --widget-muted: light-dark(#000, #fff);
    --widget-background: light-dark(#fff, #000); --widget-surface: light-dark(#fff, #000);
    --widget-border: light-dark(#000, #fff); --widget-accent: light-dark(#00307a, #9cd0ff);
    --widget-on-accent: light-dark(#fff, #000); --widget-danger: light-dark(#8b0000, #ffb4ab);
  }
  ${all("contrast")} {
    color: light-dark(#000, #fff) !important; background-color: light-dark(#fff, #000) !important;
    border-color: currentColor !important; text-shadow: none !important;
  }
  ${on("contrast", " a[href]")}, ${on("contrast", " a[href] *")} {
    color: light-dark(#00307a, #9cd0ff) !important; text-decoration: underline !important;
  }
  :root.widget-rp-on-dark ${t} { color-scheme: dark; }
  :root.widget-rp-on-light ${t} { color-scheme: light; }
  ${on("contrast", " :focus-visible")} {
    outline: 3px solid light-dark(#b30000, #ffd400) !important; outline-offset: 2px !important;
  }
}
${fonts.join("")}
${all("spacing")} {
  line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important;
}
${on("spacing", " p")} { margin-block-end: 2em !important; }
:root.widget-rp-spacing {
  --widget-letter-spacing: .12em; --widget-word-spacing: .16em; --widget-paragraph-spacing: 2em;
}
${on("measure", " :is(p, li, blockquote, dd, dt, figcaption, h1, h2, h3, h4, h5, h6)")} {
  max-inline-size: var(--widget-line-length) !important;
}
:root.widget-rp-still { scroll-behavior: auto !important; --widget-transition: 0s; }
${all("still")}, ${on("still", " *::before")}, ${on("still", " *::after")} {
  animation-duration: 0s !important; animation-iteration-count: 1 !important;
  transition-duration: 0s !important; transition-delay: 0s !important;
  scroll-behavior: auto !important;
}
${on("links", " a[href]")} {
  text-decoration: underline !important; text-decoration-thickness: .125em !important;
  text-underline-offset: .2em !important; background-color: Mark !important; color: MarkText !important;
}
`;
}

// The classes and custom properties a set of preferences puts on <html>; `tone` is what
// pageTone() found.
export function rootState(prefs, tone = null) {
  const classes = [];
  const props = {};
  if (prefs.font_scale !== 1) {
    classes.push("widget-rp-scale");
    props["--widget-font-scale"] = String(prefs.font_scale);
  }
  if (prefs.high_contrast) classes.push("widget-rp-contrast");
  if (prefs.high_contrast && tone) classes.push(`widget-rp-on-${tone}`);
  if (prefs.readable_font in FONTS) classes.push(`widget-rp-font-${prefs.readable_font}`);
  if (prefs.text_spacing) classes.push("widget-rp-spacing");
  if (prefs.line_length) {
    classes.push("widget-rp-measure");
    props["--widget-line-length"] = `${prefs.line_length}ch`;
  }
  if (prefs.reduce_motion) classes.push("widget-rp-still");
  if (prefs.underline_links) classes.push("widget-rp-links");
  return { classes, props };
}

// Sizes in these units ignore the size the target inherits; em, %, ex, ch, larger and smaller
// follow it, so they scale once with the target and must not be multiplied again.
const FIXED = /\d(px|rem|pt|pc|in|cm|mm|q|[sld]?v(w|h|i|b|min|max)|cq(w|h|i|b|min|max))\b/i;
const RELATIVE = /\d(em|ex|ch|cap|ic|lh)\b|%|larger|smaller/i;
// Pseudo-elements may not sit inside :is().
const PSEUDO_ELEMENT = /::|:(before|after|first-line|first-letter)\b/i;

// A value as the root resolves its custom properties, to tell fixed sizes from relative ones.
function resolved(value) {
  if (!value.includes("var(")) return value;
  const root = getComputedStyle(document.documentElement);
  return value.replace(/var\(\s*(--[\w-]+)[^)]*\)/g, (_, name) => root.getPropertyValue(name));
}

function scaledRules(rules, scope) {
  const out = [];
  for (const rule of rules) {
    if (rule instanceof CSSStyleRule) {
      const value = rule.style.getPropertyValue("font-size");
      const text = resolved(value);
      if (!FIXED.test(text) || RELATIVE.test(text) || PSEUDO_ELEMENT.test(rule.selectorText)) {
        continue;
      }
      const important = rule.style.getPropertyPriority("font-size") ? " !important" : "";
      const matched = `:is(${rule.selectorText})`;
      out.push(
        `${scope} ${matched}, ${scope}${matched} ` +
          `{ font-size: calc(${value} * var(--widget-font-scale))${important}; }`,
      );
    } else if (rule instanceof CSSImportRule) {
      const inner = readable(rule.styleSheet, scope);
      const media = rule.media.mediaText;
      if (media && inner.length) out.push(`@media ${media} { ${inner.join("\n")} }`);
      else out.push(...inner);
    } else if (rule.cssRules) {
      // @media, @supports, @container, @layer, @scope: the copy keeps the condition.
      const inner = scaledRules(rule.cssRules, scope);
      const prelude = rule.cssText.slice(0, rule.cssText.indexOf("{"));
      if (inner.length) out.push(`${prelude}{ ${inner.join("\n")} }`);
    }
  }
  return out;
}

// A sheet from another origin served without CORS cannot be read: its sizes stay as they are.
function readable(sheet, scope) {
  try {
    return sheet ? scaledRules(sheet.cssRules, scope) : [];
  } catch {
    return [];
  }
}

// Text the page sizes in px or rem keeps that size whatever the target inherits. For each of
// the page's rules that does so, a copy scoped to the target multiplies its own value by the
// scale; the page's sheets themselves are only read.
export function fixedSizeCSS(selector) {
  const scope = `:root.widget-rp-scale ${target(selector)}`;
  return [...document.styleSheets].flatMap((sheet) => readable(sheet, scope)).join("\n");
}

// Whether the page paints the target dark or light, as the page alone would: light-dark()
// follows a declared color-scheme, and this tells it what a page that declares none looks like.
export function pageTone(selector) {
  const root = document.documentElement;
  const contrast = root.classList.contains("widget-rp-contrast");
  root.classList.remove("widget-rp-contrast");
  let tone = null;
  let node = document.querySelector(target(selector));
  for (; node && !tone; node = node.parentElement) {
    const color = getComputedStyle(node).backgroundColor;
    if (!color.startsWith("rgb")) continue;
    const [r, g, b, alpha = 1] = color.match(/[\d.]+/g).map(Number);
    if (alpha > 0.5) tone = 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? "dark" : "light";
  }
  if (contrast) root.classList.add("widget-rp-contrast");
  return tone;
}

const PROPS = ["--widget-font-scale", "--widget-line-length"];

// Put a state on <html>: every class of ours not in it goes, and the sheet gets the rules.
export function applyState(sheet, state, css) {
  const root = document.documentElement;
  for (const name of [...root.classList]) {
    if (name.startsWith("widget-rp-") && !state.classes.includes(name)) root.classList.remove(name);
  }
  root.classList.add(...state.classes);
  for (const name of PROPS) {
    if (name in state.props) root.style.setProperty(name, state.props[name]);
    else root.style.removeProperty(name);
  }
  sheet.replaceSync(css);
  if (!document.adoptedStyleSheets.includes(sheet)) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
}
