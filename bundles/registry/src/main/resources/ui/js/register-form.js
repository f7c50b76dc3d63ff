/*
 * Registration of a document in one register (#/registers/<id>/new).
 *   incoming: arrival date (today by default) and method, the issuer, its number and notation as printed,
 *             issued date, type, subject, priority, due date, the units or people it goes to;
 *   outgoing: type, subject, signer, the places it is sent to (noi nhan), issued amount.
 * The main file (and annexes) are uploaded on submit; a PDF is previewed in the page with PDF.js first.
 * Back-filled entries (paper handled during an outage) carry the incident and their real date. A secret
 * document gets a number only: no subject, no file. A likely duplicate is shown before registering anyway.
 */
import { html, nothing } from 'lit';
import { t, today, formatDate } from '/console/js/i18n.js';
import { api, isProblem } from '/console/js/api.js';
import { errorLine } from '/console/js/views.js';
import {
  API, Screen, ACCEPTED_FILES, ARRIVAL_METHODS, PRIORITIES, SECRECY_LEVELS, arrivalLabel, priorityLabel,
  secrecyLabel, kindLabel, inputField, dateField, selectField, typedDate, lines, isPdf, uploadFile, numberText,
  problemField, sizeText, originalText, subjectText,
} from './common.js';
import './preview.js';

/** Competence marks written before the signer's title (Decree 30: T/M, K/T, T/L, TUQ...). */
const COMPETENCES = ['T/M', 'K/T', 'T/L', 'TUQ', 'Q'];

/** Input of each draft field, to focus the one a refusal names. */
const INPUT_OF = {
  typeCode: 'reg-type', subject: 'reg-subject', organName: 'reg-organ', organId: 'reg-organ-id',
  originalNumber: 'reg-original-number', originalNotation: 'reg-original-notation', issuedDate: 'reg-issued-date',
  dueDate: 'reg-due-date', arrivalDate: 'reg-arrival-date', arrivalMethod: 'reg-arrival-method',
  incidentRef: 'reg-incident-ref', realDate: 'reg-real-date', priority: 'reg-priority', issuedAmount: 'reg-issued-amount',
  pageAmount: 'reg-page-amount', description: 'reg-description', 'signer.position': 'reg-signer-position',
  'signer.fullName': 'reg-signer-name', 'signer.competence': 'reg-signer-competence', to: 'reg-to', toPlaces: 'reg-to-places',
};

/** Uploads already done for a chosen File (a resubmission after a duplicate warning does not send it again). */
const uploaded = new WeakMap();

async function stored(file, role) {
  let answer = uploaded.get(file);
  if (!answer) {
    answer = await uploadFile(file);
    uploaded.set(file, answer);
  }
  return { sha256: answer.sha256, fileName: file.name, role, pages: answer.pages };
}

class RegistryRegistration extends Screen {
  static properties = {
    registerId: { attribute: false },
    secrecy: { state: true },
    backfilled: { state: true },
    mainFile: { state: true },
    previewBytes: { state: true },
    busy: { state: true },
    error: { state: true },
    fileError: { state: true },
    invalid: { state: true },
    duplicates: { state: true }, // [Document] of a 409 answer, with the draft kept in this.pending
    classified: { state: true }, // the 422 answer's text
  };

  constructor() {
    super();
    this.registerId = null;
    this.secrecy = 'none';
    this.backfilled = false;
    this.mainFile = null;
    this.previewBytes = null;
    this.busy = false;
    this.error = null;
    this.fileError = null;
    this.invalid = null;
    this.duplicates = null;
    this.classified = null;
    this.pending = null;
  }

  get register() {
    return this.registerById(this.registerId);
  }


  get incoming() {
    return this.register && this.register.kind === 'incoming';
  }

  get stub() {
    return this.secrecy !== 'none';
  }

  async onMainFile(event) {
    const file = event.target.files && event.target.files[0];
    this.fileError = null;
    this.mainFile = file || null;
    this.previewBytes = null;
    if (file && isPdf(file)) {
      this.previewBytes = new Uint8Array(await file.arrayBuffer());
    }
  }

  onSecrecy(event) {
    this.secrecy = event.target.value;
    if (this.stub) {
      this.mainFile = null; // a secret document's file never leaves the clerk's machine
      this.previewBytes = null;
      this.fileError = null;
    }
  }

