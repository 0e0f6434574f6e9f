// localStorage behind one namespaced key per site; private modes and full disks just forget.
export function createStorage(site) {
  const key = `widget:${site}`;
  const read = () => {
    try {
      return JSON.parse(localStorage.getItem(key)) || {};
    } catch {
      return {};
    }
  };
  return {
    get: (name) => read()[name],
    set(name, value) {
      const data = read();
      if (value === undefined) delete data[name];
      else data[name] = value;
      try {
        localStorage.setItem(key, JSON.stringify(data));
      } catch {
        // Storage refused (quota, privacy settings): the embed keeps working for this visit.
      }
    },
  };
}
