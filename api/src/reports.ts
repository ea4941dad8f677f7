/**
 * The api's functions for the report send workflow (`@loyaltystudio/api/reports`): the report and its tiles read
 * through the analytics service bound to the report's tenant, the delivery log, and the unsubscribe links.
 */
export { DEFAULT_ANALYTICS_SETTINGS } from './modules/analytics/analytics.settings.ts';
export { reportLinkSecret, unsubscribeUrl } from './modules/reports/reports.links.ts';
export type { Report } from './modules/reports/reports.schemas.ts';
export { createReportSends, type DeliveryTrigger, type ReportSends } from './modules/reports/reports.sends.ts';
export { dayIn } from './modules/reports/reports.tile-ranges.ts';
export type { CellFormat, TileData } from './modules/reports/reports.tiles.ts';
export { reconcileReportSchedules } from './modules/reports/reports.workflows.ts';