  fail(message, name) {
    this.error = message;
    this.invalid = name || null;
    this.updateComplete.then(() => {
      const input = name && this.querySelector(`#${INPUT_OF[name] || ''}`);
      (input || this.querySelector('#reg-error'))?.focus();
    });
  }

  /** The draft from the form, or null after naming the first field to fix. */
  draft(f) {
    const incoming = this.incoming;
    const dates = {};
    const named = {
      issuedDate: f.issuedDate, dueDate: f.dueDate, arrivalDate: f.arrivalDate, realDate: f.realDate,
    };
    for (const [name, input] of Object.entries(named)) {
      if (input) {
        const value = typedDate(input.value);
        if (value === null) {
          this.fail({ key: 'registry.form.dateFormat' }, name);
          return null;
        }
        dates[name] = value;
      }
    }
    if (!f.typeCode.value) {
      this.fail({ key: 'registry.form.typeRequired' }, 'typeCode');
      return null;
    }
    if (!this.stub && !f.subject.value.trim()) {
      this.fail({ key: 'registry.form.subjectRequired' }, 'subject');
      return null;
    }
    if (incoming && !f.organName.value.trim()) {
      this.fail({ key: 'registry.form.organRequired' }, 'organName');
      return null;
    }
    if (this.backfilled && !f.incidentRef.value.trim()) {
      this.fail({ key: 'registry.form.incidentRequired' }, 'incidentRef');
      return null;
    }
    if (this.backfilled && !dates.realDate) {
      this.fail({ key: 'registry.form.realDateRequired' }, 'realDate');
      return null;
    }
    const text = (input) => (input && input.value.trim()) || null;
    const number = (input) => (input && input.value.trim() ? Number(input.value) : null);
    const signer = incoming ? null : {
      position: text(f.signerPosition), fullName: text(f.signerName), competence: text(f.signerCompetence),
    };
    return {
      registerId: this.registerId,
      typeCode: f.typeCode.value,
      issuedDate: (!incoming && this.backfilled ? dates.realDate : dates.issuedDate) || null,
      organName: text(f.organName),
      organId: text(f.organId),
      subject: this.stub ? null : text(f.subject),
      pageAmount: number(f.pageAmount),
      description: this.stub ? null : text(f.description),
      signer: signer && (signer.position || signer.fullName || signer.competence) ? signer : null,
      to: this.stub || !f.to ? [] : lines(f.to.value),
      toPlaces: f.toPlaces ? lines(f.toPlaces.value) : [],
      priority: Number(f.priority.value),
      issuedAmount: number(f.issuedAmount),
      dueDate: dates.dueDate || null,
      arrivalDate: incoming ? ((this.backfilled ? dates.realDate : dates.arrivalDate) || null) : null,
      arrivalMethod: incoming ? f.arrivalMethod.value : null,
      originalNumber: text(f.originalNumber),
      originalNotation: text(f.originalNotation),
      secrecy: this.secrecy,
      backfilled: this.backfilled,
      incidentRef: this.backfilled ? text(f.incidentRef) : null,
      files: [],
      confirmDuplicate: false,
    };
  }

  async onSubmit(event) {
    event.preventDefault();
    const f = event.target.elements;
    this.error = null;
    this.invalid = null;
    this.duplicates = null;
    this.classified = null;
    const draft = this.draft(f);
    if (!draft) {
      return;
    }
    this.busy = true;
    try {
      if (!this.stub) {
        const annexes = Array.from((f.annexes && f.annexes.files) || []);
        try {
          draft.files = [
            ...(this.mainFile ? [await stored(this.mainFile, 'main')] : []),
            ...await Promise.all(annexes.map((file) => stored(file, 'annex'))),
          ];
        } catch (e) {
          this.fileError = { text: e.message };
          this.updateComplete.then(() => this.querySelector('#reg-file')?.focus());
          return;
        }
        const main = draft.files.find((x) => x.role === 'main');
        if (draft.pageAmount === null && main && main.pages > 0) {
          draft.pageAmount = main.pages; // the pages of the main file, when the clerk did not count them
        }
        draft.files = draft.files.map(({ sha256, fileName, role }) => ({ sha256, fileName, role }));
      }
      await this.send(draft);
    } finally {
      this.busy = false;
    }
  }

