// The admin API, called with the signed-in token; a token refused later signs the page out.
import { ApiError, request } from "../widget/api.js";

const BASE = `${location.origin}/api/v1/admin`;

export function createAdminApi(token, onRefused) {
  async function call(method, path, options) {
    try {
      return (await request(BASE, method, path, { ...options, token })).data;
    } catch (error) {
      if (error.status === 401) onRefused(error);
      throw error;
    }
  }
  // A file the API sends as an attachment, as a Blob; a refusal is an ApiError as above.
  async function download(path) {
    let response;
    try {
      const headers = { Authorization: `Bearer ${token}` };
      response = await fetch(BASE + path, { headers, credentials: "omit", cache: "no-store" });
    } catch {
      throw new ApiError(0, "network", "network");
    }
    if (response.ok) return response.blob();
    const error = (await response.json().catch(() => ({}))).error || {};
    const failure = new ApiError(response.status, error.code, error.message || "", error.fields);
    if (failure.status === 401) onRefused(failure);
    throw failure;
  }
  return {
    comments: (query) => call("GET", "/comments", { query }),
    decide: (id, action) => call("POST", `/comments/${id}/${action}`),
    edit: (id, body) => call("PATCH", `/comments/${id}`, { body: { body } }),
    purge: (id) => call("DELETE", `/comments/${id}`),
    bulk: (ids, action) => call("POST", "/comments/bulk", { body: { ids, action } }),
    thread: (id, changes) => call("PATCH", `/threads/${id}`, { body: changes }),
    bans: (query) => call("GET", "/bans", { query }),
    ban: (fields) => call("POST", "/bans", { body: fields }),
    lift: (id) => call("DELETE", `/bans/${id}`),
    audit: (query) => call("GET", "/audit", { query }),
    sites: () => call("GET", "/sites"),
    consentLog: (site) => download(`/sites/${encodeURIComponent(site)}/consent.csv`),
  };
}

// A failure in words a moderator can act on, with the fields the service named.
export function explain(error) {
  if (error.status === 0) return "The service could not be reached. Try again.";
  const details = Object.entries(error.fields)
    .map(([name, messages]) => `${name}: ${[].concat(messages).join(" ")}`)
    .join("; ");
  return [error.message || `The request failed (${error.status}).`, details]
    .filter(Boolean)
    .join(" ");
}
