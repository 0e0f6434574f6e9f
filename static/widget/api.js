// The public API, one function per call; every failure becomes an ApiError.
import { createStorage } from "./storage.js";

export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message);
    this.status = status; // 0 when the service could not be reached
    this.code = code;
    this.fields = fields || {};
  }
}

// A fresh Idempotency-Key: a post retried with the same key is stored only once.
export const newIdempotencyKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");

// One request to the JSON API under `base`; the moderation page shares it.
export async function request(base, method, path, { query, body, token, headers: extra } = {}) {
  const url = new URL(base + path);
  for (const [name, value] of Object.entries(query || {})) {
    for (const item of [].concat(value)) if (item != null) url.searchParams.append(name, item);
  }
  const headers = { ...extra };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      // Always revalidate (a cheap 304): reads allow stale-while-revalidate for shared
      // caches, and a browser would otherwise show a reader the thread without their post.
      cache: "no-cache",
    });
  } catch {
    throw new ApiError(0, "network", "network");
  }
  if (response.status === 204) return { status: 204 };
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = data.error || {};
    throw new ApiError(response.status, error.code, error.message || "", error.fields);
  }
  return { status: response.status, data };
}

export function createApi(service, site) {
  const storage = createStorage(site);
  const base = `${service}/api/v1`;
  const call = (method, path, options) => request(base, method, path, options);

  async function token() {
    let value = storage.get("token");
    if (!value) {
      value = (await call("POST", "/readers", { body: { site } })).data.token;
      storage.set("token", value);
    }
    return value;
  }

  // Writes carry the reader token; a token the service no longer knows is replaced once.
  async function write(method, path, body, headers) {
    try {
      return await call(method, path, { body, headers, token: await token() });
    } catch (error) {
      if (error.status !== 401 || error.code === "token_required") throw error;
      storage.set("token", undefined);
      return call(method, path, { body, headers, token: await token() });
    }
  }

  // The reader's own data: without a saved token nothing is held, so nothing is asked.
  async function mine(method, path, query) {
    const value = storage.get("token");
    return value ? call(method, path, { query, token: value }) : null;
  }

  return {
    storage,
    thread: (page, sort, cursor) =>
      call("GET", "/comments", { query: { site, page, sort, cursor } }).then((r) => r.data),
    counts: (pages) => call("GET", "/counts", { query: { site, page: pages } }).then((r) => r.data),
    config: () => call("GET", `/sites/${encodeURIComponent(site)}/config`).then((r) => r.data),
    preview: (body) => call("POST", "/preview", { body: { body } }).then((r) => r.data),
    post: (fields, key) =>
      write("POST", "/comments", { site, ...fields }, key && { "Idempotency-Key": key }),
    edit: (id, body) => write("PATCH", `/comments/${id}`, { body }).then((r) => r.data),
    remove: (id) => write("DELETE", `/comments/${id}`),
    vote: (id, value) => write("PUT", `/comments/${id}/vote`, { value }).then((r) => r.data),
    preferences: () => mine("GET", "/readers/me/preferences").then((r) => r?.data),
    savePreferences: (prefs) => write("PUT", "/readers/me/preferences", prefs).then((r) => r.data),
    saveConsent: (decision) => write("PUT", "/readers/me/consent", decision).then((r) => r.data),
    exportData: () => mine("GET", "/readers/me").then((r) => r?.data),
    erase: (comments) => mine("DELETE", "/readers/me", { comments }),
  };
}
