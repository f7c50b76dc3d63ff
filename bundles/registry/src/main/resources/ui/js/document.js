/*
 * One document (#/documents/<id>): its number and Decree 30 metadata, its files (open, download, preview
 * of a PDF's first page), its history from the journal (corrections with before -> after), the access log
 * for leaders, and for clerks the correction of a field and the voiding of the entry (the number stays).
 */
import { html, nothing } from 'lit';
import { t, formatDate, formatDateTime, parseDate } from '/console/js/i18n.js';
import { api } from '/console/js/api.js';
import { errorLine, pill, noteDialog, openDialogs } from '/console/js/views.js';
import {
  API, Screen, ARRIVAL_METHODS, PRIORITIES, arrivalLabel, priorityLabel, secrecyLabel, kindLabel,
  fileRoleLabel, statusPill, priorityPill, numberText, fileUrl, sizeText, selectField, inputField, dateField,
  originalText,
} from './common.js';
import './preview.js';

/** Labels of the metadata fields (also those a correction names). */
const FIELDS = {
  subject: () => t('registry.field.subject'),
  issuedDate: () => t('registry.field.issuedDate'),
  organName: () => t('registry.field.organName'),
  organId: () => t('registry.field.organId'),
  language: () => t('registry.field.language'),
  pageAmount: () => t('registry.field.pageAmount'),
  description: () => t('registry.field.description'),
  priority: () => t('registry.field.priority'),
  issuedAmount: () => t('registry.field.issuedAmount'),
  dueDate: () => t('registry.field.dueDate'),
  originalNumber: () => t('registry.field.originalNumber'),
  originalNotation: () => t('registry.field.originalNotation'),
  arrivalMethod: () => t('registry.field.arrivalMethod'),
};

const fieldLabel = (name) => (FIELDS[name] ? FIELDS[name]() : name);

/** What a clerk may correct, by kind of entry (number, register, type and secrecy never change). */
const CORRECTABLE = {
  incoming: ['subject', 'organName', 'organId', 'originalNumber', 'originalNotation', 'issuedDate', 'arrivalMethod',
    'priority', 'dueDate', 'pageAmount', 'description', 'language'],
  outgoing: ['subject', 'issuedDate', 'priority', 'dueDate', 'issuedAmount', 'pageAmount', 'description', 'language'],
};
const STUB_LOCKED = ['subject', 'description'];
const DATE_FIELDS = ['issuedDate', 'dueDate'];

const ACTIONS = {
  'registry.document-registered': () => t('registry.history.registered'),
  'registry.document-corrected': () => t('registry.history.corrected'),
  'registry.document-voided': () => t('registry.history.voided'),
};

const ACCESS = {
  view: () => t('registry.access.view'),
  download: () => t('registry.access.download'),
};

/** A stored value as people read it: dates dd/MM/yyyy, priorities and arrival methods by name. */
function shown(field, value) {
  if (value === null || value === undefined || value === '') {
    return t('common.none');
  }
  if (DATE_FIELDS.includes(field)) {
    return formatDate(value);
  }
  if (field === 'priority') {
    return priorityLabel(Number(value));
  }
  return field === 'arrivalMethod' ? arrivalLabel(value) : String(value);
}

