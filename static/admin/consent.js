// The consent log: a site's record of readers' decisions, saved as a CSV file.
import { h } from "../widget/dom.js";
import { announce } from "./announce.js";
import { explain } from "./api.js";

const byId = (id) => document.getElementById(id);
// The browser reads a Blob URL after the click returns: free it a while later.
const KEEP_URL_MS = 60_000;

export function createConsentLog(api) {
  const form = byId("consent-form");
  const error = byId("consent-error");
  const site = form.elements.site;

  async function submit(event) {
    event.preventDefault();
    site.removeAttribute("aria-invalid");
    const slug = site.value;
    if (!slug) {
      error.textContent = "Choose the site whose consent log to download.";
      site.setAttribute("aria-invalid", "true");
      site.focus();
      return;
    }
    let file;
    try {
      file = await api().consentLog(slug);
    } catch (failure) {
      error.textContent = explain(failure);
      return;
    }
    error.textContent = "";
    const url = URL.createObjectURL(file);
    h("a", { href: url, download: `consent-${slug}.csv` }).click();
    setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
    announce(`Downloaded the consent log of ${slug}.`);
  }

  form.addEventListener("submit", submit);
  function clear() {
    form.reset();
    error.textContent = "";
    site.removeAttribute("aria-invalid");
  }
  return { clear };
}
