// UI strings: one catalogue module per language, plurals by Intl.PluralRules.

export const LANGUAGES = ["en", "de", "fr", "es", "ru", "uk", "ja", "ar"];
const RIGHT_TO_LEFT = new Set(["ar"]);

// data-lang on the placeholder or the script tag, else the page's <html lang>, else English.
export function chooseLanguage(...candidates) {
  for (const candidate of [...candidates, document.documentElement.lang]) {
    const base = (candidate || "").toLowerCase().split(/[-_]/)[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return "en";
}

// book names a separate set of catalogues (i18n/BOOK/), fetched only by what needs it.
export async function loadCatalogue(lang, book) {
  const { default: messages } = await import(`./i18n/${book ? `${book}/` : ""}${lang}.js`);
  const plurals = new Intl.PluralRules(lang);
  // t("key", { n: 3 }): an entry with plural forms picks one by n; {name} fills from vars.
  const t = (key, vars = {}) => {
    let message = messages[key];
    if (typeof message === "object") message = message[plurals.select(vars.n)] ?? message.other;
    return message.replace(/\{(\w+)\}/g, (_, name) =>
      name === "n" ? vars.n.toLocaleString(lang) : vars[name],
    );
  };
  return { lang, dir: RIGHT_TO_LEFT.has(lang) ? "rtl" : "ltr", t };
}
