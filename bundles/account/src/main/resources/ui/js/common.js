/* What the account screens share: the REST base, the caller's powers, agency names. */
import { t } from '/console/js/i18n.js';
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
