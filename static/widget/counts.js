// Count badges on listing pages: <a data-comment-count="PAGE-ID">, filled in one request per
// hundred pages (the API's limit), in the page's language.
import { createApi } from "./api.js";
import { chooseLanguage, loadCatalogue } from "./i18n.js";

const PAGES_PER_REQUEST = 100;

export async function mount(context) {
  const api = createApi(context.service, context.site);
  const badges = context.targets;
  const pages = [...new Set(badges.map((badge) => badge.dataset.commentCount))];
  const { t } = await loadCatalogue(chooseLanguage(context.options.lang));
  const counts = {};
  for (let start = 0; start < pages.length; start += PAGES_PER_REQUEST) {
    const batch = await api.counts(pages.slice(start, start + PAGES_PER_REQUEST));
    Object.assign(counts, batch.counts);
  }
  for (const badge of badges) {
    const n = counts[badge.dataset.commentCount];
    if (n !== undefined) badge.textContent = t("comments", { n });
  }
}
