import { businessHistogram } from '@safeguard/platform';

/** The tracker's half of report → alert: absence reported to its first alert requested. */
export const reportToAlertRequested = businessHistogram('report_to_alert_requested_seconds', 'Absence reported to its first alert requested (episode-tracker)');
