/*
 * Console messages, for the shell and for module screens (import from /console/js/i18n.js).
 * All visible text lives in /console/i18n/<lang>.json; a module screen may add its own file at
 * <consoleEntry>i18n/<lang>.json (loadModuleMessages). The choice of language is remembered in
 * localStorage; Vietnamese is the default. Dates are shown dd/MM/yyyy in Asia/Ho_Chi_Minh.
 */
export const LANGUAGES = ['vi', 'en'];
export const DEFAULT_LANGUAGE = 'vi';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const LANGUAGE_EVENT = 'chidao:language';

const STORAGE_KEY = 'chidao.lang';

let language = readStoredLanguage();
let consoleMessages = {};
const moduleEntries = new Map(); // consoleEntry -> messages (merged into t's lookup)

function readStoredLanguage() {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(stored) ? stored : DEFAULT_LANGUAGE;
  } catch (e) {
    return DEFAULT_LANGUAGE;
  }
}

export function getLanguage() {
  return language;
}

async function fetchMessages(url) {
  const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) {
    throw new Error(`${url}: ${res.status}`);
  }
  return res.json();
}

/** Loads the console messages of the current language (falls back to Vietnamese). */
export async function loadMessages() {
  try {
    consoleMessages = await fetchMessages(`/console/i18n/${language}.json`);
  } catch (e) {
    if (language === DEFAULT_LANGUAGE) {
      throw e;
    }
    consoleMessages = await fetchMessages(`/console/i18n/${DEFAULT_LANGUAGE}.json`);
  }
  document.documentElement.lang = language;
  return consoleMessages;
}

/**
 * Loads a module's own messages from <consoleEntry>i18n/<lang>.json (optional: a missing file
 * gives {}). With merge (the default) t() then finds them too, before the console's.
 */
export async function loadModuleMessages(consoleEntry, { merge = true } = {}) {
  const base = consoleEntry.endsWith('/') ? consoleEntry : `${consoleEntry}/`;
  let messages = {};
  try {
    messages = await fetchMessages(`${base}i18n/${language}.json`);
  } catch (e) {
    messages = {};
  }
  if (merge) {
    moduleEntries.set(base, messages);
  }
  return messages;
}

/** Changes the language, remembers it, reloads all message files and tells listeners. */
export async function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) {
    return;
  }
  language = lang;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch (e) {
    // private mode: the choice lasts for this page only
  }
  await loadMessages();
  await Promise.all([...moduleEntries.keys()].map((entry) => loadModuleMessages(entry)));
  applyTranslations();
  window.dispatchEvent(new CustomEvent(LANGUAGE_EVENT, { detail: { language: lang } }));
}

/** The message for key, with {name} placeholders replaced; the key itself when missing. */
export function t(key, params) {
  let text;
  for (const messages of moduleEntries.values()) {
    if (Object.prototype.hasOwnProperty.call(messages, key)) {
      text = messages[key];
      break;
    }
  }
  if (text === undefined) {
    text = Object.prototype.hasOwnProperty.call(consoleMessages, key) ? consoleMessages[key] : key;
  }
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
  }
  return text;
}

/**
 * Fills plain HTML: data-i18n="key" sets the text, data-i18n-<attribute>="key" sets that
 * attribute (data-i18n-aria-label, data-i18n-placeholder, data-i18n-title).
 */
export function applyTranslations(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.getAttribute('data-i18n'));
  });
  for (const attr of ['aria-label', 'placeholder', 'title']) {
    root.querySelectorAll(`[data-i18n-${attr}]`).forEach((el) => {
      el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
    });
  }
}

const DATE_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric',
});
const DATE_TIME_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function toDate(value) {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function parts(format, date) {
  const result = {};
  for (const part of format.formatToParts(date)) {
    result[part.type] = part.value;
  }
  return result;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TYPED_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** Vietnam keeps one offset all year: the start of a business day as an instant. */
const DAY_OFFSET = '+07:00';

/**
 * dd/MM/yyyy in Asia/Ho_Chi_Minh, whatever the language; '' for no or bad value. A plain date
 * (yyyy-MM-dd, as the server sends LocalDate) is shown as it is, without any time zone shift.
 */
export function formatDate(value) {
  const local = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (local) {
    return `${local[3]}/${local[2]}/${local[1]}`;
  }
  const date = toDate(value);
  if (!date) {
    return '';
  }
  const p = parts(DATE_PARTS, date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh. */
export function formatDateTime(value) {
  const date = toDate(value);
  if (!date) {
    return '';
  }
  const p = parts(DATE_TIME_PARTS, date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/**
 * A date typed as dd/MM/yyyy (d/M/yyyy accepted) to yyyy-MM-dd; null when it is not a real date.
 */
export function parseDate(typed) {
  const m = TYPED_DATE.exec(String(typed || '').trim());
  if (!m) {
    return null;
  }
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first instant of a business day (yyyy-MM-dd) in Asia/Ho_Chi_Minh, ISO-8601 in UTC. */
export function dayStart(isoDate) {
  return new Date(`${isoDate}T00:00:00${DAY_OFFSET}`).toISOString();
}

/** The last second of a business day (yyyy-MM-dd) in Asia/Ho_Chi_Minh, ISO-8601 in UTC. */
export function dayEnd(isoDate) {
  return new Date(`${isoDate}T23:59:59${DAY_OFFSET}`).toISOString();
}

/** Today in Asia/Ho_Chi_Minh as dd/MM/yyyy (a default for date fields). */
export function today() {
  return formatDate(new Date());
}
