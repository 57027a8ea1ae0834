import { businessCounter, businessHistogram } from '@safeguard/platform';

export const deliveries = businessCounter('alert_deliveries_total', 'Alert deliveries by outcome (delivered, or the channel failure)', ['outcome']);
/** The notifier's half of report → alert: requested to delivered (a receipt, or acceptance where there are none). */
export const alertRequestedToDelivered = businessHistogram('alert_requested_to_delivered_seconds', 'Alert requested to delivered (notifier)');
