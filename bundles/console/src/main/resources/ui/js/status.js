/*
 * Labels and colour tones for the states found in the module catalogue and the health answer, and
 * the labels of the platform's roles (for every module's screens).
 */
import { t } from './i18n.js';

const LABELS = {
  UP: () => t('status.UP'),
  DEGRADED: () => t('status.DEGRADED'),
  DOWN: () => t('status.DOWN'),
  ACTIVE: () => t('status.ACTIVE'),
  STARTING: () => t('status.STARTING'),
  READY: () => t('status.READY'),
  MIGRATING: () => t('status.MIGRATING'),
  STOPPING: () => t('status.STOPPING'),
  RESOLVED: () => t('status.RESOLVED'),
  INSTALLED: () => t('status.INSTALLED'),
  FAILED: () => t('status.FAILED'),
  UNAVAILABLE: () => t('status.UNAVAILABLE'),
  APPLIED: () => t('status.APPLIED'),
  SUCCESS: () => t('status.SUCCESS'),
  PENDING: () => t('status.PENDING'),
  OK: () => t('status.OK'),
  UNKNOWN: () => t('status.UNKNOWN'),
};

const TONES = {
  UP: 'ok', ACTIVE: 'ok', READY: 'ok', APPLIED: 'ok', SUCCESS: 'ok', OK: 'ok',
  DEGRADED: 'warn', STARTING: 'warn', MIGRATING: 'warn', STOPPING: 'warn', RESOLVED: 'warn', INSTALLED: 'warn', PENDING: 'warn',
  DOWN: 'bad', FAILED: 'bad', UNAVAILABLE: 'bad',
};

function normalise(state) {
  return state === null || state === undefined || state === '' ? 'UNKNOWN' : String(state).toUpperCase();
}

/** The translated label of a state; an unknown state is shown as the server sent it. */
export function statusLabel(state) {
  const label = LABELS[normalise(state)];
  return label ? label() : String(state);
}

/** ok | warn | bad | neutral */
export function statusTone(state) {
  return TONES[normalise(state)] || 'neutral';
}

const ROLE_LABELS = {
  clerk: () => t('role.clerk'),
  leader: () => t('role.leader'),
  specialist: () => t('role.specialist'),
  'agency-admin': () => t('role.agency-admin'),
  'system-admin': () => t('role.system-admin'),
};

/** The platform roles, in the order screens list them. */
export const ROLES = Object.keys(ROLE_LABELS);

/** The translated name of a role; an unknown role is shown as the server sent it. */
export function roleLabel(role) {
  const label = ROLE_LABELS[role];
  return label ? label() : String(role);
}
