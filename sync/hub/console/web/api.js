// The console API: JSON in and out, the session cookie sent by the browser, the CSRF token
// on every write. A 401 means the session is gone (logged out, idle): back to the login.
let csrf = '';
export function setCsrf(token) { csrf = token; }

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') { headers['Content-Type'] = 'application/json'; headers['X-CSRF-Token'] = csrf; }
  const res = await fetch(`/console/api/${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin' });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('login')) window.dispatchEvent(new CustomEvent('console-logged-out'));
    throw new ApiError(res.status, data.error || res.statusText);
  }
  return data;
}