/** History entries oldest first, whatever order the journal answers in. */
function chronological(entries) {
  return [...(entries || [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

class RegistryDocument extends Screen {
  static properties = {
    documentId: { attribute: false },
    doc: { state: true },
    history: { state: true },
    access: { state: true }, // null: not shown (not a leader)
    error: { state: true },
    notice: { state: true },
    previewing: { state: true }, // sha256 of the file shown
    correcting: { state: true }, // {field}
    voiding: { state: true },
    busy: { state: true },
    actionError: { state: true },
  };

  constructor() {
    super();
    this.documentId = null;
    this.doc = null;
    this.history = null;
    this.access = null;
    this.error = null;
    this.notice = null;
    this.previewing = null;
    this.correcting = null;
    this.voiding = false;
    this.busy = false;
    this.actionError = null;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.page && this.page.flash) {
      this.notice = this.page.flash;
      this.page.flash = null;
    }
    this.load();
  }

  updated(changed) {
    if (changed.has('documentId') && changed.get('documentId') !== undefined) {
      this.doc = null;
      this.load();
    }
    openDialogs(this);
  }

  async load() {
    const base = `${API}/documents/${encodeURIComponent(this.documentId)}`;
    try {
      this.doc = await api.get(base);
      this.error = null;
    } catch (e) {
      this.error = { text: e.message };
      return;
    }
    this.history = chronological(await api.get(`${base}/history`).catch(() => []));
    this.access = this.can.seeAccess ? await api.get(`${base}/access`).catch(() => null) : null;
  }

  get mayChange() {
    const d = this.doc;
    return Boolean(d && this.can.register && d.status === 'registered' && this.page.account
      && this.page.account.agencyId === d.agencyId);
  }

  fact(id, name, value) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      return nothing;
    }
    return html`<dt>${name}</dt><dd id=${id}>${value}</dd>`;
  }

  factsView(d) {
    const reg = this.registerById(d.registerId);
    const signer = d.signer ? [d.signer.competence, d.signer.position, d.signer.fullName].filter(Boolean).join(' ') : null;
    const list = (items) => (items && items.length ? html`<ul class="plain-list">${items.map((x) => html`<li>${x}</li>`)}</ul>`
      : null);
    return html`
      <dl id="doc-facts" class="facts">
        ${this.fact('doc-register', t('registry.field.register'), reg ? reg.name : null)}
        ${this.fact('doc-kind', t('registry.field.kind'), kindLabel(d.kind))}
        ${this.fact('doc-period', t('registry.field.period'), d.period)}
        ${this.fact('doc-notation', t('registry.field.notation'), d.kind === 'outgoing' ? d.notation : null)}
        ${this.fact('doc-original', t('registry.field.original'), originalText(d) || null)}
        ${this.fact('doc-type', t('registry.field.type'), d.typeName ? `${d.typeName} (${d.typeCode})` : d.typeCode)}
        ${this.fact('doc-subject', t('registry.field.subject'), d.subject)}
        ${this.fact('doc-organ', t('registry.field.organName'), [d.organName, d.organId ? `(${d.organId})` : null]
          .filter(Boolean).join(' ') || null)}
        ${this.fact('doc-issued-date', t('registry.field.issuedDate'), formatDate(d.issuedDate))}
        ${this.fact('doc-arrival-date', t('registry.field.arrivalDate'), formatDate(d.arrivalDate))}
        ${this.fact('doc-arrival-method', t('registry.field.arrivalMethod'), d.arrivalMethod ? arrivalLabel(d.arrivalMethod) : null)}
        ${this.fact('doc-priority', t('registry.field.priority'), priorityPill(d.priority))}
        ${this.fact('doc-secrecy', t('registry.field.secrecy'), d.secrecy && d.secrecy !== 'none' ? secrecyLabel(d.secrecy) : null)}
        ${this.fact('doc-due-date', t('registry.field.dueDate'), formatDate(d.dueDate))}
        ${this.fact('doc-signer', t('registry.field.signer'), signer)}
        ${this.fact('doc-to', t('registry.field.to'), list(d.to))}
        ${this.fact('doc-to-places', t('registry.field.toPlaces'), list(d.toPlaces))}
        ${this.fact('doc-issued-amount', t('registry.field.issuedAmount'), d.issuedAmount)}
        ${this.fact('doc-page-amount', t('registry.field.pageAmount'), d.pageAmount)}
        ${this.fact('doc-language', t('registry.field.language'), d.language)}
        ${this.fact('doc-description', t('registry.field.description'), d.description)}
        ${this.fact('doc-edxml', t('registry.field.edxmlDocumentId'), d.edxmlDocumentId)}
        ${this.fact('doc-registered', t('registry.field.registered'),
          t('registry.document.registeredBy', { name: d.registeredBy, time: formatDateTime(d.registeredAt) }))}
      </dl>`;
  }

  filesView(d) {
    const files = d.files || [];
    return html`
      <section class="card" aria-labelledby="doc-files-title">
        <h2 id="doc-files-title">${t('registry.document.files')}</h2>
        ${files.length === 0 ? html`<p id="doc-files-empty" class="muted">${d.stub
          ? t('registry.document.stubNoFile') : t('registry.document.noFiles')}</p>` : html`
          <table id="doc-files" class="data">
            <caption class="visually-hidden">${t('registry.document.files')}</caption>
            <thead><tr>
              <th scope="col">${t('registry.document.fileName')}</th>
              <th scope="col">${t('registry.document.fileRole')}</th>
              <th scope="col">${t('registry.document.fileSize')}</th>
              <th scope="col">${t('registry.actions')}</th>
            </tr></thead>
            <tbody>${files.map((f) => html`
              <tr data-file=${f.sha256}>
                <th scope="row">${f.fileName}<span class="code">${f.mediaType}</span></th>
                <td>${fileRoleLabel(f.role)}</td>
                <td>${sizeText(f.size)}${f.pages ? html`<span class="detail">${t('registry.document.pages', { pages: f.pages })}</span>`
                  : nothing}</td>
                <td class="row-actions">
                  <a id="doc-file-open-${f.sha256}" class="button small" href=${fileUrl(d.id, f.sha256)} target="_blank"
                    rel="noopener">${t('registry.document.open')}</a>
                  <a id="doc-file-download-${f.sha256}" class="button small" href=${fileUrl(d.id, f.sha256)}
                    download=${f.fileName}>${t('registry.document.download')}</a>
                  ${f.mediaType === 'application/pdf' ? html`<button id="doc-file-preview-${f.sha256}" type="button"
                    class="small" aria-pressed=${this.previewing === f.sha256 ? 'true' : 'false'}
                    @click=${() => { this.previewing = this.previewing === f.sha256 ? null : f.sha256; }}>
                    ${t('registry.document.preview')}</button>` : nothing}
                </td>
              </tr>`)}</tbody>
          </table>
          ${this.previewing ? html`<registry-pdf-preview id="doc-preview" .source=${fileUrl(d.id, this.previewing)}
            .label=${t('registry.preview.labelOf', { name: (files.find((f) => f.sha256 === this.previewing) || {}).fileName
              || '' })}></registry-pdf-preview>` : nothing}`}
      </section>`;
  }

  historyEntry(h) {
    const details = h.details || {};
    const before = details.before || {};
    const after = details.after || {};
    const changed = Object.keys(after);
    return html`
      <li data-history-action=${h.action}>
        <strong>${ACTIONS[h.action] ? ACTIONS[h.action]() : h.action}</strong>
        <span class="detail">${t('registry.history.by', { name: h.actor, time: formatDateTime(h.at) })}</span>
        ${changed.length ? html`<ul class="changes">${changed.map((field) => html`
          <li data-field=${field}>${fieldLabel(field)}: <del>${shown(field, before[field])}</del>
            <span aria-hidden="true">&rarr;</span><span class="visually-hidden">${t('registry.history.becomes')}</span>
            <ins>${shown(field, after[field])}</ins></li>`)}</ul>` : nothing}
        ${details.reason ? html`<span class="detail">${t('registry.history.reason', { reason: details.reason })}</span>`
          : nothing}
      </li>`;
  }

  historyView() {
    const list = this.history;
    return html`
      <section class="card" aria-labelledby="doc-history-title">
        <h2 id="doc-history-title">${t('registry.history.title')}</h2>
        ${list === null ? html`<p class="muted" role="status">${t('common.loading')}</p>`
          : list.length === 0 ? html`<p class="muted">${t('registry.history.none')}</p>`
            : html`<ol id="doc-history" class="plain-list history">${list.map((h) => this.historyEntry(h))}</ol>`}
      </section>`;
  }

  accessView() {
    if (!this.access) {
      return nothing;
    }
    return html`
      <section class="card" aria-labelledby="doc-access-title">
        <h2 id="doc-access-title">${t('registry.access.title')}</h2>
        <p class="intro">${t('registry.access.intro')}</p>
        ${this.access.length === 0 ? html`<p class="muted">${t('registry.access.none')}</p>` : html`
          <table id="doc-access" class="data">
            <caption class="visually-hidden">${t('registry.access.title')}</caption>
            <thead><tr>
              <th scope="col">${t('registry.access.time')}</th>
              <th scope="col">${t('registry.access.who')}</th>
              <th scope="col">${t('registry.access.action')}</th>
            </tr></thead>
            <tbody>${this.access.map((a) => html`<tr>
              <td>${formatDateTime(a.at)}</td>
              <th scope="row">${a.fullName || a.username}<span class="code">${a.username}</span></th>
              <td>${ACCESS[a.action] ? ACCESS[a.action]() : a.action}</td></tr>`)}</tbody>
          </table>`}
      </section>`;
  }

  // --- corrections and voiding ----------------------------------------------------------------------

  correctableFields() {
    const d = this.doc;
    return (CORRECTABLE[d.kind] || []).filter((f) => !(d.stub && STUB_LOCKED.includes(f)));
  }

  /** The value input of the field being corrected, filled with the current value. */
  correctionInput(field) {
    const d = this.doc;
    const spec = { id: 'correction-value', name: 'newValue', label: t('registry.correction.newValue'), required: field === 'subject' };
    if (field === 'priority') {
      return selectField({ ...spec, value: d.priority }, PRIORITIES.map((p) => [p, priorityLabel(p)]));
    }
    if (field === 'arrivalMethod') {
      return selectField({ ...spec, value: d.arrivalMethod }, ARRIVAL_METHODS.map((m) => [m, arrivalLabel(m)]));
    }
    if (DATE_FIELDS.includes(field)) {
      return dateField({ ...spec, value: formatDate(d[field]) });
    }
    if (field === 'subject' || field === 'description') {
      return html`<div class="field"><label for="correction-value">${spec.label}</label>
        <textarea id="correction-value" name="newValue" rows="3" maxlength=${field === 'subject' ? 500 : 1000}
          .value=${d[field] || ''}></textarea></div>`;
    }
    const numeric = ['pageAmount', 'issuedAmount'].includes(field);
    return inputField({ ...spec, type: numeric ? 'number' : 'text', min: numeric ? 0 : undefined, value: d[field] ?? '' });
  }

  async onCorrect(event) {
    event.preventDefault();
    const f = event.target.elements;
    const field = this.correcting.field;
    let value = f.newValue.value.trim();
    const reason = f.reason.value.trim();
    if (DATE_FIELDS.includes(field) && value) {
      value = parseDate(value);
      if (!value) {
        this.actionError = { key: 'registry.form.dateFormat' };
        return;
      }
    }
    if (!reason) {
      this.actionError = { key: 'registry.correction.reasonRequired' };
      return;
    }
    const typed = value === '' ? null : (['priority', 'pageAmount', 'issuedAmount'].includes(field) ? Number(value) : value);
    this.busy = true;
    this.actionError = null;
    try {
      this.doc = await api.post(`${API}/documents/${this.doc.id}/corrections`, { changes: { [field]: typed }, reason });
      this.correcting = null;
      this.notice = { key: 'registry.correction.done', params: { field: fieldLabel(field) } };
      this.history = chronological(await api.get(`${API}/documents/${this.doc.id}/history`).catch(() => this.history));
    } catch (e) {
      this.actionError = { text: e.message };
    } finally {
      this.busy = false;
    }
  }

  correctionDialog() {
    if (!this.correcting) {
      return nothing;
    }
    const field = this.correcting.field;
    const cancel = () => { this.correcting = null; this.actionError = null; };
    return html`
      <dialog id="correction" class="dialog" aria-labelledby="correction-title"
        @cancel=${(e) => { e.preventDefault(); cancel(); }}>
        <form novalidate @submit=${this.onCorrect}>
          <h2 id="correction-title">${t('registry.correction.title')}</h2>
          <p>${t('registry.correction.intro')}</p>
          ${selectField({ id: 'correction-field', name: 'field', label: t('registry.correction.field'), value: field,
            onChange: (e) => { this.correcting = { field: e.target.value }; } },
            this.correctableFields().map((x) => [x, fieldLabel(x)]))}
          <p class="hint">${t('registry.correction.current', { value: shown(field, this.doc[field]) })}</p>
          ${this.correctionInput(field)}
          <div class="field">
            <label for="correction-reason">${t('registry.correction.reason')}</label>
            <textarea id="correction-reason" name="reason" rows="2" maxlength="500" required></textarea>
          </div>
          ${errorLine(this.actionError, 'correction-error')}
          <div class="actions">
            <button id="correction-submit" class="primary" type="submit" ?disabled=${this.busy}>
              ${t('registry.correction.submit')}</button>
            <button id="correction-cancel" type="button" @click=${cancel}>${t('password.cancel')}</button>
          </div>
        </form>
      </dialog>`;
  }

  async onVoid(reason) {
    if (!reason) {
      this.actionError = { key: 'registry.void.reasonRequired' };
      return;
    }
    this.busy = true;
    this.actionError = null;
    try {
      this.doc = await api.post(`${API}/documents/${this.doc.id}/void`, { reason });
      this.voiding = false;
      this.notice = { key: 'registry.void.done' };
      this.history = chronological(await api.get(`${API}/documents/${this.doc.id}/history`).catch(() => this.history));
    } catch (e) {
      this.actionError = { text: e.message };
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (this.error) {
      return html`<p class="breadcrumb"><a href="#/search">${t('registry.tab.search')}</a></p>
        ${errorLine(this.error, 'doc-error')}`;
    }
    const d = this.doc;
    if (!d) {
      return html`<p class="muted" role="status">${t('common.loading')}</p>`;
    }
    return html`
      <p class="breadcrumb"><a href="#/search/${d.registerId}">${t('registry.document.backToRegister')}</a></p>
      <section class="card" aria-labelledby="doc-title">
        <div class="section-head">
          <h2 id="doc-title">${d.kind === 'incoming' ? t('registry.document.incomingNumber') : t('registry.document.outgoingNumber')}
            <span id="doc-number" class="doc-number">${d.number}</span>
            ${d.period ? html`<span class="muted">${t('registry.document.periodOf', { period: d.period })}</span>` : nothing}</h2>
          <div class="row-actions">
            ${statusPill(d.status, 'doc-status')}
            ${d.stub ? pill(t('registry.document.stub'), 'bad', { id: 'doc-stub', status: 'stub' }) : nothing}
            ${d.backfilled ? pill(t('registry.document.backfilled'), 'warn', { id: 'doc-backfilled', status: 'backfilled' })
              : nothing}
          </div>
        </div>
        ${this.notice ? html`<p id="doc-notice" class="notice" role="status">${t(this.notice.key, this.notice.params)}</p>`
          : nothing}
        ${d.status === 'void' ? html`<p id="doc-void-reason" class="error">${t('registry.document.voidReason', {
          reason: d.voidReason || '' })}</p>` : nothing}
        ${d.stub ? html`<p class="hint">${t('registry.document.stubNote')}</p>` : nothing}
        ${d.backfilled ? html`<p class="hint">${t('registry.document.backfilledNote', { incident: d.incidentRef || '' })}</p>`
          : nothing}
        ${this.factsView(d)}
        ${this.mayChange ? html`<div class="actions">
          <button id="doc-correct" type="button" @click=${() => {
            this.actionError = null; this.correcting = { field: this.correctableFields()[0] };
          }}>${t('registry.correction.open')}</button>
          <button id="doc-void" type="button" @click=${() => { this.actionError = null; this.voiding = true; }}>
            ${t('registry.void.open')}</button>
        </div>` : nothing}
      </section>
      <div class="stack doc-sections">
        ${this.filesView(d)}
        ${this.historyView()}
        ${this.accessView()}
      </div>
      ${this.correctionDialog()}
      ${noteDialog(this.voiding, {
        id: 'void',
        title: t('registry.void.title'),
        summary: t('registry.void.summary', { number: numberText(d) }),
        label: t('registry.void.reason'),
        required: true,
        submitLabel: t('registry.void.submit'),
        busy: this.busy,
        error: this.actionError,
        onSubmit: (note) => this.onVoid(note),
        onCancel: () => { this.voiding = false; this.actionError = null; },
      })}`;
  }
}

customElements.define('registry-document', RegistryDocument);
