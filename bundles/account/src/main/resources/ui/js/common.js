/* What the account screens share: the REST base, the caller's powers, agency names, note dialogs. */
import { html, nothing } from 'lit';
import { t } from '/console/js/i18n.js';
import { errorLine, pagerView } from '/console/js/views.js';
import { LightElement } from '/console/js/frame.js';

export const ENTRY = '/console/m/account/';
export const API = '/api/v1/account';

/** The caller's roles: those in the acting agency (account answer) and the session's. */
function roles(account, session) {
  const all = new Set((account && account.roles) || []);
  ((session && session.user && session.user.roles) || []).forEach((r) => all.add(r));
  return all;
}

/**
 * What the screens offer to the caller. The server decides in the end; this only avoids showing
 * buttons that would be refused.
 */
export function powers(account, session) {
  const r = roles(account, session);
  const systemAdmin = r.has('system-admin');
  const agencyAdmin = r.has('agency-admin');
  const leader = r.has('leader');
  return {
    systemAdmin,
    agencyAdmin,
    leader,
    seeUsers: systemAdmin || agencyAdmin || leader,
    lockUsers: systemAdmin || agencyAdmin,
    seeRequests: systemAdmin || agencyAdmin || leader,
    propose: agencyAdmin || systemAdmin,
    decide: leader,
    seeAlerts: systemAdmin || leader,
    /** Whether the users of this agency may be listed by the caller. */
    seeUsersOf: (agencyId) => systemAdmin
      || ((agencyAdmin || leader) && account && account.agencyId === agencyId),
  };
}

/** The agency's name from the directory, else from the caller's own agencies, else its id. */
export function agencyName(directory, account, id) {
  if (!id) {
    return t('account.agency.none');
  }
  const known = directory && directory.byId.get(id);
  if (known) {
    return known.name;
  }
  const own = account && (account.agencies || []).find((a) => a.agencyId === id);
  return own ? own.name : id;
}

/** Base of the screens: light DOM, the frame page and what it knows (account, session, directory). */
export class Screen extends LightElement {
  static properties = {
    page: { attribute: false },
    account: { attribute: false },
    directory: { attribute: false },
  };

  get can() {
    return powers(this.account, this.page && this.page.session);
  }
}

/**
 * A modal dialog asking for a note (decision, lock reason). Open while state is set; ids are
 * <id>, <id>-note, <id>-error, <id>-submit, <id>-cancel. options: {id, title, summary, label,
 * required, submitLabel, busy, error, onSubmit(note), onCancel()}.
 */
export function noteDialog(state, options) {
  if (!state) {
    return nothing;
  }
  const { id } = options;
  const submit = (e) => {
    e.preventDefault();
    options.onSubmit(e.target.elements.note.value.trim());
  };
  return html`
    <dialog id=${id} class="dialog" aria-labelledby="${id}-title" @cancel=${(e) => { e.preventDefault(); options.onCancel(); }}>
      <form novalidate @submit=${submit}>
        <h2 id="${id}-title">${options.title}</h2>
        ${options.summary ? html`<p>${options.summary}</p>` : nothing}
        <div class="field">
          <label for="${id}-note">${options.label}${options.required ? nothing
            : html` <span class="muted">${t('account.optional')}</span>`}</label>
          <textarea id="${id}-note" name="note" rows="3" maxlength="1000" ?required=${options.required}></textarea>
        </div>
        ${errorLine(options.error, `${id}-error`)}
        <div class="actions">
          <button id="${id}-submit" class="primary" type="submit" ?disabled=${options.busy}>${options.submitLabel}</button>
          <button id="${id}-cancel" type="button" @click=${options.onCancel}>${t('password.cancel')}</button>
        </div>
      </form>
    </dialog>`;
}

/** Opens (showModal) every closed dialog rendered in root; call from updated(). */
export function openDialogs(root) {
  root.querySelectorAll('dialog:not([open])').forEach((d) => {
    d.showModal();
    d.querySelector('textarea, input, button.primary')?.focus();
  });
}

/**
 * A screen's paged list: "loading" until the first answer, an empty note, or the table with its pager.
 * `name` gives the element ids (`<name>-table`, `<name>-empty`); `columns` are message keys.
 */
export function pagedTable(screen, { name, caption, empty, columns, actions, row }) {
  const a = screen.answer;
  if (!a) {
    return screen.error ? nothing : html`<p class="muted" role="status">${t('common.loading')}</p>`;
  }
  if (!a.items || a.items.length === 0) {
    return html`<p id="${name}-empty" class="muted">${empty}</p>`;
  }
  return html`
    <table id="${name}-table" class="data">
      <caption class="visually-hidden">${t(caption)}</caption>
      <thead><tr>
        ${columns.map((c) => html`<th scope="col">${t(c)}</th>`)}
        ${actions ? html`<th scope="col">${t('account.actions')}</th>` : nothing}
      </tr></thead>
      <tbody>${a.items.map(row)}</tbody>
    </table>
    ${pagerView(a, (page) => screen.load(page), name)}`;
}
