/*
 * Fetch wrapper for the Chidao REST API, for the shell and for module screens
 * (import from /console/js/api.js). Same-origin cookie session, Accept-Language = UI language,
 * X-CSRF-Token on every non-GET request, application/problem+json errors thrown as ApiError
 * whose message is the problem's detail. A 401 outside the session resource also fires
 * UNAUTHORIZED_EVENT on window so that the page can send the user back to the login screen; a 503
 * database-unavailable fires UNAVAILABLE_EVENT, which shows the outage banner (outage.js).
 */
import { getLanguage, t } from './i18n.js';

export const API_BASE = '/api/v1';
export const UNAUTHORIZED_EVENT = 'chidao:unauthorized';
/** Fired on window when a request got the 503 problem database-unavailable (outage.js shows the banner). */
export const UNAVAILABLE_EVENT = 'chidao:database-unavailable';
export const PROBLEM_PREFIX = 'urn:chidao:problem:';
const SESSION_URL = `${API_BASE}/session`;
const ACCOUNT_ME_URL = `${API_BASE}/account/me`;

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** Whether an error is the problem answer of the given kind (urn:chidao:problem:<kind>). */
export function isProblem(error, kind) {
  return Boolean(error && error.problem && error.problem.type === PROBLEM_PREFIX + kind);
}

export function setCsrfToken(token) {
  csrfToken = token || null;
}

export function getCsrfToken() {
  return csrfToken;
}

function isJson(contentType) {
  return /[/+]json\b/i.test(contentType || '');
}

async function readBody(res) {
  if (res.status === 204 || res.status === 205) {
    return null;
  }
  const text = await res.text();
  if (!text) {
    return null;
  }
  if (isJson(res.headers.get('Content-Type'))) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }
  return text;
}

/**
 * One request. options: body (sent as JSON), headers (extra). Resolves to the parsed JSON
 * answer (null for 204); rejects with ApiError (status 0 when the server could not be reached).
 */
export async function request(method, url, options = {}) {
  const verb = method.toUpperCase();
  const headers = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLanguage(),
    ...(options.headers || {}),
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (verb !== 'GET' && verb !== 'HEAD') {
    const signingIn = verb === 'POST' && url === SESSION_URL;
    if (!csrfToken && !signingIn) {
      await fetchSession().catch(() => null); // module screens: learn the token once
    }
    if (csrfToken) {
      headers['X-CSRF-Token'] = csrfToken;
    }
  }
  let res;
  try {
    res = await fetch(url, {
      method: verb,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    throw new ApiError(0, null, t('error.network'));
  }
  const data = await readBody(res);
  if (!res.ok) {
    const problem = data && typeof data === 'object' ? data : null;
    const message = (problem && (problem.detail || problem.title)) || t('error.http', { status: res.status });
    if (res.status === 503 && problem && problem.type === `${PROBLEM_PREFIX}database-unavailable`) {
      window.dispatchEvent(new CustomEvent(UNAVAILABLE_EVENT, { detail: { url } }));
    }
    if (res.status === 401 && !url.startsWith(SESSION_URL)) {
      window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, { detail: { url } }));
    }
    throw new ApiError(res.status, problem, message);
  }
  return data;
}

export const api = {
  get: (url, options) => request('GET', url, options),
  post: (url, body, options = {}) => request('POST', url, { ...options, body }),
  put: (url, body, options = {}) => request('PUT', url, { ...options, body }),
  patch: (url, body, options = {}) => request('PATCH', url, { ...options, body }),
  del: (url, options) => request('DELETE', url, options),
};

/** GET /api/v1/session: {user, csrfToken}; rejects with status 401 when not signed in. */
export async function fetchSession() {
  const session = await request('GET', SESSION_URL);
  setCsrfToken(session && session.csrfToken);
  return session;
}

/**
 * POST /api/v1/session: {token, expiresAt, user, csrfToken}; the server sets the cookie. Without a
 * valid otp an account with a second factor answers 401 of kind otp-required (see isProblem).
 */
export async function login(username, password, otp) {
  const body = otp ? { username, password, otp } : { username, password };
  const session = await request('POST', SESSION_URL, { body });
  setCsrfToken(session && session.csrfToken);
  return session;
}

/** DELETE /api/v1/session. */
export async function logout() {
  try {
    await request('DELETE', SESSION_URL);
  } finally {
    setCsrfToken(null);
  }
}

/** POST /api/v1/session/password; the server ends the session on success. */
export async function changePassword(oldPassword, newPassword) {
  await request('POST', `${SESSION_URL}/password`, { body: { oldPassword, newPassword } });
  setCsrfToken(null);
}

/**
 * GET /api/v1/account/me when the account module is installed: {user, roles, agencyId, agencies,
 * setup: {passwordChange, totpEnrolment}}. Null when the module is absent (404) or the answer is
 * unusable; the shell then goes by the session alone.
 */
export async function fetchAccount() {
  try {
    const me = await request('GET', ACCOUNT_ME_URL);
    return me && typeof me === 'object' ? me : null;
  } catch (e) {
    if (e.status === 401) {
      throw e;
    }
    return null;
  }
}

/** POST /api/v1/account/me/totp: a new pending secret {secret, uri, issuer}. */
export function startTotpEnrolment() {
  return request('POST', `${ACCOUNT_ME_URL}/totp`, { body: {} });
}

/** POST /api/v1/account/me/totp/confirm: the first code proves the app holds the secret (204). */
export function confirmTotpEnrolment(code) {
  return request('POST', `${ACCOUNT_ME_URL}/totp/confirm`, { body: { code } });
}
