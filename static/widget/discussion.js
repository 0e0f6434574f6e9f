// The Discussion section: mounted in a shadow root in each placeholder, fetched in one request
// when it nears the viewport, with its space reserved until then.
import { ApiError, createApi } from "./api.js";
import { h } from "./dom.js";
import { chooseLanguage, loadCatalogue } from "./i18n.js";
import { commentForm } from "./form.js";
import { createOwn } from "./own.js";
import { styleSheet } from "./styles.js";
import { createThread } from "./thread.js";
import { keepFresh } from "./time.js";

const SORTS = ["oldest", "newest", "top"];

// data-page-id, else the canonical URL, else this URL without its fragment.
function pageKey(target) {
  const canonical = document.querySelector('link[rel="canonical"]');
  return target.dataset.pageId || canonical?.href || location.href.split("#")[0];
}

const FIRST_SORT = "oldest";

function whenNearViewport(element) {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          resolve();
        }
      },
      { rootMargin: "600px 0px" },
    );
    observer.observe(element);
  });
}

export function mount(context) {
  const api = createApi(context.service, context.site);
  const own = createOwn(api.storage);
  // data-comments on the script tag names other placeholders than #comments.
  const selector = context.options.comments;
  for (const target of selector ? document.querySelectorAll(selector) : context.targets) {
    const where = page(target);
    const shown = target.querySelector(":scope > .widget-discussion");
    if (shown?.dataset.page === where.key) continue; // the tag came twice, or the same page
    shown?.remove(); // window.widget.reload() on another article
    const host = h("div", { class: "widget-discussion", "data-page": where.key });
    const theme = target.dataset.theme || context.options.theme;
    if (theme) host.dataset.theme = theme;
    const root = host.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [styleSheet()];
    const section = h("section", { class: "widget", part: "root", "aria-busy": "true" });
    root.append(section);
    target.append(host);
    const lang = chooseLanguage(target.dataset.lang, context.options.lang);
    // The thread is asked for beside the catalogue, not after it: one round trip, not two.
    const near = whenNearViewport(host);
    const firstLoad = near.then(() => api.thread(where.key, FIRST_SORT));
    firstLoad.catch(() => {}); // awaited, and a failure shown, once the Discussion has its words
    Promise.all([loadCatalogue(lang), near]).then(([i18n]) =>
      discussion(section, { ...i18n, api, own, page: where, firstLoad }),
    );
  }
}

function page(target) {
  return {
    key: pageKey(target),
    url: location.href.split("#")[0],
    title: target.dataset.pageTitle || document.title,
  };
}

