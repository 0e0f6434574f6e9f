// The sites the token may act on, offered in every site picker instead of a typed slug.
import { h } from "../widget/dom.js";

const byId = (id) => document.getElementById(id);
// Pickers that may also mean "every site of the token", and pickers that need one site.
const ANY = ["filter-site", "audit-site"];
const ONE = ["ban-site", "consent-site"];

const option = (value, label) => h("option", { value }, label);

export function createSitePicker(api) {
  let sites = [];

  // One site is chosen for you; several ask you to choose; none says so.
  function fill() {
    for (const id of ANY) {
      byId(id).replaceChildren(option("", "All your sites"));
    }
    for (const id of ONE) {
      const placeholder = option(
        "",
        sites.length === 0 ? "No site: this token covers none" : "Choose a site",
      );
      byId(id).replaceChildren(...(sites.length === 1 ? [] : [placeholder]));
    }
    for (const site of sites) {
      for (const id of [...ANY, ...ONE]) {
        const choice = option(site.site, `${site.name} (${site.site})`);
        choice.defaultSelected = sites.length === 1 && ONE.includes(id);
        byId(id).append(choice);
      }
    }
    byId("no-sites").hidden = sites.length > 0;
  }

  async function load() {
    ({ sites } = await api().sites());
    fill();
  }

  function clear() {
    sites = [];
    fill();
    byId("no-sites").hidden = true;
  }

  return { load, clear };
}

// Pick `slug` in `select`, adding it if the list of sites did not have it.
export function choose(select, slug) {
  if (![...select.options].some((choice) => choice.value === slug)) {
    select.append(option(slug, slug));
  }
  select.value = slug;
}