  async send(draft) {
    try {
      const doc = await api.post(`${API}/documents`, draft);
      this.pending = null;
      this.page.flash = { key: 'registry.form.registered', params: { number: numberText(doc) } };
      window.location.hash = `#/documents/${doc.id}`;
    } catch (e) {
      if (isProblem(e, 'duplicate-document')) {
        this.pending = draft;
        this.duplicates = (e.problem && e.problem.duplicates) || [];
        this.updateComplete.then(() => this.querySelector('#reg-duplicates h3')?.focus());
      } else if (isProblem(e, 'classified-refused') || isProblem(e, 'classified-content')) {
        this.classified = { text: e.message };
        this.updateComplete.then(() => this.querySelector('#reg-classified')?.focus());
      } else {
        let field = problemField(e);
        if (this.backfilled && field === (this.incoming ? 'arrivalDate' : 'issuedDate')) {
          field = 'realDate'; // the back-filled entry's real date stands in for it
        }
        this.fail({ text: e.message }, INPUT_OF[field] ? field : null);
      }
    }
  }

  async onConfirmDuplicate() {
    if (!this.pending) {
      return;
    }
    this.busy = true;
    this.duplicates = null;
    try {
      await this.send({ ...this.pending, confirmDuplicate: true });
    } finally {
      this.busy = false;
    }
  }

  duplicatesView() {
    if (!this.duplicates) {
      return nothing;
    }
    return html`
      <section id="reg-duplicates" class="card warning-card" aria-labelledby="reg-duplicates-title">
        <h3 id="reg-duplicates-title" tabindex="-1">${t('registry.form.duplicateTitle')}</h3>
        <p>${t('registry.form.duplicateIntro')}</p>
        <ul class="plain-list">${this.duplicates.map((d) => html`
          <li data-duplicate=${d.id}>
            <a href="#/documents/${d.id}" target="_blank" rel="noopener">${t('registry.form.duplicateEntry', {
              number: d.number, period: d.period, notation: originalText(d),
              organ: d.organName || '', date: formatDate(d.arrivalDate || d.registeredAt) })}</a>
            <span class="detail">${subjectText(d)}</span></li>`)}
        </ul>
        <div class="actions">
          <button id="reg-confirm-duplicate" class="primary" type="button" ?disabled=${this.busy}
            @click=${this.onConfirmDuplicate}>${t('registry.form.registerAnyway')}</button>
          <button id="reg-duplicates-cancel" type="button" @click=${() => { this.duplicates = null; this.pending = null; }}>
            ${t('registry.form.notRegister')}</button>
        </div>
      </section>`;
  }

  classifiedView() {
    if (!this.classified) {
      return nothing;
    }
    return html`
      <section id="reg-classified" class="error" role="alert" tabindex="-1">
        <p><strong>${t('registry.form.classifiedTitle')}</strong></p>
        <p>${t('registry.form.classifiedWhy')}</p>
        <p class="detail">${this.classified.text}</p>
      </section>`;
  }

  secrecyWarning() {
    if (!this.stub) {
      return nothing;
    }
    const yearly = this.register.scope !== 'type-term';
    return html`<p id="reg-secrecy-warning" class="error" role="alert">
      ${yearly ? t('registry.form.secretRefusedHere') : t('registry.form.secretNumberOnly')}</p>`;
  }

  incomingFields(inv) {
    return html`
      <fieldset>
        <legend>${t('registry.form.arrival')}</legend>
        <div class="form-grid">
          ${this.backfilled ? nothing : dateField({ id: 'reg-arrival-date', name: 'arrivalDate', required: true,
            label: t('registry.field.arrivalDate'), value: today() }, inv)}
          ${selectField({ id: 'reg-arrival-method', name: 'arrivalMethod', label: t('registry.field.arrivalMethod'),
            value: 'system', required: true }, ARRIVAL_METHODS.map((m) => [m, arrivalLabel(m)]), inv)}
        </div>
      </fieldset>
      <fieldset>
        <legend>${t('registry.form.issuer')}</legend>
        <div class="form-grid">
          ${inputField({ id: 'reg-organ', name: 'organName', label: t('registry.field.organName'), required: true,
            maxlength: 200 }, inv)}
          ${inputField({ id: 'reg-organ-id', name: 'organId', label: t('registry.field.organId'), maxlength: 30,
            hint: t('registry.form.organIdHint') }, inv)}
          ${inputField({ id: 'reg-original-number', name: 'originalNumber', label: t('registry.field.originalNumber'),
            maxlength: 11, hint: t('registry.form.asPrinted') }, inv)}
          ${inputField({ id: 'reg-original-notation', name: 'originalNotation', maxlength: 30,
            label: t('registry.field.originalNotation'), hint: t('registry.form.notationHint') }, inv)}
          ${dateField({ id: 'reg-issued-date', name: 'issuedDate', label: t('registry.field.issuedDate') }, inv)}
        </div>
      </fieldset>`;
  }

