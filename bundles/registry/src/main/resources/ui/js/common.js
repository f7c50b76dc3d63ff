/*
 * What the registry screens share: the REST base, labels of the edXML and Decree 30 codes, what the
 * caller may do, the upload of a file's raw bytes and small form helpers.
 */
import { html, nothing } from 'lit';
import { t, getLanguage, parseDate, formatDate } from '/console/js/i18n.js';
import { ApiError, getCsrfToken, fetchSession } from '/console/js/api.js';
import { pill } from '/console/js/views.js';
import { LightElement } from '/console/js/frame.js';

export const ENTRY = '/console/m/registry/';
export const API = '/api/v1/registry';
/** PDF.js, unpacked from its WebJar at build time (see the bundle's pom). */
export const PDFJS = `${ENTRY}lib/pdfjs/`;

/** edXML Priority (do khan), 0..4. */
const PRIORITY = {
  0: () => t('registry.priority.0'),
  1: () => t('registry.priority.1'),
  2: () => t('registry.priority.2'),
  3: () => t('registry.priority.3'),
  4: () => t('registry.priority.4'),
};
export const PRIORITIES = [0, 1, 2, 3, 4];

const ARRIVAL = {
  system: () => t('registry.arrival.system'),
  post: () => t('registry.arrival.post'),
  hand: () => t('registry.arrival.hand'),
  email: () => t('registry.arrival.email'),
};
export const ARRIVAL_METHODS = Object.keys(ARRIVAL);

const SECRECY = {
  none: () => t('registry.secrecy.none'),
  mat: () => t('registry.secrecy.mat'),
  'toi-mat': () => t('registry.secrecy.toi-mat'),
  'tuyet-mat': () => t('registry.secrecy.tuyet-mat'),
};
export const SECRECY_LEVELS = Object.keys(SECRECY);

const KIND = {
  incoming: () => t('registry.kind.incoming'),
  outgoing: () => t('registry.kind.outgoing'),
};
export const KINDS = Object.keys(KIND);

const SCOPE = {
  year: () => t('registry.scope.year'),
  'type-term': () => t('registry.scope.type-term'),
};

const STATUS = {
  registered: () => t('registry.status.registered'),
  void: () => t('registry.status.void'),
};
export const STATUSES = Object.keys(STATUS);

const ROLE = {
  main: () => t('registry.fileRole.main'),
  annex: () => t('registry.fileRole.annex'),
  scan: () => t('registry.fileRole.scan'),
  draft: () => t('registry.fileRole.draft'),
};

function label(map, code) {
  const known = map[code];
  return known ? known() : String(code ?? '');
}

export const priorityLabel = (p) => label(PRIORITY, p);
export const arrivalLabel = (m) => label(ARRIVAL, m);
export const secrecyLabel = (s) => label(SECRECY, s);
export const kindLabel = (k) => label(KIND, k);
export const scopeLabel = (s) => label(SCOPE, s);
export const fileRoleLabel = (r) => label(ROLE, r);

/** A coloured status of a register entry; void entries keep their number. */
export function statusPill(status, id) {
  return pill(label(STATUS, status), status === 'void' ? 'bad' : 'ok', { id, status });
}

/** Urgent documents (khan and above) stand out in lists. */
export function priorityPill(priority, id) {
  return pill(priorityLabel(priority), priority > 0 ? 'warn' : 'neutral', { id, status: String(priority) });
}

/**
 * What the screens offer to the caller (the server decides in the end): clerks of the acting agency
 * register, correct and void; leaders see the access log; clerks and agency administrators open registers.
 */
export function powersOf(page) {
  const held = new Set([...((page && page.account && page.account.roles) || []),
    ...((page && page.session && page.session.user && page.session.user.roles) || [])]);
  const system = held.has('system-admin');
  return {
    register: system || held.has('clerk'),
    seeAccess: system || held.has('leader'),
    openRegisters: system || held.has('clerk') || held.has('agency-admin'),
  };
}

/** The register's number in words: "12" of 2026, or of the term. */
export function numberText(doc) {
  return doc.period ? t('registry.number.inPeriod', { number: doc.number, period: doc.period }) : String(doc.number);
}

/** The issuer's number and notation as printed on an incoming document (Party or state style). */
export function originalText(doc) {
  const { originalNumber: number, originalNotation: notation } = doc;
  if (number && notation) {
    return t('registry.original.both', { number, notation });
  }
  return number || notation || '';
}

/** What stands for the subject in lists: a classified entry has none. */
export function subjectText(doc) {
  return doc.subject || (doc.stub ? t('registry.document.stub') : t('registry.document.noSubject'));
}

/** The date a document counts by in lists: arrival for incoming, issue for outgoing. */
export function documentDate(doc) {
  return formatDate(doc.kind === 'incoming' ? (doc.arrivalDate || doc.issuedDate) : doc.issuedDate);
}

const NO_REFERENCE = { registers: [], types: [], terms: [], error: null };

/**
 * Base of the registry screens: light DOM, the frame page (session, account, flash notice) and the
 * reference data the page loads once ({registers, types, terms, error}; null until loaded).
 */
export class Screen extends LightElement {
  static properties = {
    page: { attribute: false },
    reference: { attribute: false },
  };

