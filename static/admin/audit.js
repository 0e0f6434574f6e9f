// The audit log: who did what, when, and what changed.
import { h } from "../widget/dom.js";
import { timeElement } from "../widget/time.js";
import { announce } from "./announce.js";
import { explain } from "./api.js";
import { createPagedList } from "./list.js";

const LANG = document.documentElement.lang;
const byId = (id) => document.getElementById(id);
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
  const pages = createPagedList({
    container: byId("audit"),
    more: byId("audit-more"),
    fetch: async (cursor) => {
      const page = await api().audit({ cursor });
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
  byId("audit-refresh").addEventListener("click", () =>
    pages.load().then(
      () => announce("The audit log is up to date."),
      (error) => announce(explain(error)),
    ),
  );
  return { load: () => pages.load(), refresh, clear: pages.clear };
}
