/**
 * What the dashboard runs when it opens, shared by the page (web/) and the server, which starts
 * this run as soon as it listens so the first page load finds it in the store. Few replications,
 * so the first view appears in seconds; the page lets the user ask for more. No Node imports:
 * the browser bundle includes this file.
 */
export const DASHBOARD_DEFAULTS = {
  scenario: 'status-quo-2023',
  replications: 5,
  seed: 1,
  uncertainty: 'both',
} as const;