  outgoingFields(inv) {
    return html`
      <fieldset>
        <legend>${t('registry.field.signer')}</legend>
        <div class="form-grid">
          ${inputField({ id: 'reg-signer-competence', name: 'signerCompetence', label: t('registry.field.competence'),
            maxlength: 10, list: 'reg-competences', hint: t('registry.form.competenceHint') }, inv)}
          ${inputField({ id: 'reg-signer-position', name: 'signerPosition', label: t('registry.field.signerPosition'),
            maxlength: 100 }, inv)}
          ${inputField({ id: 'reg-signer-name', name: 'signerName', label: t('registry.field.signerName'),
            maxlength: 50 }, inv)}
        </div>
        <datalist id="reg-competences">${COMPETENCES.map((c) => html`<option value=${c}></option>`)}</datalist>
      </fieldset>`;
  }

  fileFields() {
    if (this.stub) {
      return nothing;
    }
    const f = this.mainFile;
    return html`
      <fieldset>
        <legend id="reg-files-legend">${t('registry.form.files')}</legend>
        <div class="field">
          <label for="reg-file">${t('registry.form.mainFile')} <span class="muted">${t('registry.optional')}</span></label>
          <input id="reg-file" name="mainFile" type="file" accept=${ACCEPTED_FILES} @change=${this.onMainFile}
            aria-describedby="reg-file-hint" aria-invalid=${this.fileError ? 'true' : nothing}>
          <p id="reg-file-hint" class="hint">${t('registry.form.fileHint')}</p>
          ${f ? html`<p id="reg-file-chosen" class="hint">${t('registry.form.fileChosen', {
            name: f.name, size: sizeText(f.size) })}</p>` : nothing}
          ${errorLine(this.fileError, 'reg-file-error')}
        </div>
        <registry-pdf-preview id="reg-preview" .source=${this.previewBytes}
          .label=${t('registry.preview.labelOf', { name: f ? f.name : '' })}></registry-pdf-preview>
        <div class="field">
          <label for="reg-annexes">${t('registry.form.annexes')} <span class="muted">${t('registry.optional')}</span></label>
          <input id="reg-annexes" name="annexes" type="file" multiple accept=${ACCEPTED_FILES}>
        </div>
      </fieldset>`;
  }

  contentFields(inv) {
    const incoming = this.incoming;
    const types = this.ref.types.filter((x) => x.active);
    return html`
      <fieldset>
        <legend>${t('registry.form.content')}</legend>
        <div class="form-grid">
          ${selectField({ id: 'reg-type', name: 'typeCode', label: t('registry.field.type'), required: true, value: '' },
            [['', t('registry.form.chooseType')], ...types.map((x) => [x.code, `${x.name} (${x.code})`])], inv)}
          ${selectField({ id: 'reg-secrecy', name: 'secrecy', label: t('registry.field.secrecy'), value: this.secrecy,
            onChange: (e) => this.onSecrecy(e) }, SECRECY_LEVELS.map((s) => [s, secrecyLabel(s)]), inv)}
          ${selectField({ id: 'reg-priority', name: 'priority', label: t('registry.field.priority'), value: 0 },
            PRIORITIES.map((p) => [p, priorityLabel(p)]), inv)}
          ${dateField({ id: 'reg-due-date', name: 'dueDate', label: t('registry.field.dueDate') }, inv)}
          ${inputField({ id: 'reg-page-amount', name: 'pageAmount', type: 'number', min: 0, max: 100000,
            label: t('registry.field.pageAmount'), hint: this.stub ? null : t('registry.form.pageAmountHint') }, inv)}
          ${incoming ? nothing : inputField({ id: 'reg-issued-amount', name: 'issuedAmount', type: 'number', min: 0,
            max: 1000000, label: t('registry.field.issuedAmount') }, inv)}
        </div>
        ${this.secrecyWarning()}
        ${this.stub ? nothing : html`
          <div class="field">
            <label for="reg-subject">${t('registry.field.subject')}</label>
            <textarea id="reg-subject" name="subject" rows="3" maxlength="500" required
              aria-invalid=${inv === 'subject' ? 'true' : nothing}></textarea>
          </div>`}
      </fieldset>`;
  }