function discussion(section, ctx) {
  const { t } = ctx;
  section.lang = ctx.lang;
  section.dir = ctx.dir;
  let sort = FIRST_SORT;
  let firstLoad = ctx.firstLoad;
  let count = 0;
  let cursor = null;
  let configPromise = null;

  const countBadge = h("span", { class: "count" });
  const heading = h(
    "h2",
    { id: "heading", part: "heading", tabindex: "-1" },
    t("discussion"),
    countBadge,
  );
  const intro = h("p", { class: "intro" });
  const status = h("p", { class: "status", role: "status", part: "status" });
  const empty = h(
    "p",
    { class: "empty", part: "empty" },
    h("strong", {}, t("emptyTitle")),
    " ",
    t("emptyText"),
  );
  const problem = h("div", { class: "problem", hidden: true });
  const more = h(
    "button",
    { type: "button", class: "more", part: "button", hidden: true, onclick: loadMore },
    t("loadMore"),
  );
  const sortSelect = h(
    "select",
    { id: "sort", onchange: () => ((sort = sortSelect.value), load()) },
    SORTS.map((name) => h("option", { value: name }, t(name))),
  );
  const toolbar = h(
    "div",
    { class: "toolbar" },
    h("label", { for: "sort" }, t("sortBy")),
    sortSelect,
  );

  Object.assign(ctx, {
    heading,
    config: () =>
      (configPromise ||= ctx.api
        .config()
        .catch((error) => ((configPromise = null), Promise.reject(error)))),
    announce(message) {
      // Emptied first so that the same message twice is announced twice.
      status.textContent = "";
      setTimeout(() => (status.textContent = message), 50);
    },
    fail: (error) => ctx.announce(error.status === 0 ? t("network") : error.message),
    changeCount(delta) {
      setCount(count + delta);
    },
    refreshEmpty() {
      empty.hidden = thread.list.children.length > 0;
      toolbar.hidden = !empty.hidden;
    },
    post: (values, key) =>
      ctx.api
        .post(
          { page: ctx.page.key, page_url: ctx.page.url, page_title: ctx.page.title, ...values },
          key,
        )
        .then((response) => response.data),
    posted(comment, body) {
      ctx.own.remember(comment, ctx.page.key, body);
      if (comment.status === "approved") ctx.changeCount(1);
      const article = thread.insert(comment, sort === "newest");
      ctx.refreshEmpty();
      article.focus();
      ctx.announce(t(comment.status === "approved" ? "published" : "held"));
    },
  });
  const thread = createThread(ctx);

  function setCount(n) {
    count = n;
    countBadge.textContent = ` · ${n.toLocaleString(ctx.lang)}`;
    intro.textContent = t("intro", { n });
  }

  function showProblem(error) {
    const retry = h("button", { type: "button", part: "button", onclick: retryLoad }, t("retry"));
    problem.replaceChildren(
      h("p", {}, t("loadError"), " ", error.status ? error.message : t("network")),
      retry,
    );
    problem.hidden = false;
  }

  async function load() {
    section.setAttribute("aria-busy", "true");
    problem.hidden = true;
    try {
      const data = await (firstLoad ?? ctx.api.thread(ctx.page.key, sort));
      ctx.locked = data.locked;
      cursor = data.next_cursor;
      setCount(data.comment_count);
      thread.render(data.comments);
      const shown = new Set();
      const walk = (comments) => comments.forEach((c) => (shown.add(c.id), walk(c.replies)));
      walk(data.comments);
      for (const held of ctx.own.pending(ctx.page.key, shown))
        thread.insert(held, sort === "newest");
      // Kept across reloads (a new sort) so that nothing typed is lost; replaced if locking changed.
      const kind = data.locked ? "locked" : "form";
      if (form.dataset.kind !== kind) form.replaceWith((form = data.locked ? locked() : newForm()));
      more.hidden = !cursor;
      ctx.refreshEmpty();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      form.hidden = form.dataset.kind === "loading";
      showProblem(error);
    } finally {
      firstLoad = null;
      section.removeAttribute("aria-busy");
    }
  }

  async function retryLoad() {
    await load();
    (problem.hidden ? heading : problem.querySelector("button")).focus();
  }

  async function loadMore() {
    try {
      const data = await ctx.api.thread(ctx.page.key, sort, cursor);
      cursor = data.next_cursor;
      const [first] = thread.append(data.comments);
      more.hidden = !cursor;
      first?.querySelector("article").focus();
    } catch (error) {
      ctx.fail(error);
    }
  }

  function newForm() {
    const { form } = commentForm(ctx, {
      mode: "new",
      label: t("body"),
      submitLabel: t("post"),
      send: ctx.post,
      done: (result, values) => ctx.posted(result, values.body),
    });
    form.dataset.kind = "form";
    return form;
  }

  const locked = () =>
    h("p", { class: "locked", part: "locked", "data-kind": "locked" }, t("locked"));
  let form = h("p", { class: "loading", "data-kind": "loading" }, t("loading"));
  section.setAttribute("aria-labelledby", "heading");
  section.replaceChildren(heading, intro, form, status, toolbar, problem, empty, thread.list, more);
  setCount(0);
  empty.hidden = true;
  keepFresh(thread.list, ctx.lang);
  load();
}
