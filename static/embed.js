/*
 * widget embed loader: the one script a publisher pastes.
 *
 *   <script src="https://HOST/embed.js" data-site="SLUG" async></script>
 *
 * This file stays a tiny classic script. It reads its own tag and data-* attributes at once
 * (document.currentScript is null later and inside modules), takes the service URL from its
 * own src, and imports the ES modules of each feature the page asks for from
 * HOST/embed/<version>/, where the server fills in <version> (a hash of the modules).
 *
 * Contract for features (the Discussion now; the reading preferences panel plugs in the same
 * way by adding one line to FEATURES, e.g.
 *   { name: "readingOptions", module: "preferences.js", placeholder: "#reading-options" }):
 * - A feature runs when its placeholder selector matches an element in the page, or when the
 *   script tag carries the data attribute of its name (data-comments, data-reading-options,
 *   ...), whose value is the feature's own to read (a selector, a corner, ...).
 * - Its module exports mount(context), called after the DOM is parsed and again on each
 *   window.widget.reload() (so it must leave what is already right alone), with
 *   context = { service, version, site, options, targets, sheet }: options is a copy of the
 *   script tag's dataset, targets the elements the placeholder selector found (possibly none).
 * - The service fills in each feature module's static imports, fetched beside it: a module
 *   imports its dependencies statically at the top (import "./x.js"), or with import() when
 *   it needs them only later.
 * - Shared modules are imported relatively: api.js (calls, the reader token), storage.js (one
 *   localStorage key per site, "widget:SLUG", holding the token and each feature's entries),
 *   i18n.js (catalogues in i18n/), dom.js (building elements).
 * - Work that must happen before first paint belongs here, right after the attributes are
 *   read, and must stay small and synchronous: applying the reading preferences that
 *   preferences.js saved as "applied" ({classes, props, css}) is the only such work; the
 *   constructed stylesheet it makes is handed on as context.sheet.
 * - The Discussion lives in a shadow root: other features reach it only through the
 *   --widget-* custom properties it inherits (--widget-font-size, --widget-text, ...).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !("attachShadow" in Element.prototype)) return;
  var options = {};
  for (var key in script.dataset) options[key] = script.dataset[key];
  var src = new URL(script.src, document.baseURI);
  var service = src.origin + src.pathname.replace(/\/embed\.js$/, "");
  var version = "__WIDGET_VERSION__";
  // For each module, the modules it imports (directly or not), filled in by the server.
  var IMPORTS = __WIDGET_IMPORTS__;
  if (!options.site) {
    console.error("widget: the script tag needs data-site, the site's slug");
    return;
  }

  // First act: the reader's saved reading preferences, before anything paints (see README).
  var sheet = null;
  try {
    var applied = JSON.parse(localStorage.getItem("widget:" + options.site) || "{}").applied;
    if (applied && document.adoptedStyleSheets) {
      var root = document.documentElement;
      sheet = new CSSStyleSheet();
      sheet.replaceSync(applied.css);
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat(sheet);
      root.classList.add.apply(root.classList, applied.classes);
      for (var prop in applied.props) root.style.setProperty(prop, applied.props[prop]);
    }
  } catch (error) {
    // Storage refused or a stale entry: the page shows as the publisher made it.
  }

  var FEATURES = [
    { name: "comments", module: "discussion.js", placeholder: "#comments" },
    { name: "commentCount", module: "counts.js", placeholder: "[data-comment-count]" },
    { name: "readingOptions", module: "preferences.js", placeholder: "#reading-options" },
  ];

  function load(name) {
    return import(service + "/embed/" + version + "/" + name);
  }

  function start() {
    FEATURES.forEach(function (feature) {
      var targets = Array.prototype.slice.call(document.querySelectorAll(feature.placeholder));
      if (!targets.length && !(feature.name in options)) return;
      // All at once rather than one level of imports per round trip; each is fetched and run
      // once however many modules import it. A failure shows in the feature's own import.
      (IMPORTS[feature.module] || []).forEach(function (name) {
        load(name).catch(function () {});
      });
      load(feature.module)
        .then(function (module) {
          return module.mount({
            service: service,
            version: version,
            site: options.site,
            options: options,
            targets: targets,
            sheet: sheet,
          });
        })
        .catch(function (error) {
          console.error("widget: " + feature.name + " could not start", error);
        });
    });
  }

  // Single-page sites call this after showing another article: each feature mounts again on
  // the placeholders now in the page, and the Discussion follows a changed page id or URL.
  window.widget = window.widget || {};
  window.widget.reload = start;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
