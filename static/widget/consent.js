// The reader's consent for the site: window.widget.consent.get(category), a widget:consent
// event on every change, and gated scripts (<script type="text/plain" data-consent="KEY">)
// that run once their category is granted, and only once.

// Global Privacy Control as the browser reports it to pages.
export const gpc = () => navigator.globalPrivacyControl === true;

export function createConsent(storage) {
  let site = null; // { policy_version, categories } once the site's config has arrived
  const ran = new WeakSet();

  // The stored decision counts only for the site's current policy version.
  function decision() {
    const stored = storage.get("consent");
    return site && stored?.policy_version === site.policy_version ? stored : null;
  }

  const get = (category) =>
    site !== null &&
    (category === "necessary" || decision()?.choices?.[category] === true) &&
    site.categories.some((entry) => entry.key === category);

  function runGated() {
    for (const original of document.querySelectorAll('script[type="text/plain"][data-consent]')) {
      if (ran.has(original) || !get(original.dataset.consent)) continue;
      ran.add(original);
      const script = document.createElement("script");
      for (const { name, value } of original.attributes) {
        if (name !== "type") script.setAttribute(name, value);
      }
      script.nonce = original.nonce;
      script.text = original.text;
      original.after(script);
    }
  }

  function publish() {
    const categories = Object.fromEntries(site.categories.map(({ key }) => [key, get(key)]));
    const detail = { policy_version: site.policy_version, categories, gpc: gpc() };
    document.dispatchEvent(new CustomEvent("widget:consent", { detail }));
    runGated();
  }

  return {
    get,
    decision,
    // Whether the reader answered an earlier policy and must be asked again.
    outdated: () => Boolean(site && storage.get("consent") && !decision()),
    // The site's config has arrived: the state is known, so say it and run what it allows.
    setSite(config) {
      site = config;
      publish();
    },
    // A decision: remembered here at once (the page follows), then recorded by the service.
    choose(choices) {
      storage.set("consent", { policy_version: site.policy_version, choices });
      publish();
      return { policy_version: site.policy_version, choices, gpc: gpc() };
    },
    forget() {
      storage.set("consent", undefined);
      if (site) publish();
    },
  };
}