  recipientFields() {
    const incoming = this.incoming;
    if (incoming && this.stub) {
      return nothing; // nothing of a secret document's content or circulation is kept
    }
    return html`
      <fieldset>
        <legend>${t('registry.form.recipients')}</legend>
        ${incoming && !this.stub ? html`
          <div class="field">
            <label for="reg-to">${t('registry.field.to')} <span class="muted">${t('registry.optional')}</span></label>
            <textarea id="reg-to" name="to" rows="3" aria-describedby="reg-to-hint"></textarea>
            <p id="reg-to-hint" class="hint">${t('registry.form.onePerLine')}</p>
          </div>` : nothing}
        ${incoming ? nothing : html`
          <div class="field">
            <label for="reg-to-places">${t('registry.field.toPlaces')}</label>
            <textarea id="reg-to-places" name="toPlaces" rows="4" aria-describedby="reg-to-places-hint"></textarea>
            <p id="reg-to-places-hint" class="hint">${t('registry.form.onePerLine')}</p>
          </div>`}
        ${this.stub ? nothing : html`
          <div class="field">
            <label for="reg-description">${t('registry.field.description')}
              <span class="muted">${t('registry.optional')}</span></label>
            <textarea id="reg-description" name="description" rows="2" maxlength="1000"></textarea>
          </div>`}
      </fieldset>`;
  }

  outageFields(inv) {
    const incoming = this.incoming;
    return html`
      <fieldset>
        <legend>${t('registry.form.outage')}</legend>
        <label class="check"><input id="reg-backfilled" name="backfilled" type="checkbox" .checked=${this.backfilled}
          aria-controls="reg-backfill" @change=${(e) => { this.backfilled = e.target.checked; }}>
          ${t('registry.form.backfilled')}</label>
        <p class="hint">${t('registry.form.backfilledHint')}</p>
        ${this.backfilled ? html`
          <div id="reg-backfill" class="form-grid">
            ${inputField({ id: 'reg-incident-ref', name: 'incidentRef', label: t('registry.field.incidentRef'),
              required: true, maxlength: 100, hint: t('registry.form.incidentHint') }, inv)}
            ${dateField({ id: 'reg-real-date', name: 'realDate', required: true,
              label: incoming ? t('registry.form.realArrivalDate') : t('registry.form.realIssuedDate') }, inv)}
          </div>` : nothing}
      </fieldset>`;
  }

  render() {
    const r = this.register;
    if (!this.reference) {
      return html`<p class="muted" role="status">${t('common.loading')}</p>`;
    }
    if (!r) {
      return html`<p id="reg-no-register" class="error" role="alert">${t('registry.form.noRegister')}</p>`;
    }
    if (!this.can.register) {
      return html`<p id="reg-not-allowed" class="error" role="alert">${t('registry.form.notAllowed')}</p>`;
    }
    const inv = this.invalid;
    const incoming = this.incoming;
    return html`
      <p class="breadcrumb"><a href="#/registers">${t('registry.tab.registers')}</a></p>
      <form id="registration-form" class="card" novalidate @submit=${this.onSubmit} aria-labelledby="reg-title">
        <h2 id="reg-title">${incoming ? t('registry.form.titleIncoming') : t('registry.form.titleOutgoing')}</h2>
        <p class="intro">${t('registry.form.intoRegister', { name: r.name, kind: kindLabel(r.kind) })}</p>
        <div class="registration-layout${this.stub ? ' single' : ''}">
          <div class="registration-fields">
            ${incoming ? this.incomingFields(inv) : nothing}
            ${this.contentFields(inv)}
            ${incoming ? nothing : this.outgoingFields(inv)}
            ${this.recipientFields()}
            ${this.outageFields(inv)}
          </div>
          ${this.stub ? nothing : html`<aside class="registration-file" aria-labelledby="reg-files-legend">
            ${this.fileFields()}</aside>`}
        </div>
        ${this.classifiedView()}
        ${errorLine(this.error, 'reg-error')}
        ${this.duplicatesView()}
        <div class="actions">
          <button id="reg-submit" class="primary" type="submit" ?disabled=${this.busy || Boolean(this.duplicates)}>
            ${this.busy ? t('registry.form.registering') : t('registry.form.submit')}</button>
          <a class="button" href="#/registers">${t('password.cancel')}</a>
        </div>
      </form>`;
  }
}

customElements.define('registry-registration', RegistryRegistration);