  get can() {
    return powersOf(this.page);
  }

  get ref() {
    return this.reference || NO_REFERENCE;
  }

  registerById(id) {
    return this.ref.registers.find((r) => r.id === id) || null;
  }
}

// --- files ------------------------------------------------------------------------------------------

const MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

/** What the file input offers (the server checks the bytes whatever is chosen). */
export const ACCEPTED_FILES = Object.keys(MEDIA_TYPES).map((ext) => `.${ext}`).join(',');

/** The declared type of a chosen file: by its extension, else what the browser says. */
export function mediaTypeOf(file) {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name || '');
  return (ext && MEDIA_TYPES[ext[1].toLowerCase()]) || file.type || 'application/octet-stream';
}

export function isPdf(file) {
  return mediaTypeOf(file) === 'application/pdf';
}

/** A size for people: 1,2 MB / 350 KB. */
export function sizeText(bytes) {
  const n = Number(bytes) || 0;
  const lang = getLanguage() === 'vi' ? 'vi-VN' : 'en-GB';
  if (n >= 1024 * 1024) {
    return `${(n / (1024 * 1024)).toLocaleString(lang, { maximumFractionDigits: 1 })} MB`;
  }
  return `${Math.max(1, Math.round(n / 1024)).toLocaleString(lang)} KB`;
}

/**
 * POST /files with the file's raw bytes as the body and its declared type as Content-Type (the console's
 * api helper only sends JSON): resolves to {sha256, size, mediaType, pages}; a refusal (400 broken-pdf,
 * bad-file-name; 413 file-too-large; 415 file-type-mismatch, unsupported-file-type) rejects with ApiError.
 */
export async function uploadFile(file) {
  if (!getCsrfToken()) {
    await fetchSession().catch(() => null);
  }
  let res;
  try {
    res = await fetch(`${API}/files?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': getLanguage(),
        'Content-Type': mediaTypeOf(file),
        'X-CSRF-Token': getCsrfToken() || '',
      },
      body: file,
    });
  } catch (e) {
    throw new ApiError(0, null, t('error.network'));
  }
  const answer = await res.json().catch(() => null);
  if (!res.ok) {
    const detail = answer && (answer.detail || answer.title);
    throw new ApiError(res.status, answer, detail || t('error.http', { status: res.status }));
  }
  return answer;
}

/** Where a document's stored file is read (inline; each read is in the access log). */
export function fileUrl(documentId, sha256) {
  return `${API}/documents/${encodeURIComponent(documentId)}/files/${encodeURIComponent(sha256)}`;
}

// --- forms ------------------------------------------------------------------------------------------

/**
 * A labelled input with an optional hint (aria-describedby) and error state (aria-invalid).
 * spec: {id, name, label, hint, type, value, required, maxlength, min, max, inputmode, placeholder, list}.
 */
export function inputField(spec, invalid) {
  const hintId = spec.hint ? `${spec.id}-hint` : null;
  return html`
    <div class="field">
      <label for=${spec.id}>${spec.label}${spec.required ? nothing
        : html` <span class="muted">${t('registry.optional')}</span>`}</label>
      <input id=${spec.id} name=${spec.name} type=${spec.type || 'text'} .value=${spec.value ?? ''}
        ?required=${spec.required} maxlength=${spec.maxlength ?? nothing} min=${spec.min ?? nothing}
        max=${spec.max ?? nothing} inputmode=${spec.inputmode ?? nothing} placeholder=${spec.placeholder ?? nothing}
        list=${spec.list ?? nothing} autocomplete="off" aria-describedby=${hintId ?? nothing}
        aria-invalid=${invalid === spec.name ? 'true' : nothing}>
      ${hintId ? html`<p id=${hintId} class="hint">${spec.hint}</p>` : nothing}
    </div>`;
}

/** A date field typed as dd/MM/yyyy (the business calendar of Asia/Ho_Chi_Minh). */
export function dateField(spec, invalid) {
  return inputField({ ...spec, inputmode: 'numeric', maxlength: 10, placeholder: t('registry.datePlaceholder'),
    hint: spec.hint || t('registry.dateHint') }, invalid);
}

/** A labelled select of [value, label] pairs. */
export function selectField(spec, options, invalid) {
  return html`
    <div class="field">
      <label for=${spec.id}>${spec.label}</label>
      <select id=${spec.id} name=${spec.name} ?required=${spec.required}
        aria-invalid=${invalid === spec.name ? 'true' : nothing} @change=${spec.onChange || nothing}>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${String(value) === String(spec.value ?? '')}>
          ${text}</option>`)}
      </select>
    </div>`;
}

/**
 * A typed dd/MM/yyyy value as yyyy-MM-dd: undefined when blank, null when it is not a real date
 * (the caller then names the field).
 */
export function typedDate(value) {
  const v = String(value || '').trim();
  return v ? parseDate(v) : undefined;
}

/** Lines of a textarea, trimmed, without blanks (recipients, places). */
export function lines(value) {
  return String(value || '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
}

/** The field a 400 invalid-field answer names ("Field 'organName' ..."), if any. */
export function problemField(error) {
  const detail = (error && error.problem && error.problem.detail) || '';
  const m = /'([A-Za-z.[\]]+)'/.exec(detail);
  return m ? m[1] : null;
}
