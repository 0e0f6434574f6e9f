// The audit log: who did what, when, and what changed.
import { h } from "../widget/dom.js";
import { timeElement } from "../widget/time.js";
import { announce } from "./announce.js";
import { explain } from "./api.js";
import { createPagedList, dayRange } from "./list.js";

const LANG = document.documentElement.lang;
const byId = (id) => document.getElementById(id);
const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;
const show = (value) => (value == null ? "none" : String(value));

// "status: pending → approved; locked: false → true", one part per field that changed.
function change(before, after) {
  const names = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])];
  return names
    .filter((name) => show(before?.[name]) !== show(after?.[name]))
    .map((name) => `${name}: ${show(before?.[name])} → ${show(after?.[name])}`)
    .join("; ");
}

export function createAudit(api) {
  const filters = byId("audit-filters");
  const pages = createPagedList({
    container: byId("audit"),
    more: byId("audit-more"),
    fetch: async (cursor) => {
      const { site, action, since, until } = filters.elements;
      const page = await api().audit({
        site: site.value || undefined,
        action: action.value || undefined,
        ...dayRange(since.value, until.value),
        cursor,
      });
      return { items: page.entries, next_cursor: page.next_cursor };
    },
    render: (entry) =>
      h(
        "tr",
        null,
        h("td", null, timeElement(entry.created_at, LANG)),
        h("td", null, entry.actor),
        h("td", null, entry.action),
        h("td", null, `${entry.target_type} ${entry.target_id} on ${entry.site}`),
        h("td", null, change(entry.before, entry.after)),
      ),
    onError: (error) => announce(explain(error)),
  });

  const refresh = () => pages.load().catch((error) => announce(explain(error)));
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    pages.load().then(
      () => announce(`${plural(byId("audit").children.length, "entry", "entries")} shown.`),
      (error) => announce(explain(error)),
    );
  });
  byId("audit-refresh").addEventListener("click", () =>
    pages.load().then(
      () => announce("The audit log is up to date."),
      (error) => announce(explain(error)),
    ),
  );
  function clear() {
    pages.clear();
    filters.reset();
  }
  return { load: () => pages.load(), refresh, clear };
}
